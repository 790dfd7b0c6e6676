import { describe, expect, it } from 'vitest';
import { renderApplyReport } from '../../../src/apply/render-report.js';
import type { ApplyReport } from '../../../src/model/apply-report.js';

describe('renderApplyReport', () => {
  it('states counts, calls by operation and duration, then failures with reasons and skips with their root cause', () => {
    const report: ApplyReport = {
      steps: [
        { stepId: 'a', key: 'workspace/d-1/alice', operation: 'CreateWorkspaces', outcome: 'succeeded', ms: 10 },
        {
          stepId: 'b',
          key: 'workspace/d-1/bob',
          operation: 'CreateWorkspaces',
          outcome: 'failed',
          ms: 10,
          error: 'CreateWorkspaces refused workspace/d-1/bob: InvalidUserConfiguration.Workspace: no such user',
        },
        { stepId: 'c', key: 'workspace/d-1/bob', operation: 'StopWorkspaces', outcome: 'skipped', ms: 0, becauseOf: 'b' },
        { stepId: 'd', key: 'image/golden', operation: 'DeleteWorkspaceImage', outcome: 'skipped', ms: 0, error: 'blocked: protected by policy.protect' },
      ],
      calls: { DescribeWorkspaces: 2, CreateWorkspaces: 1 },
      ms: 4200,
      succeeded: 1,
      failed: 1,
      skipped: 2,
    };
    expect(renderApplyReport(report)).toBe(
      [
        'Apply: 1 succeeded, 1 failed, 2 skipped · 3 API calls (CreateWorkspaces 1, DescribeWorkspaces 2) · 4.2 s',
        '',
        'Failed:',
        '  ✗ workspace/d-1/bob CreateWorkspaces: CreateWorkspaces refused workspace/d-1/bob: InvalidUserConfiguration.Workspace: no such user',
        '',
        'Skipped:',
        '  - workspace/d-1/bob StopWorkspaces (because b did not succeed)',
        '  - image/golden DeleteWorkspaceImage (blocked: protected by policy.protect)',
        '',
      ].join('\n'),
    );
  });
});
