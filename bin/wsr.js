#!/usr/bin/env node
// In a checkout (src/ present) run the TypeScript sources through tsx, so a fresh clone works
// without a build step and a stale dist/ can never shadow edited sources. The container image
// ships dist/ without src/ and runs the compiled build.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sources = fileURLToPath(new URL('../src/main.ts', import.meta.url));
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(sources).href);
} else {
  await import(new URL('../dist/main.js', import.meta.url).href);
}
