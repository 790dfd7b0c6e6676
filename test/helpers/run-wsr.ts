/** Runs the CLI as a child process (bin/wsr.js, as a user would) and collects its output. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
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
  return runProcess(process.execPath, [options.bin ?? WSR_BIN, ...args], options);
}

/** Runs any command to its end (no stdin, no colour, no SDK Node-version warning) and collects its output. */
export function runProcess(command: string, args: readonly string[], options: Pick<RunWsrOptions, 'cwd' | 'env'> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
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

/** A long-running `wsr emulator` or `wsr daemon` process and the address it listens on. */
export interface WsrServer {
  readonly child: ChildProcessWithoutNullStreams;
  /** From the first stdout line, `listening on http://HOST:PORT`. */
  readonly url: string;
  stderr(): string;
}

/** Starts `node bin/wsr.js …` and resolves with the address from its first stdout line. */
export function startWsrServer(args: readonly string[], options: RunWsrOptions = {}): Promise<WsrServer> {
  const child = spawn(process.execPath, [options.bin ?? WSR_BIN, ...args], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (!match) return reject(new Error(`unexpected first line: ${line}\n${stderr}`));
      resolve({ child, url: match[1]!, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`wsr ${args[0]} exited ${code} before listening:\n${stderr}`)));
  });
}
