/** Specs and helpers shared by the apply integration tests (the real SDK against the emulator). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeWorkspacesCommand, type WorkSpacesClient, type Workspace } from '@aws-sdk/client-workspaces';
import { quickRetries as retriesWithDelays } from '../../helpers/quick-retries.js';

import { DIRECTORY } from '../../helpers/workspace-steps.js';

export { DIRECTORY };

export interface FleetSpecOptions {
  readonly name?: string;
  readonly users: readonly string[];
  readonly stopped?: readonly string[];
  readonly prune?: boolean;
  readonly maxDestroy?: number;
  readonly protect?: readonly string[];
}

/** One IP group, the seeded directory, and one desktop per user (some kept stopped). */
export function fleetSpec(options: FleetSpecOptions): string {
  const running = options.users.filter((user) => !options.stopped?.includes(user));
  const policy = [
    `prune: ${options.prune ?? true}`,
    ...(options.maxDestroy !== undefined ? [`maxDestroy: ${options.maxDestroy}`] : []),
    ...(options.protect ? [`protect: [${options.protect.join(', ')}]`] : []),
  ].join(', ');
  const groups = [
    ...(running.length > 0 ? [`  - users: [${running.join(', ')}]`] : []),
    ...(options.stopped && options.stopped.length > 0 ? [`  - users: [${options.stopped.join(', ')}]\n    state: stopped`] : []),
  ];
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: ${options.name ?? 'fleet'}, account: "123456789012", region: us-east-1}
policy: {${policy}}
defaults:
  workspace: {directory: corp, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
ipGroups:
  office:
    description: head office
    rules: [{cidr: 198.51.100.0/24, description: HQ}]
directories:
  corp: {id: ${DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222], ipGroups: [office]}
${groups.length > 0 ? `workspaces:\n${groups.join('\n')}\n` : ''}`;
}

export function writeSpec(text: string, directory = mkdtempSync(join(tmpdir(), 'wsr-apply-it-'))): string {
  const file = join(directory, 'spec.yaml');
  writeFileSync(file, text);
  return file;
}

export function users(count: number, prefix = 'user'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
}

/** Every desktop in the directory that is not on its way out. */
export async function desktops(client: WorkSpacesClient): Promise<Workspace[]> {
  const all: Workspace[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY, NextToken }));
    all.push(...(page.Workspaces ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all.filter((workspace) => workspace.State !== 'TERMINATING' && workspace.State !== 'TERMINATED');
}

/** Desktops per user name: every value must be 1 for "exactly one desktop per user". */
export function desktopsPerUser(workspaces: readonly Workspace[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const workspace of workspaces) counts[workspace.UserName!] = (counts[workspace.UserName!] ?? 0) + 1;
  return counts;
}

const READ_PREFIXES = ['Describe', 'List', 'Get'];

/** Calls that change something (everything but Describe/List/Get), by operation. */
export function mutatingCalls(calls: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([operation, count]) => count > 0 && !READ_PREFIXES.some((prefix) => operation.startsWith(prefix))));
}

/** The SDK's retry decision with short doubling delays (10, 20, 40 ms…). */
export const quickRetries = (maxAttempts: number) => retriesWithDelays(maxAttempts, (retry) => 10 * 2 ** retry);
