import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTagsCommand, DescribeTagsCommand, DescribeWorkspaceDirectoriesCommand, DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { startTestEmulator } from '../../helpers/start-emulator.js';
import { aRegisteredDirectory, aWorkspace } from './given.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wsr-emulator-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('state file', () => {
  it('keeps the account across a restart, including transitions still running', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startTestEmulator({ stateFile, timeScale: 1 });
    await aRegisteredDirectory(first.client);
    await first.advance(300);
    const id = await aWorkspace(first.client);
    await first.client.send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: 'k', Value: 'v' }] }));
    await first.stop();

    const second = await startTestEmulator({ stateFile, timeScale: 1 });
    try {
      expect((await second.client.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories?.[0]?.State).toBe('REGISTERED');
      expect((await second.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0]?.State).toBe('PENDING');
      expect((await second.client.send(new DescribeTagsCommand({ ResourceId: id }))).TagList).toEqual([{ Key: 'k', Value: 'v' }]);
      await second.advance(20 * 60);
      expect((await second.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0]?.State).toBe('AVAILABLE');
      // the one-WorkSpace-per-user index was rebuilt too
      const again = await second.client.send(new DescribeWorkspacesCommand({ DirectoryId: 'd-9067a1b2c3', UserName: 'alice' }));
      expect(again.Workspaces?.map((w) => w.WorkspaceId)).toEqual([id]);
    } finally {
      await second.stop();
    }
  });

  it('is written after every mutating call, atomically (no temp file left behind)', async () => {
    const stateFile = join(dir, 'state.json');
    const emulator = await startTestEmulator({ stateFile });
    try {
      await aRegisteredDirectory(emulator.client);
      const snapshot = JSON.parse(readFileSync(stateFile, 'utf8')) as { families: { directories: [string, unknown][] } };
      expect(snapshot.families.directories.map(([id]) => id)).toEqual(['d-9067a1b2c3']);
      expect(readdirSync(dir)).toEqual(['state.json']);
    } finally {
      await emulator.stop();
    }
  });

  it('refuses a state file of another account', async () => {
    const stateFile = join(dir, 'state.json');
    const emulator = await startEmulator({ port: 0, stateFile });
    await emulator.stop();
    writeFileSync(stateFile, readFileSync(stateFile, 'utf8').replace('"account":"123456789012"', '"account":"999999999999"'));
    await expect(startEmulator({ port: 0, stateFile })).rejects.toThrow(/another|belongs to account 999999999999/);
  });

  it('loads a YAML seed file', async () => {
    const seedFile = join(dir, 'seed.yaml');
    writeFileSync(seedFile, 'account: "111122223333"\ndirectories:\n  - id: d-aaaaaaaaaa\n    name: lab.example.com\n    users: [ann]\n');
    const emulator = await startTestEmulator({ seed: seedFile });
    try {
      await aRegisteredDirectory(emulator.client, 'd-aaaaaaaaaa');
      expect((await emulator.client.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories?.[0]?.DirectoryName).toBe('lab.example.com');
    } finally {
      await emulator.stop();
    }
  });
});
