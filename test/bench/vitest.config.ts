/**
 * `npm run bench:smoke`: the benchmark's own smoke test (`npm run bench -- --quick` exits 0 and
 * writes every scenario). It runs the whole quick benchmark (about a minute on two cores), so it
 * is kept out of `npm test`, whose projects are in the root vitest.config.ts.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    name: 'bench',
    include: ['test/bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
  },
});
