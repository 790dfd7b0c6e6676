import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WSR_VERSION } from '../../src/version.js';

describe('version', () => {
  it('matches package.json, so the user agent wsr/<version> is truthful', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(WSR_VERSION).toBe(pkg.version);
  });
});
