/**
 * Account link rules: CreateAccountLinkInvitation {TargetAccountId} for `invite`;
 * AcceptAccountLinkInvitation / RejectAccountLinkInvitation {LinkId} for an invitation from an
 * account the spec lists under `accept` / `reject`. An accepted link cannot be undone (the API
 * has no unlink), so accepting is destructive-gated.
 */
import type { Change } from '../../model/change.js';
import type { AccountLinkProperties } from './properties.js';
import type { PlanStep } from '../../model/plan-step.js';
import { StepBuilder } from '../step-builder.js';

export function accountLinkSteps(change: Change<AccountLinkProperties>): PlanStep[] {
  const builder = new StepBuilder('accountLink', change.key);
  const want = change.desired!.properties;
  if (change.action === 'create') {
    return [
      builder.step({
        operation: 'CreateAccountLinkInvitation',
        action: 'create',
        input: { TargetAccountId: want.account },
        reason: `invite ${want.account} to link with this account`,
      }),
    ];
  }
  if (change.action !== 'update') return [];
  const accept = want.role === 'accept';
  return [
    builder.step({
      operation: accept ? 'AcceptAccountLinkInvitation' : 'RejectAccountLinkInvitation',
      action: 'update',
      input: { LinkId: change.live!.details?.linkId as string },
      // AWS: "There's currently no unlinking capability after you accept the account linking invitation."
      destructive: accept,
      reason: accept
        ? `accept ${want.account}'s invitation, as the spec lists it (a link cannot be undone)`
        : `reject ${want.account}'s invitation, as the spec says`,
    }),
  ];
}
