/**
 * The named day-2 transitions the oracle runs (before → after, applied once): every kind the
 * emulator runs in seconds and every destructive or ordering rule of issue #10. Pools are not in
 * it: the emulator now needs a POOLS (SAML / WorkSpaces-native) directory for them.
 */
import { day2Spec } from './day2-specs.js';
import { REALISTIC, TransitionOracle, type TransitionCase, type TransitionOutcome } from './transition-oracle.js';
import type { EmulatorOptions } from '../../src/emulator/index.js';

const OFFICE = 'ipGroups:\n  office: {description: head office, rules: [{cidr: 198.51.100.0/24}]}\n';
const BUNDLES =
  'bundles:\n  std: {image: wsi-amzwin10001, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}\n  pro: {image: wsi-amzwin10001, computeType: POWER, rootVolumeGib: 175, userVolumeGib: 100}\n';
const desktops = (list: string) => `workspaces:\n${list}`;
const alias = (fields: string) => `connectionAliases:\n  desktops.example.com: {${fields}}\n`;

export const DAY2_TRANSITIONS: readonly TransitionCase[] = [
  { name: 'ip group: created and associated', before: day2Spec(''), after: day2Spec(OFFICE, { directory: 'ipGroups: [office]' }) },
  {
    name: 'ip group: rules changed',
    before: day2Spec(OFFICE, { directory: 'ipGroups: [office]' }),
    after: day2Spec('ipGroups:\n  office: {description: head office, rules: [{cidr: 203.0.113.0/24}, {cidr: 192.0.2.0/24}]}\n', {
      directory: 'ipGroups: [office]',
    }),
  },
  { name: 'ip group: disassociated, then deleted', before: day2Spec(OFFICE, { directory: 'ipGroups: [office]' }), after: day2Spec('') },
  {
    name: 'directory: self-service, access and SAML changed, relay state removed',
    before: day2Spec('', {
      directory:
        'selfService: {restartWorkspace: true}, access: {web: DENY}, saml: {status: ENABLED, userAccessUrl: "https://idp.example.com/saml", relayStateParameterName: RelayState}',
    }),
    after: day2Spec('', {
      directory: 'selfService: {restartWorkspace: false}, access: {web: ALLOW}, saml: {status: ENABLED, userAccessUrl: "https://idp.example.com/saml"}',
    }),
  },
  {
    name: 'account + image: BYOL enabled and a BYOL image imported in one plan (#2)',
    before: day2Spec(''),
    after: day2Spec(
      'account: {dedicatedTenancySupport: ENABLED, managementCidrRange: 10.200.0.0/16}\nimages:\n  byol: {importByol: {ec2ImageId: ami-0123456789abcdef0, ingestionProcess: BYOL_REGULAR_WSP}}\n',
    ),
  },
  {
    name: 'workspaces: created (one stopped)',
    before: day2Spec(''),
    after: day2Spec(desktops('  - {users: [alice, bob]}\n  - {users: [carol], state: stopped}\n')),
  },
  {
    name: 'workspaces: running mode, user volume and power state changed',
    before: day2Spec(desktops('  - {users: [alice]}\n  - {users: [bob], state: stopped}\n')),
    after: day2Spec(desktops('  - {users: [alice], runningMode: ALWAYS_ON, userVolumeGib: 100}\n  - {users: [bob], state: running}\n')),
  },
  {
    name: 'workspaces: stopped desktop terminated',
    before: day2Spec(desktops('  - {users: [alice]}\n  - {users: [bob], state: stopped}\n')),
    after: day2Spec(desktops('  - {users: [alice]}\n')),
  },
  {
    name: 'workspace: migrated onto a bundle with its compute type (#6), old bundle deleted after (#3)',
    before: day2Spec(`${BUNDLES}${desktops('  - {users: [alice, bob], bundle: std}\n')}`),
    after: day2Spec(
      `bundles:\n  pro: {image: wsi-amzwin10001, computeType: POWER, rootVolumeGib: 175, userVolumeGib: 100}\n${desktops('  - {users: [alice, bob], bundle: pro, computeType: POWER}\n')}`,
    ),
  },
  {
    name: 'workspace: a stopped desktop migrated stays stopped',
    before: day2Spec(`${BUNDLES}${desktops('  - {users: [alice], bundle: std, state: stopped}\n')}`),
    after: day2Spec(`${BUNDLES}${desktops('  - {users: [alice], bundle: pro, state: stopped}\n')}`),
  },
  {
    name: 'alias: re-shared with another account (#1)',
    before: day2Spec(alias('associate: [corp], sharedWith: ["111122223333"]')),
    after: day2Spec(alias('associate: [corp], sharedWith: ["444455556666"]')),
  },
  { name: 'alias: created, shared and associated', before: day2Spec(''), after: day2Spec(alias('associate: [corp], sharedWith: ["111122223333"]')) },
  { name: 'alias: disassociated, unshared and deleted', before: day2Spec(alias('associate: [corp], sharedWith: ["111122223333"]')), after: day2Spec('') },
  {
    name: 'client branding: a platform removed (#8)',
    before: day2Spec('clientBranding:\n  corp:\n    windows: {supportEmail: helpdesk@example.com}\n    web: {supportLink: "https://help.example.com"}\n'),
    after: day2Spec('clientBranding:\n  corp:\n    windows: {supportEmail: desk@example.com}\n'),
  },
  {
    name: 'connect add-in: URL changed',
    before: day2Spec('connectClientAddIns:\n  - {directory: corp, name: contact, url: "https://a.my.connect.aws/ccp-v2"}\n'),
    after: day2Spec('connectClientAddIns:\n  - {directory: corp, name: contact, url: "https://b.my.connect.aws/ccp-v2"}\n'),
  },
  {
    name: 'connect add-in: removed (#5)',
    before: day2Spec('connectClientAddIns:\n  - {directory: corp, name: contact, url: "https://a.my.connect.aws/ccp-v2"}\n'),
    after: day2Spec(''),
  },
  {
    name: 'applications: one removed, one added and deployed (#8)',
    before: day2Spec(
      `${desktops('  - {users: [alice]}\n')}applications:\n  - {application: wsa-msoffice21, workspace: corp/alice}\n  - {application: wsa-visio2021p, workspace: corp/alice}\n`,
    ),
    after: day2Spec(
      `${desktops('  - {users: [alice]}\n')}applications:\n  - {application: wsa-msoffice21, workspace: corp/alice}\n  - {application: wsa-project21p, workspace: corp/alice}\n`,
    ),
  },
  {
    name: 'applications: a migrated desktop gets its applications again (new desktop id)',
    before: day2Spec(`${BUNDLES}${desktops('  - {users: [alice], bundle: std}\n')}applications:\n  - {application: wsa-msoffice21, workspace: corp/alice}\n`),
    after: day2Spec(
      `${BUNDLES}${desktops('  - {users: [alice], bundle: pro, state: stopped}\n')}applications:\n  - {application: wsa-msoffice21, workspace: corp/alice}\n`,
    ),
  },
  {
    name: 'everything removed (prune): children before parents',
    before: day2Spec(
      `${OFFICE}${BUNDLES}${desktops('  - {users: [alice], bundle: std}\n  - {users: [bob], state: stopped}\n')}${alias('associate: [corp], sharedWith: ["111122223333"]')}`,
      { directory: 'ipGroups: [office]' },
    ),
    after: day2Spec(''),
  },
];

