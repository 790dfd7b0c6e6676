/**
 * vitest globalSetup of the projects that run the CLI as a process: they test what ships,
 * `bin/wsr.js` → `dist/`, so a dist/ older than any source file is rebuilt first (`npm ci`
 * builds it through `prepare`; this only catches edits made since).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT_ENTRY = join(ROOT, 'dist', 'main.js');

export default function buildDistIfStale(): void {
  if (existsSync(BUILT_ENTRY) && newestSourceMs(join(ROOT, 'src')) <= statSync(BUILT_ENTRY).mtimeMs) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

function newestSourceMs(directory: string): number {
  let newest = statSync(directory).mtimeMs;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}
