/**
 * README "Operation map": every operation of the API model has exactly one row; a row saying what
 * drives it must name an operation the sources call, and one saying `not called: <reason>` must
 * name one they do not — so the table cannot drift from the code in either direction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationsCalledBySources, REPO_ROOT } from './daemon/iam-policy-documents.js';

const MODEL = JSON.parse(readFileSync(join(REPO_ROOT, 'src/emulator/model/workspaces-input-model.json'), 'utf8')) as { operations: Record<string, unknown> };
const MODEL_OPERATIONS = Object.keys(MODEL.operations).sort();

function operationMapRows(): Map<string, string> {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Operation map');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const rows = new Map<string, string>();
  for (const match of section.matchAll(/^\| `([A-Za-z]+)` \| (.*) \|$/gm)) {
    if (rows.has(match[1])) throw new Error(`${match[1]} has two rows`);
    rows.set(match[1], match[2].trim());
  }
  return rows;
}

const rows = operationMapRows();
const called = new Set(operationsCalledBySources());

describe('README operation map', () => {
  it('has one row for each of the model’s operations, and no other', () => {
    expect(MODEL_OPERATIONS).toHaveLength(91);
    expect([...rows.keys()].sort()).toEqual(MODEL_OPERATIONS);
  });

  it('every row says what drives the call, or why it is not called', () => {
    const empty = [...rows].filter(([, driver]) => driver === '' || driver === 'not called:' || /^not called:\s*$/.test(driver));
    expect(empty).toEqual([]);
  });

  it('an operation listed as driven is called by the sources', () => {
    expect([...rows].filter(([operation, driver]) => !driver.startsWith('not called:') && !called.has(operation)).map(([operation]) => operation)).toEqual([]);
  });

  it('an operation the sources call is not listed as not called', () => {
    expect([...rows].filter(([operation, driver]) => driver.startsWith('not called:') && called.has(operation)).map(([operation]) => operation)).toEqual([]);
  });
});
