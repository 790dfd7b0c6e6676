import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
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

  it('keeps the last good spec in a private directory removed on close', async () => {
    const store = new FileSpecStore(dir);
    const kept = await store.keepLastGood('prod', 'good: true\n');
    expect(await readFile(kept, 'utf8')).toBe('good: true\n');
    await store.close();
    await expect(readFile(kept, 'utf8')).rejects.toThrow();
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
