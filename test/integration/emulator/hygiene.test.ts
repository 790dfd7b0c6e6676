/**
 * The emulator on a shared machine: its state file is written through an unpredictable,
 * exclusively created temp file (a planted symlink is never written through), a missing state
 * directory is a start-up error, admin routes answer loopback clients only unless an admin token
 * is set (then they need it), and `advance` refuses absurd values (SPEC.md "Admin routes").
 */
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { isLoopbackAddress } from '../../../src/emulator/server.js';
import { startTestEmulator } from '../../helpers/start-emulator.js';
import { aRegisteredDirectory } from './given.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wsr-emulator-hygiene-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('state file hygiene', () => {
  it('never writes through a symlink planted at the old predictable temp path or at the state file itself', async () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const stateFile = join(dir, 'state.json');
    symlinkSync(victim, `${stateFile}.${process.pid}.tmp`);
    const emulator = await startTestEmulator({ stateFile });
    await aRegisteredDirectory(emulator.client); // a mutating call: the state is saved
    await emulator.stop();

    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).version).toBe(1);

    // a state file that is itself a link is replaced by the new file, the link target untouched
    rmSync(stateFile);
    symlinkSync(victim, stateFile);
    const again = await startEmulator({ port: 0, stateFile, timeScale: 0, rateLimits: false }).catch((error: Error) => error);
    // the victim is not a snapshot: loading it fails at start, before anything is written
    expect(again).toBeInstanceOf(Error);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readlinkSync(stateFile)).toBe(victim);
    expect(lstatSync(stateFile).isSymbolicLink()).toBe(true);
  });

  it('refuses to start when the state file directory is missing, with a clear message', async () => {
    const stateFile = join(dir, 'no-such-dir', 'state.json');
    await expect(startEmulator({ port: 0, stateFile })).rejects.toThrow(
      `state file ${stateFile}: its directory ${join(dir, 'no-such-dir')} does not exist (create it first)`,
    );
  });
});

describe('admin routes', () => {
  it('need the bearer token when one is set', async () => {
    const emulator = await startTestEmulator({ adminToken: 'local-secret' });
    try {
      const without = await fetch(`${emulator.endpoint}/_emulator/state`);
      expect(without.status).toBe(403);
      expect(await without.text()).not.toContain('RegistrationCode');
      const wrong = await fetch(`${emulator.endpoint}/_emulator/reset`, { method: 'POST', headers: { Authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(403);
      const right = await fetch(`${emulator.endpoint}/_emulator/calls`, { headers: { Authorization: 'Bearer local-secret' } });
      expect(right.status).toBe(200);
    } finally {
      await emulator.stop();
    }
  });

  it('without a token, answer loopback clients only (IPv4, IPv6 and IPv4-mapped forms)', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address)).toBe(true);
    for (const address of ['10.0.0.5', '::ffff:192.168.1.2', 'fe80::1', '0.0.0.0', undefined]) expect(isLoopbackAddress(address)).toBe(false);
  });

  it('advance refuses non-finite, negative and absurd values (the clock stays a number)', async () => {
    const emulator = await startTestEmulator();
    try {
      for (const seconds of [1e308, -1, 'soon', 11 * 365 * 24 * 3600]) {
        const response = await fetch(`${emulator.endpoint}/_emulator/advance`, { method: 'POST', body: JSON.stringify({ seconds }) });
        expect(response.status, String(seconds)).toBe(400);
      }
      const ok = await fetch(`${emulator.endpoint}/_emulator/advance`, { method: 'POST', body: JSON.stringify({ seconds: 60 }) });
      expect(((await ok.json()) as { now: unknown }).now).toEqual(expect.any(Number));
    } finally {
      await emulator.stop();
    }
  });
});
