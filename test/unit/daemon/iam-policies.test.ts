/**
 * examples/iam must grant exactly what wsr calls: the operation names are taken from the
 * reconciler's sources (kinds, reader, executor, engine, aws), the same way a reviewer would
 * grep them, and compared with the policy documents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as workspaces from '@aws-sdk/client-workspaces';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CALLING_DIRS = ['src/kinds', 'src/live', 'src/apply', 'src/engine', 'src/aws', 'src/plan', 'src/diff'];
const WORKSPACES_OPERATIONS = new Set(
  Object.keys(workspaces)
    .filter((name) => name.endsWith('Command'))
    .map((name) => name.slice(0, -'Command'.length)),
);

interface PolicyDocument {
  readonly Statement: readonly { readonly Effect: string; readonly Action: readonly string[] }[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(ROOT, dir, name));
}

function operationsCalledBySources(): Set<string> {
  const found = new Set<string>();
  for (const file of CALLING_DIRS.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/['"`]([A-Z][A-Za-z]+)['"`]/g)) {
      if (WORKSPACES_OPERATIONS.has(match[1]!)) found.add(match[1]!);
    }
  }
  return found;
}

function allowedActions(file: string): string[] {
  const policy = JSON.parse(readFileSync(join(ROOT, 'examples/iam', file), 'utf8')) as PolicyDocument;
  return policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action).sort();
}

const isRead = (operation: string) => /^(Describe|List|Get)/.test(operation);
const called = [...operationsCalledBySources()].sort();

describe('examples/iam policies', () => {
  it('the code calls WorkSpaces operations at all (the scan works)', () => {
    expect(called).toContain('DescribeWorkspaces');
    expect(called).toContain('CreateWorkspaces');
  });

  it('wsr-plan-readonly.json grants exactly the reads wsr makes and the account guard', () => {
    const expected = [...called.filter(isRead).map((op) => `workspaces:${op}`), 'sts:GetCallerIdentity'].sort();
    expect(allowedActions('wsr-plan-readonly.json')).toEqual(expected);
  });

  it('wsr-apply.json grants exactly the reads and the mutating operations wsr makes', () => {
    const expected = [...called.map((op) => `workspaces:${op}`), 'sts:GetCallerIdentity'].sort();
    expect(allowedActions('wsr-apply.json')).toEqual(expected);
  });
});
