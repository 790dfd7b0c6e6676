/**
 * A day-2 change of two kinds at once on a fleet of M + R desktops: M desktops move to another
 * bundle (MigrateWorkspace, one desktop per call, then waited for until the new desktop is
 * AVAILABLE and the old one gone) and R change running mode AUTO_STOP → ALWAYS_ON
 * (ModifyWorkspaceProperties, one desktop per call). The floor is two phases that cannot overlap:
 * the read (directory + ⌈(M+R)/25⌉ pages, and who is connected to the M desktops a migrate
 * would disrupt: ⌈M/25⌉ DescribeWorkspacesConnectionStatus), then M migrates + R modifications + ⌈M/25⌉ polls to
 * see the migrated desktops AVAILABLE. The ownership tags of the M migrated desktops are read by
 * ARN list (GetResources, another service's bucket).
 */
import { measureSpecChange, type ChangeRun } from './apply-change.js';
import { DIRECTORY_ID } from './bench-emulator.js';
import { userNames } from './fleet-spec.js';
import { pagesOf, phasedRateFloor, type RateBudget } from './rate-floor.js';

export interface MigrateAndModesResult {
  readonly migrates: number;
  readonly modeChanges: number;
  readonly budget: RateBudget;
  readonly wsr: ChangeRun;
  readonly floor: { readonly read: Record<string, number>; readonly apply: Record<string, number>; readonly seconds: number };
}

const FROM_BUNDLE = 'wsb-stdwin0001';
const TO_BUNDLE = 'wsb-perwin0001';

export async function measureMigrateAndModes(migrates: number, modeChanges: number, budget: RateBudget): Promise<MigrateAndModesResult> {
  const wsr = await measureSpecChange({
    before: () => fleetOf(migrates, modeChanges, { migrated: false }),
    after: () => fleetOf(migrates, modeChanges, { migrated: true }),
    allowDestroy: true,
    budget,
  });
  const read = { DescribeWorkspaceDirectories: 1, DescribeWorkspaces: pagesOf(migrates + modeChanges), DescribeWorkspacesConnectionStatus: pagesOf(migrates) };
  const apply = { MigrateWorkspace: migrates, ModifyWorkspaceProperties: modeChanges, DescribeWorkspaces: pagesOf(migrates) };
  return { migrates, modeChanges, budget, wsr, floor: { read, apply, seconds: phasedRateFloor([read, apply], budget) } };
}

/** Before: every desktop AUTO_STOP on FROM_BUNDLE. After: the first M on TO_BUNDLE, the other R ALWAYS_ON. */
function fleetOf(migrates: number, modeChanges: number, { migrated }: { migrated: boolean }): string {
  const users = userNames(migrates + modeChanges);
  const autoStop = 'runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60';
  const lines = [
    'apiVersion: wsr/v1',
    'kind: Environment',
    'metadata: {name: bench, account: "123456789012", region: us-east-1}',
    // migrates are destructive (the root volume is rebuilt): allowed for this many
    `policy: {allowDestroy: true, maxDestroy: ${migrates}}`,
    'directories:',
    `  corp: {id: ${DIRECTORY_ID}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}`,
    'workspaces:',
    `  - {directory: corp, bundle: ${migrated ? TO_BUNDLE : FROM_BUNDLE}, ${autoStop}, users: [${users.slice(0, migrates).join(', ')}]}`,
    `  - {directory: corp, bundle: ${FROM_BUNDLE}, ${migrated ? 'runningMode: ALWAYS_ON' : autoStop}, users: [${users.slice(migrates).join(', ')}]}`,
  ];
  return `${lines.join('\n')}\n`;
}
