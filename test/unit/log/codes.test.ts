import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_CODES, levelOfCode } from '../../../src/log/codes.js';

const SRC = new URL('../../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('log codes', () => {
  it('every code logged anywhere in src/ is registered with a level and description', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/code: '(WSR_[A-Z]\d{4})'/g)) used.add(match[1]);
    }
    const unregistered = [...used].filter((code) => !Object.hasOwn(LOG_CODES, code));
    expect(used.size).toBeGreaterThan(5);
    expect(unregistered).toEqual([]);
  });

  it('the letter after WSR_ repeats the level, so a code read alone says how bad it is', () => {
    const letterOf = { trace: 'T', debug: 'D', info: 'I', warn: 'W', error: 'E', fatal: 'F' } as const;
    for (const code of Object.keys(LOG_CODES) as (keyof typeof LOG_CODES)[]) {
      expect(code.charAt(4), code).toBe(letterOf[levelOfCode(code)]);
    }
  });
});
