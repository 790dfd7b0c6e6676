import { defineConfig } from 'vitest/config';

/** Projects that spawn bin/wsr.js run against dist/, rebuilt first when a source is newer. */
const BUILT_CLI = ['test/helpers/build-dist.ts'];

export default defineConfig({
  test: {
    // Most integration and e2e time is waiting (transitions on the emulator's clock, read pacing,
    // daemon cycles, CLI processes starting), not CPU: vitest's default of one worker per core
    // less one ran the suite file by file on a 2-core machine. Three files at a time keep both
    // cores busy (integration: 400 s → 141 s, same 373 tests, load ~18).
    maxWorkers: 3,
    projects: [
      // property tests run hundreds of cases; under a loaded 2-core CI machine 5 s is too tight.
      // isolate: false — the unit files share a worker's module graph instead of re-importing it
      // per file (they keep no module state between files; fake timers and env stubs are undone).
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000, isolate: false } },
      // each file starts its own emulators on port 0 and writes to its own temp directories
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: BUILT_CLI,
          isolate: false,
        },
      },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 60_000, globalSetup: BUILT_CLI } },
    ],
  },
});
