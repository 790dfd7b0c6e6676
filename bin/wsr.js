#!/usr/bin/env node
// Runs the compiled CLI in dist/ — the code that ships is the code the tests run. `npm ci` builds
// it (the `prepare` script); after editing src/ run `npm run build` (the e2e tests rebuild a stale
// dist/ themselves), or `npm run wsr:src -- …` to run the sources through tsx.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('error CLI_NOT_BUILT: dist/main.js is missing (run `npm run build`, or `npm ci`, which builds it)\n');
  process.exit(1);
}
await import(entry.href);
