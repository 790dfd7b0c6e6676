/**
 * Where the daemon's spec files come from: one file, or a directory whose `*.yaml|*.yml`
 * files are one environment each. Read-only: nothing is written (the root filesystem of
 * the container may be read-only). Listed and read again on every cycle, so a git-sync
 * sidecar or a mounted ConfigMap (files are symlinks into `..data/`) just works.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { WsrError } from '../errors.js';

export interface SpecFileRef {
  /** Environment id: the file name without its extension. */
  readonly env: string;
  readonly file: string;
}

export interface SpecStore {
  list(): Promise<SpecFileRef[]>;
  read(file: string): Promise<string>;
}

const SPEC_EXTENSIONS = new Set(['.yaml', '.yml']);

export function isSpecFileName(name: string): boolean {
  return !name.startsWith('.') && SPEC_EXTENSIONS.has(extname(name).toLowerCase());
}

export function environmentIdOf(file: string): string {
  return basename(file, extname(file));
}

export class FileSpecStore implements SpecStore {
  constructor(private readonly path: string) {}

  async list(): Promise<SpecFileRef[]> {
    const info = await statOrThrow(this.path);
    if (!info.isDirectory()) return [{ env: environmentIdOf(this.path), file: this.path }];
    const names = (await readdir(this.path)).filter(isSpecFileName).sort();
    const refs: SpecFileRef[] = [];
    for (const name of names) {
      const file = join(this.path, name);
      // stat follows symlinks: ConfigMap entries are links to regular files
      if ((await stat(file).catch(() => undefined))?.isFile()) refs.push({ env: environmentIdOf(file), file });
    }
    return refs;
  }

  read(file: string): Promise<string> {
    return readFile(file, 'utf8');
  }
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    throw new WsrError('DAEMON_SPEC_PATH_UNREADABLE', `cannot read spec path ${path}: ${(error as Error).message}`, { source: 'user', cause: error });
  }
}