export interface TransitionRunOptions {
  /** Emulators (and transitions) running at once. @default 4 */
  readonly workers?: number;
  readonly emulator?: EmulatorOptions;
  readonly onOutcome?: (outcome: TransitionOutcome) => void;
}

/** Runs the cases on `workers` emulators at once (each transition resets its emulator first). */
export async function runTransitions(cases: readonly TransitionCase[], options: TransitionRunOptions = {}): Promise<TransitionOutcome[]> {
  const workers = Math.max(1, Math.min(options.workers ?? 4, cases.length));
  const oracles = await Promise.all(Array.from({ length: workers }, (_, index) => TransitionOracle.start(seeded(index, options.emulator))));
  const outcomes: TransitionOutcome[] = new Array(cases.length);
  let next = 0;
  try {
    await Promise.all(
      oracles.map(async (oracle) => {
        for (let index = next++; index < cases.length; index = next++) {
          outcomes[index] = await oracle.transition(cases[index]).catch((error: unknown) => crashed(cases[index].name, error));
          options.onOutcome?.(outcomes[index]);
        }
      }),
    );
  } finally {
    await Promise.all(oracles.map((oracle) => oracle.stop()));
  }
  return outcomes;
}

function seeded(index: number, emulator: EmulatorOptions | undefined): EmulatorOptions {
  const base = emulator ?? REALISTIC;
  return { ...base, randomSeed: (base.randomSeed ?? 10) + index };
}

/** A transition whose harness threw (a plan error, a spec error): it did not converge, say why. */
function crashed(name: string, error: unknown): TransitionOutcome {
  const message = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
  const run = { plan: undefined as never, exitCode: 1, refusedCalls: [] };
  return { name, before: run, after: run, leftOver: [`the run threw ${message}`], converged: false };
}
