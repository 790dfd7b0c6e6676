/** Runs the CLI as a child process (bin/wsr.js, as a user would) and collects its output. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const WSR_BIN = fileURLToPath(new URL('../../bin/wsr.js', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunWsrOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Another copy of bin/wsr.js to run. @default WSR_BIN */
  readonly bin?: string;
}

export function runWsr(args: readonly string[], options: RunWsrOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? WSR_BIN, ...args], {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
