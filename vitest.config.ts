import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // Type-aware rule tests build a TypeScript program per worker; they need more than the 5 s default.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
