/**
 * Spec text for a bench fleet: N desktops in one directory, one template, no declared tags
 * (so a no-op plan needs no DescribeTags). Optional: a custom bundle the desktops run on and a
 * rollout policy, for the image rollout.
 */
import { DIRECTORY_ID } from './bench-emulator.js';

export const ENVIRONMENT = 'bench';

export interface FleetSpecOptions {
  readonly desktops: number;
  /** @default 'AUTO_STOP' */
  readonly runningMode?: 'AUTO_STOP' | 'ALWAYS_ON';
  /** A custom bundle `std` on this image id, used by every desktop. @default the public wsb-stdwin0001 */
  readonly bundleImageId?: string;
  /**
   * policy.rollout {mode: rebuild, batchSize}, allowDestroy and maxDestroy = desktops (rebuilds
   * are destructive, and a rollout of the whole fleet is past the default destroy cap).
   */
  readonly rolloutBatchSize?: number;
  /** @default ENVIRONMENT */
  readonly name?: string;
  /** @default '123456789012' */
  readonly account?: string;
  /** Number of the first user (user000000 by default), so several specs can split one directory. */
  readonly firstUser?: number;
  /** Tags every desktop declares (so a plan reads tags: GetResources). @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** Use the directory by id without managing it (one environment may manage a directory, many may use it). */
  readonly directoryById?: boolean;
}

export function fleetSpec(options: FleetSpecOptions): string {
  const runningMode = options.runningMode ?? 'AUTO_STOP';
  const timeout = runningMode === 'AUTO_STOP' ? ', autoStopTimeoutMinutes: 60' : '';
  const bundle = options.bundleImageId === undefined ? 'wsb-stdwin0001' : 'std';
  const lines = [
    'apiVersion: wsr/v1',
    'kind: Environment',
    `metadata: {name: ${options.name ?? ENVIRONMENT}, account: "${options.account ?? '123456789012'}", region: us-east-1}`,
    ...(options.rolloutBatchSize === undefined
      ? []
      : [`policy: {allowDestroy: true, maxDestroy: ${options.desktops}, rollout: {mode: rebuild, batchSize: ${options.rolloutBatchSize}}}`]),
    'defaults:',
    `  workspace: {directory: ${options.directoryById ? DIRECTORY_ID : 'corp'}, bundle: ${bundle}, runningMode: ${runningMode}${timeout}${options.tags ? `, tags: ${JSON.stringify(options.tags)}` : ''}}`,
    ...(options.directoryById ? [] : ['directories:', `  corp: {id: ${DIRECTORY_ID}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}`]),
    ...(options.bundleImageId === undefined
      ? []
      : ['bundles:', `  std: {image: ${options.bundleImageId}, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}`]),
    'workspaces:',
    '  - users:',
    ...userNames(options.desktops, options.firstUser).map((user) => `      - ${user}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function userNames(count: number, first = 0): string[] {
  return Array.from({ length: count }, (_, index) => `user${String(first + index).padStart(6, '0')}`);
}
