/** Spec text for day-2 tests: one environment on the emulator's seeded directory, plus a body. */
export const DAY2_DIRECTORY = 'd-9067a1b2c3';

/** The header, a pruning policy and the seeded directory (registered by wsr, so owned); then `body`. */
export function day2Spec(body: string, options: { readonly policy?: string; readonly directory?: string } = {}): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: day2, account: "123456789012", region: us-east-1}
policy: {prune: true, allowDestroy: true${options.policy ? `, ${options.policy}` : ''}}
defaults:
  workspace: {directory: corp, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
directories:
  corp: {id: ${DAY2_DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]${options.directory ? `, ${options.directory}` : ''}}
${body}`;
}

/**
 * A day-2 spec as a handful of choices per kind, so generated pairs (before → after) add, remove
 * and modify across the kinds the emulator can run in seconds. Rendered by `renderDay2Spec`.
 */
export interface Day2Shape {
  readonly ipGroups: readonly { readonly name: 'office' | 'vpn'; readonly cidrs: readonly string[]; readonly described: boolean }[];
  /** Groups associated with the directory (declared ones only). */
  readonly associated: readonly ('office' | 'vpn')[];
  readonly restartWorkspace: boolean;
  readonly webAccess: 'ALLOW' | 'DENY';
  /** SAML with or without the relay-state parameter; undefined = not managed. */
  readonly saml?: { readonly relayState: boolean };
  readonly bundles: readonly ('std' | 'pro')[];
  readonly desktops: readonly {
    readonly user: 'alice' | 'bob' | 'carol';
    readonly bundle: 'wsb-stdwin0001' | 'wsb-perwin0001' | 'std' | 'pro';
    readonly alwaysOn: boolean;
    readonly stopped: boolean;
    readonly userVolumeGib?: 100;
    readonly tag?: 'a' | 'b';
  }[];
  readonly alias?: { readonly sharedWith?: '111122223333' | '444455556666'; readonly associated: boolean };
  readonly branding: readonly ('windows' | 'web')[];
  readonly addIn?: { readonly url: 'https://a.my.connect.aws/ccp-v2' | 'https://b.my.connect.aws/ccp-v2' };
  /** Applications on alice's desktop (when alice has one). */
  readonly applications: readonly ('wsa-msoffice21' | 'wsa-project21p')[];
  readonly byol: boolean;
}

const OWN_BUNDLES = {
  std: '{image: wsi-amzwin10001, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}',
  pro: '{image: wsi-amzwin10001, computeType: POWER, rootVolumeGib: 175, userVolumeGib: 100}',
} as const;

export function renderDay2Spec(shape: Day2Shape): string {
  const lines: string[] = [];
  if (shape.byol) lines.push('account: {dedicatedTenancySupport: ENABLED, managementCidrRange: 10.200.0.0/16}');
  if (shape.ipGroups.length > 0) {
    lines.push('ipGroups:');
    for (const group of shape.ipGroups) {
      const rules = group.cidrs.map((cidr) => `{cidr: ${cidr}}`).join(', ');
      lines.push(`  ${group.name}: {${group.described ? `description: ${group.name} egress, ` : ''}rules: [${rules}]}`);
    }
  }
  if (shape.bundles.length > 0) lines.push('bundles:', ...shape.bundles.map((name) => `  ${name}: ${OWN_BUNDLES[name]}`));
  if (shape.desktops.length > 0) {
    lines.push('workspaces:');
    for (const desktop of shape.desktops) {
      const fields = [`users: [${desktop.user}]`, `bundle: ${desktop.bundle}`];
      if (desktop.alwaysOn) fields.push('runningMode: ALWAYS_ON');
      else if (desktop.stopped) fields.push('state: stopped');
      if (desktop.userVolumeGib !== undefined && desktop.bundle !== 'pro') fields.push(`userVolumeGib: ${desktop.userVolumeGib}`);
      if (desktop.tag !== undefined) fields.push(`tags: {team: ${desktop.tag}}`);
      lines.push(`  - {${fields.join(', ')}}`);
    }
  }
  if (shape.alias !== undefined) {
    const fields = [`associate: [${shape.alias.associated ? 'corp' : ''}]`, `sharedWith: [${shape.alias.sharedWith ? `"${shape.alias.sharedWith}"` : ''}]`];
    lines.push('connectionAliases:', `  desktops.example.com: {${fields.join(', ')}}`);
  }
  if (shape.branding.length > 0) {
    lines.push('clientBranding:', '  corp:');
    if (shape.branding.includes('windows')) lines.push('    windows: {supportEmail: helpdesk@example.com}');
    if (shape.branding.includes('web')) lines.push('    web: {supportLink: "https://help.example.com"}');
  }
  if (shape.addIn !== undefined) lines.push('connectClientAddIns:', `  - {directory: corp, name: contact, url: "${shape.addIn.url}"}`);
  const alice = shape.desktops.some((desktop) => desktop.user === 'alice');
  if (alice && shape.applications.length > 0) lines.push('applications:', ...shape.applications.map((id) => `  - {application: ${id}, workspace: corp/alice}`));
  const directory = [
    `ipGroups: [${shape.associated.filter((name) => shape.ipGroups.some((group) => group.name === name)).join(', ')}]`,
    `selfService: {restartWorkspace: ${shape.restartWorkspace}}`,
    `access: {web: ${shape.webAccess}}`,
    ...(shape.saml
      ? [`saml: {status: ENABLED, userAccessUrl: "https://idp.example.com/saml"${shape.saml.relayState ? ', relayStateParameterName: RelayState' : ''}}`]
      : []),
  ].join(', ');
  return day2Spec(lines.length > 0 ? `${lines.join('\n')}\n` : '', { directory });
}
