import { defineConfig } from 'vitest/config';

/** Projects that spawn bin/wsr.js run against dist/, rebuilt first when a source is newer. */
const BUILT_CLI = ['test/helpers/build-dist.ts'];

export default defineConfig({
  test: {
    projects: [
      // property tests run hundreds of cases; under a loaded 2-core CI machine 5 s is too tight
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000, globalSetup: BUILT_CLI } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 60_000, globalSetup: BUILT_CLI } },
    ],
  },
});
