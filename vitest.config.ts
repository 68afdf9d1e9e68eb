import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // Type-aware rule tests build a TypeScript program per worker; they need more than the 5 s default.
    testTimeout: 60_000,
    // Test files of a worker share loaded modules, so typescript-eslint's project service and the SDKs'
    // parsed declarations are built once per worker instead of once per file (a quarter of the suite's
    // time). The rules keep their caches per program, so files do not see each other's results.
    isolate: false,
    hookTimeout: 60_000,
  },
});
