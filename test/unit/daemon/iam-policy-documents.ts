/**
 * The IAM policies of examples/iam, derived from the reconciler's sources: every WorkSpaces
 * (and Resource Groups Tagging API) operation name quoted in kinds, reader, executor, engine and
 * aws (the same grep a reviewer would run). `npx tsx test/unit/daemon/write-iam-policies.ts` rewrites the files from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as workspaces from '@aws-sdk/client-workspaces';
import * as tagging from '@aws-sdk/client-resource-groups-tagging-api';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const POLICY_FILES = { readonly: 'examples/iam/wsr-plan-readonly.json', apply: 'examples/iam/wsr-apply.json' } as const;

const CALLING_DIRS = ['src/kinds', 'src/live', 'src/apply', 'src/engine', 'src/aws', 'src/plan', 'src/diff'];
const operationsOf = (client: Record<string, unknown>): Set<string> =>
  new Set(
    Object.keys(client)
      .filter((name) => name.endsWith('Command'))
      .map((name) => name.slice(0, -'Command'.length)),
  );
const WORKSPACES_OPERATIONS = operationsOf(workspaces);
/** The Resource Groups Tagging API (`tag:` actions): GetResources reads tags in bulk. */
const TAGGING_OPERATIONS = operationsOf(tagging);

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

function quotedOperations(operations: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const file of CALLING_DIRS.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/['"`]([A-Z][A-Za-z]+)['"`]/g)) {
      if (operations.has(match[1]!)) found.add(match[1]!);
    }
  }
  return [...found].sort();
}

export function operationsCalledBySources(): string[] {
  return quotedOperations(WORKSPACES_OPERATIONS);
}

/** Tagging API operations the sources call (granted as `tag:<Operation>`). */
export function taggingOperationsCalledBySources(): string[] {
  return quotedOperations(TAGGING_OPERATIONS);
}

export const isReadOperation = (operation: string): boolean => /^(Describe|List|Get)/.test(operation);

export function expectedPolicies(
  called = operationsCalledBySources(),
  taggingCalled = taggingOperationsCalledBySources(),
): Record<keyof typeof POLICY_FILES, PolicyDocument> {
  const statement = (Sid: string, operations: readonly string[], service = 'workspaces'): PolicyStatement => ({
    Sid,
    Effect: 'Allow',
    Action: operations.map((op) => `${service}:${op}`),
    Resource: '*',
  });
  const reads = statement('WsrReadWorkSpaces', called.filter(isReadOperation));
  const changes = statement(
    'WsrChangeWorkSpaces',
    called.filter((op) => !isReadOperation(op)),
  );
  // optional for wsr (it falls back to DescribeTags per resource), but a plan of a big fleet needs it to be cheap
  const taggingReads = taggingCalled.filter(isReadOperation);
  const taggingWrites = taggingCalled.filter((op) => !isReadOperation(op));
  const bulkTags = taggingReads.length > 0 ? [statement('WsrReadTagsInBulk', taggingReads, 'tag')] : [];
  // TagResources marks up to 20 desktops per call (a rollout's wsr:image); AWS also checks workspaces:CreateTags on each
  const bulkTagWrites = taggingWrites.length > 0 ? [statement('WsrTagInBulk', taggingWrites, 'tag')] : [];
  const guard: PolicyStatement = { Sid: 'WsrAccountGuard', Effect: 'Allow', Action: ['sts:GetCallerIdentity'], Resource: '*' };
  return {
    readonly: { Version: '2012-10-17', Statement: [reads, ...bulkTags, guard] },
    apply: { Version: '2012-10-17', Statement: [reads, ...bulkTags, changes, ...bulkTagWrites, guard] },
  };
}
