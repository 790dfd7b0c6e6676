/**
 * Account rules: ModifyAccount enables BYOL dedicated tenancy with a management CIDR range; the
 * API has no call that disables it again, so a DISABLED wish is blocked with that reason.
 */
import type { Change } from '../../model/change.js';
import type { AccountProperties } from '../../model/desired.js';
import type { PlanStep } from '../../model/plan-step.js';
import { StepBuilder } from '../step-builder.js';

export function accountSteps(change: Change): PlanStep[] {
  if (change.action !== 'update') return [];
  const want = change.desired!.properties as AccountProperties;
  const builder = new StepBuilder('account', change.key);
  const disabling = want.dedicatedTenancySupport === 'DISABLED';
  return [
    builder.step({
      operation: 'ModifyAccount',
      action: 'update',
      input: {
        ...(want.dedicatedTenancySupport === 'ENABLED' ? { DedicatedTenancySupport: 'ENABLED' } : {}),
        ...(want.dedicatedTenancyManagementCidrRange === undefined ? {} : { DedicatedTenancyManagementCidrRange: want.dedicatedTenancyManagementCidrRange }),
      },
      reason: change.reason,
      ...(disabling ? { blocked: 'ModifyAccount can only enable dedicated tenancy; disabling it needs AWS support' } : {}),
    }),
  ];
}
