import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSpecStore, isSpecFileName } from '../../../src/daemon/spec-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wsr-spec-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileSpecStore', () => {
  it('takes each *.yaml and *.yml of a directory as one environment, in name order', async () => {
    await writeFile(join(dir, 'staging.yml'), 'a: 1');
    await writeFile(join(dir, 'prod.yaml'), 'a: 1');
    await writeFile(join(dir, 'README.md'), '#');
    await mkdir(join(dir, 'nested.yaml'));
    expect(await new FileSpecStore(dir).list()).toEqual([
      { env: 'prod', file: join(dir, 'prod.yaml') },
      { env: 'staging', file: join(dir, 'staging.yml') },
    ]);
  });

  it('follows ConfigMap-style symlinks and ignores the hidden ..data entries', async () => {
    await mkdir(join(dir, '..data'));
    await writeFile(join(dir, '..data', 'prod.yaml'), 'a: 1');
    await symlink(join('..data', 'prod.yaml'), join(dir, 'prod.yaml'));
    expect(await new FileSpecStore(dir).list()).toEqual([{ env: 'prod', file: join(dir, 'prod.yaml') }]);
  });

  it('takes a single file as one environment named after it', async () => {
    const file = join(dir, 'corp-prod.yaml');
    await writeFile(file, 'a: 1');
    expect(await new FileSpecStore(file).list()).toEqual([{ env: 'corp-prod', file }]);
  });

  it('fails with a stable code when the path does not exist', async () => {
    await expect(new FileSpecStore(join(dir, 'missing')).list()).rejects.toMatchObject({ code: 'DAEMON_SPEC_PATH_UNREADABLE' });
  });

  it('reads a spec file again on every call (no caching: git-sync swaps files under it)', async () => {
    const file = join(dir, 'prod.yaml');
    const store = new FileSpecStore(dir);
    await writeFile(file, 'first');
    expect(await store.read(file)).toBe('first');
    await writeFile(file, 'second');
    expect(await store.read(file)).toBe('second');
  });

  it.each([
    ['prod.yaml', true],
    ['prod.YML', true],
    ['.hidden.yaml', false],
    ['prod.json', false],
  ])('%s is a spec file name: %s', (name, expected) => {
    expect(isSpecFileName(name)).toBe(expected);
  });
});
