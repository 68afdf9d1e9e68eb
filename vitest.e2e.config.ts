import { defineConfig } from 'vitest/config';

// The end-to-end test: packs the plugin, installs it into a fresh app from the npm registry and uses
// it as the README says. Separate from `npm test` (it needs a build and the registry); `.ci/run` runs it.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    // One app, set up once, used by every step in order.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
