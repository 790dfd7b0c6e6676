/**
 * examples/iam must grant exactly what wsr calls. When a kind starts calling a new operation
 * this fails; `npx tsx test/unit/daemon/write-iam-policies.ts` brings the policies up to date.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectedPolicies,
  isReadOperation,
  operationsCalledBySources,
  POLICY_FILES,
  REPO_ROOT,
  taggingOperationsCalledBySources,
} from './iam-policy-documents.js';

const called = operationsCalledBySources();
const expected = expectedPolicies(called, taggingOperationsCalledBySources());

function policyOnDisk(file: string): unknown {
  return JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8'));
}

describe('examples/iam policies', () => {
  it('finds the operations the code calls (the scan works)', () => {
    expect(called).toContain('DescribeWorkspaces');
    expect(called).toContain('CreateWorkspaces');
  });

  it('wsr-plan-readonly.json grants only reads: the Describe calls wsr makes and the account guard', () => {
    const actions = expected.readonly.Statement.flatMap((s) => s.Action);
    expect(actions.every((action) => action === 'sts:GetCallerIdentity' || isReadOperation(action.slice(action.indexOf(':') + 1)))).toBe(true);
    expect(actions).toContain('tag:GetResources');
    expect(policyOnDisk(POLICY_FILES.readonly)).toEqual(expected.readonly);
  });

  it('wsr-apply.json grants exactly the reads and the mutating operations wsr makes', () => {
    expect(policyOnDisk(POLICY_FILES.apply)).toEqual(expected.apply);
  });
});
