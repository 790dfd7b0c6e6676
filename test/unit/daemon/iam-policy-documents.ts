/**
 * The IAM policies of examples/iam, derived from the reconciler's sources: every WorkSpaces
 * operation name quoted in kinds, reader, executor, engine and aws (the same grep a reviewer
 * would run). `npx tsx test/unit/daemon/write-iam-policies.ts` rewrites the files from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as workspaces from '@aws-sdk/client-workspaces';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const POLICY_FILES = { readonly: 'examples/iam/wsr-plan-readonly.json', apply: 'examples/iam/wsr-apply.json' } as const;

const CALLING_DIRS = ['src/kinds', 'src/live', 'src/apply', 'src/engine', 'src/aws', 'src/plan', 'src/diff'];
const WORKSPACES_OPERATIONS = new Set(
  Object.keys(workspaces)
    .filter((name) => name.endsWith('Command'))
    .map((name) => name.slice(0, -'Command'.length)),
);

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: '*';
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(REPO_ROOT, dir, name));
}

export function operationsCalledBySources(): string[] {
  const found = new Set<string>();
  for (const file of CALLING_DIRS.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/['"`]([A-Z][A-Za-z]+)['"`]/g)) {
      if (WORKSPACES_OPERATIONS.has(match[1]!)) found.add(match[1]!);
    }
  }
  return [...found].sort();
}

export const isReadOperation = (operation: string): boolean => /^(Describe|List|Get)/.test(operation);

export function expectedPolicies(called = operationsCalledBySources()): Record<keyof typeof POLICY_FILES, PolicyDocument> {
  const statement = (Sid: string, operations: readonly string[]): PolicyStatement => ({ Sid, Effect: 'Allow', Action: operations.map((op) => `workspaces:${op}`), Resource: '*' });
  const reads = statement('WsrReadWorkSpaces', called.filter(isReadOperation));
  const changes = statement('WsrChangeWorkSpaces', called.filter((op) => !isReadOperation(op)));
  const guard: PolicyStatement = { Sid: 'WsrAccountGuard', Effect: 'Allow', Action: ['sts:GetCallerIdentity'], Resource: '*' };
  return {
    readonly: { Version: '2012-10-17', Statement: [reads, guard] },
    apply: { Version: '2012-10-17', Statement: [reads, changes, guard] },
  };
}
