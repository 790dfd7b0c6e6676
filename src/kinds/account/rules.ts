/**
 * Account rules: ModifyAccount enables BYOL dedicated tenancy with a management CIDR range; the
 * API has no call that disables it again, so a DISABLED wish is blocked with that reason.
 * ModifyAccount only starts an account modification (DescribeAccountModifications: PENDING →
 * COMPLETED); the step waits for COMPLETED, and BYOL imports and DEDICATED directory
 * registrations of the same plan depend on it, so they never meet "not enabled for BYOL".
 */
import type { Change } from '../../model/change.js';
import type { AccountProperties } from './properties.js';
import type { PlanStep } from '../../model/plan-step.js';
import { StepBuilder } from '../step-builder.js';

/** AWS gives no duration; generous, so slow is not failure. */
const MODIFICATION_TIMEOUT_SECONDS = 3 * 3600;
/** The account has no id: waits poll the account's modifications. */
const ACCOUNT_TARGET = 'account';

/** State of the newest account modification (by StartTime): what a ModifyAccount just started. */
export function latestModificationState(output: Readonly<Record<string, any>>): string | undefined {
  const modifications = Array.isArray(output.AccountModifications) ? (output.AccountModifications as Record<string, any>[]) : [];
  const newest = [...modifications].sort((a, b) => Number(b.StartTime ?? 0) - Number(a.StartTime ?? 0))[0];
  return typeof newest?.ModificationState === 'string' ? newest.ModificationState : undefined;
}

export function accountSteps(change: Change<AccountProperties>): PlanStep[] {
  if (change.action !== 'update') return [];
  const want = change.desired!.properties;
  const builder = new StepBuilder('account', change.key);
  const disabling = want.dedicatedTenancySupport === 'DISABLED';
  const unavailableCidr = change.live?.details?.managementCidrAvailable === false;
  return [
    builder.step({
      operation: 'ModifyAccount',
      action: 'update',
      input: {
        ...(want.dedicatedTenancySupport === 'ENABLED' ? { DedicatedTenancySupport: 'ENABLED' } : {}),
        ...(want.dedicatedTenancyManagementCidrRange === undefined ? {} : { DedicatedTenancyManagementCidrRange: want.dedicatedTenancyManagementCidrRange }),
      },
      reason: `${change.reason}; waits until the account modification is COMPLETED`,
      after: { states: ['COMPLETED'], timeoutSeconds: MODIFICATION_TIMEOUT_SECONDS },
      target: ACCOUNT_TARGET,
      ...(disabling ? { blocked: 'ModifyAccount can only enable dedicated tenancy; disabling it needs AWS support' } : {}),
      ...(unavailableCidr && !disabling
        ? {
            blocked: `management CIDR range ${want.dedicatedTenancyManagementCidrRange} is not available to this account (ListAvailableManagementCidrRanges does not offer it); choose one it lists`,
          }
        : {}),
    }),
  ];
}
