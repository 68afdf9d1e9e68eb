import os from 'node:os';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The sources load TypeScript through a CommonJS shim (src/analysis/typescript.cts, see there for
    // why), which Vite cannot transform; tests load the package itself, the very module the shim hands out.
    alias: [{ find: /^(?:\.\.?\/)+(?:analysis\/)?typescript\.cjs$/, replacement: 'typescript' }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // Type-aware rule tests build a TypeScript program per worker; they need more than the 5 s default.
    testTimeout: 60_000,
    // Test files of a worker share loaded modules, so typescript-eslint's project service and the SDKs'
    // parsed declarations are built once per worker instead of once per file (a quarter of the suite's
    // time). The rules keep their caches per program, so files do not see each other's results.
    isolate: false,
    // Vitest's default leaves one core free; the suite is CPU-bound type checking, so on a 2-core CI
    // machine that is one worker. Every core, up to 4 (each worker holds its own TypeScript programs).
    maxWorkers: Math.min(4, Math.max(1, os.availableParallelism())),
    hookTimeout: 60_000,
  },
});
