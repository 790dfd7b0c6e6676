import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertControlListenSafe, isAuthorized, isLoopbackHost, resolveControlToken } from '../../../src/daemon/control-access.js';

const TOKEN = '0123456789abcdef0123456789abcdef';
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tokenFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wsr-token-'));
  dirs.push(dir);
  const file = join(dir, 'token');
  await writeFile(file, text);
  return file;
}

describe('control token', () => {
  it('reads the token from the file (trimmed), which wins over WSR_CONTROL_TOKEN', async () => {
    const file = await tokenFile(`${TOKEN}\n`);
    expect(await resolveControlToken({ requested: true, tokenFile: file }, { WSR_CONTROL_TOKEN: 'other-token-of-enough-length' })).toBe(TOKEN);
    expect(await resolveControlToken({ requested: true }, { WSR_CONTROL_TOKEN: ` ${TOKEN} ` })).toBe(TOKEN);
  });

  it('has no token (control disabled) when neither is set', async () => {
    expect(await resolveControlToken({ requested: false }, {})).toBeUndefined();
  });

  it('refuses a short token and an unreadable file with a coded error', async () => {
    await expect(resolveControlToken({ requested: true }, { WSR_CONTROL_TOKEN: 'short' })).rejects.toMatchObject({ code: 'DAEMON_CONTROL_TOKEN_WEAK' });
    await expect(resolveControlToken({ requested: true, tokenFile: '/nonexistent/token' }, {})).rejects.toMatchObject({
      code: 'DAEMON_CONTROL_TOKEN_UNREADABLE',
    });
  });

  it('refuses to listen off loopback with control asked for and no token; loopback or a token is fine', () => {
    expect(() => assertControlListenSafe('0.0.0.0', { requested: true }, undefined)).toThrow(expect.objectContaining({ code: 'DAEMON_CONTROL_TOKEN_MISSING' }));
    expect(() => assertControlListenSafe('::', { requested: true }, undefined)).toThrow(expect.objectContaining({ code: 'DAEMON_CONTROL_TOKEN_MISSING' }));
    expect(() => assertControlListenSafe('127.0.0.1', { requested: true }, undefined)).not.toThrow();
    expect(() => assertControlListenSafe('0.0.0.0', { requested: true }, TOKEN)).not.toThrow();
    expect(() => assertControlListenSafe('0.0.0.0', { requested: false }, undefined)).not.toThrow();
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['wsr.example.com', false],
    ['::ffff:10.0.0.1', false],
  ])('isLoopbackHost(%s) is %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('accepts exactly "Bearer <token>"', () => {
    expect(isAuthorized(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(isAuthorized(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(isAuthorized(undefined, TOKEN)).toBe(false);
    expect(isAuthorized(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(isAuthorized(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(isAuthorized('Bearer ', TOKEN)).toBe(false);
  });
});
