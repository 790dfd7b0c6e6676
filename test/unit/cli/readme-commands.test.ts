/**
 * README.md's command block is what users read first: it must list every command and every flag
 * the CLI accepts (and no flag it does not), so a new flag without documentation fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The fenced block under "## Commands", split into entries: a `wsr …` line (or `global:`) and its indented continuation lines. */
function readmeEntries(): string[] {
  const section = README.slice(README.indexOf('## Commands'));
  const block = section.slice(section.indexOf('```\n') + 4, section.indexOf('\n```', section.indexOf('```\n') + 4));
  const entries: string[] = [];
  for (const line of block.split('\n')) {
    if (/^(wsr |global:)/.test(line)) entries.push(line);
    else entries[entries.length - 1] += `\n${line}`;
  }
  return entries;
}

const flagsIn = (text: string) => new Set(text.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? []);

describe('README command block', () => {
  it('lists every command with every one of its flags, and the global flags', async () => {
    const program = await buildProgram([]);
    const entries = readmeEntries();
    const missing: string[] = [];
    for (const command of program.commands) {
      if (command.name() === 'help') continue;
      const entry = entries.find((text) => new RegExp(`(^|\\| )wsr ${command.name()}(\\s|$)`, 'm').test(text));
      if (entry === undefined) {
        missing.push(`wsr ${command.name()}`);
        continue;
      }
      for (const option of command.options) if (option.long && !flagsIn(entry).has(option.long)) missing.push(`wsr ${command.name()} ${option.long}`);
    }
    const global = entries.find((text) => text.startsWith('global:')) ?? '';
    for (const option of program.options) if (option.long && !flagsIn(global).has(option.long)) missing.push(`global ${option.long}`);
    expect(missing).toEqual([]);
  });

  it('names no flag the CLI does not have', async () => {
    const program = await buildProgram([]);
    const known = new Set([...program.options, ...program.commands.flatMap((command) => command.options)].map((option) => option.long));
    const unknown = readmeEntries().flatMap((entry) => [...flagsIn(entry)].filter((flag) => !known.has(flag)));
    expect(unknown).toEqual([]);
  });
});
