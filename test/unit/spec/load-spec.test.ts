/** The loader as other modules use it: spec text in, DesiredState (keys, refs, API member names) out. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DesiredResource } from '../../../src/model/desired.js';
import type { DirectoryProperties } from '../../../src/kinds/directory/properties.js';
import type { ImageProperties } from '../../../src/kinds/image/properties.js';
import type { WorkspaceDesiredProperties } from '../../../src/kinds/workspace/properties.js';
import { formatDiagnostic } from '../../../src/spec/diagnostic.js';
import { loadSpecFile, loadSpecText } from '../../../src/spec/load-spec.js';

const example = (name: string) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));

const HEADER = `apiVersion: wsr/v1
kind: Environment
metadata: {name: test, account: "123456789012", region: us-east-1}
`;

function load(body: string) {
  const result = loadSpecText(HEADER + body, 'spec.yaml');
  expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
  return result.desired!;
}

function resource<P>(resources: readonly DesiredResource[], key: string): DesiredResource<P> {
  const found = resources.find((r) => r.key === key);
  if (!found) throw new Error(`no ${key} in ${resources.map((r) => r.key).join(', ')}`);
  return found as DesiredResource<P>;
}

describe('examples', () => {
  it('quickstart builds an IP group, the directory and four workspaces', () => {
    const result = loadSpecFile(example('quickstart.yaml'));
    expect(result.diagnostics).toEqual([]);
    const desired = result.desired!;
    expect(desired.environment).toEqual({ name: 'quickstart', account: '123456789012', region: 'us-east-1' });
    expect(desired.resources.map((r) => r.key)).toEqual([
      'ipGroup/office',
      'directory/d-9067a1b2c3',
      'workspace/d-9067a1b2c3/alice',
      'workspace/d-9067a1b2c3/bob',
      'workspace/d-9067a1b2c3/carol',
      'workspace/d-9067a1b2c3/dave',
    ]);
    const directory = resource<DirectoryProperties>(desired.resources, 'directory/d-9067a1b2c3');
    expect(directory.properties.subnetIds).toEqual(['subnet-0aaa1111', 'subnet-0bbb2222']);
    expect(directory.properties.ipGroups).toEqual([{ key: 'ipGroup/office' }]);
    const dave = resource<WorkspaceDesiredProperties>(desired.resources, 'workspace/d-9067a1b2c3/dave');
    expect(dave.properties.runningState).toBe('stopped');
    expect(dave.properties.bundle).toEqual({ id: 'wsb-stdwin0001' });
  });

  it('fleet writes 1,000 desktops in under 30 lines plus its user list', () => {
    const lines = readFileSync(example('fleet.yaml'), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.filter((line) => !/^\s+- [a-z0-9]+$/.test(line)).length).toBeLessThan(30);
  });

  it('fleet declares 1,000 workspaces in one directory', () => {
    const desired = loadSpecFile(example('fleet.yaml')).desired!;
    const workspaces = desired.resources.filter((r) => r.kind === 'workspace');
    expect(workspaces).toHaveLength(1000);
    expect(new Set(workspaces.map((w) => (w.properties as WorkspaceDesiredProperties).directoryId))).toEqual(new Set(['d-9067a1b2c3']));
  });

  it('groups reads its users at plan time: two directory groups and a CSV file', () => {
    const result = loadSpecFile(example('groups.yaml'));
    expect(result.diagnostics).toEqual([]);
    const sources = result.desired!.pendingUsers!.map((template) => template.source);
    expect(sources.map((source) => (source.type === 'group' ? source.group : source.file))).toEqual([
      'CN=WorkSpaces-Dev,OU=Groups,DC=corp,DC=example,DC=com',
      'WorkSpaces-Support',
      'users/contractors.csv',
    ]);
    expect(result.desired!.policy.gracePeriodSeconds).toBe(7 * 86400);
  });

  it('full declares every kind', () => {
    const desired = loadSpecFile(example('full.yaml')).desired!;
    expect(new Set(desired.resources.map((r) => r.kind))).toEqual(
      new Set([
        'account',
        'accountLink',
        'ipGroup',
        'directory',
        'image',
        'bundle',
        'workspace',
        'pool',
        'connectionAlias',
        'clientBranding',
        'connectClientAddIn',
        'applicationAssociation',
      ]),
    );
  });
});

describe('keys', () => {
  it('a template with many users makes one workspace per user, keyed directory/user', () => {
    const desired = load(`directories: {corp: {id: d-1234567890}}
workspaces:
  - {users: [alice, bob], directory: corp, bundle: wsb-stdwin0001}
`);
    expect(desired.resources.map((r) => r.key)).toEqual(['directory/d-1234567890', 'workspace/d-1234567890/alice', 'workspace/d-1234567890/bob']);
  });

  it('a workspace name becomes the last part of the key', () => {
    const desired = load(`workspaces:
  - {users: [alice], workspaceName: alice-linux, directory: d-1234567890, bundle: wsb-stdlnx0001}
`);
    const alice = resource<WorkspaceDesiredProperties>(desired.resources, 'workspace/d-1234567890/alice/alice-linux');
    expect(alice.properties.workspaceName).toBe('alice-linux');
  });

  it('a directory referenced by an id the spec does not declare is used as is', () => {
    const desired = load(`workspaces:
  - {users: [alice], directory: d-aaaabbbb11, bundle: wsb-stdwin0001}
`);
    expect(desired.resources.map((r) => r.key)).toEqual(['workspace/d-aaaabbbb11/alice']);
  });

  it('each resource remembers where it was declared: a workspace, the user in its list', () => {
    const desired = load(`workspaces:
  - directory: d-1234567890
    bundle: wsb-stdwin0001
    users: [alice, bob]
`);
    expect(resource(desired.resources, 'workspace/d-1234567890/bob').source).toEqual({ file: 'spec.yaml', line: 7, col: 20 });
  });
});

describe('references', () => {
  const body = `ipGroups: {office: {rules: [{cidr: 10.0.0.0/8}]}}
directories:
  corp: {id: d-1234567890, ipGroups: [office, wsipg-abcdefgh]}
images:
  golden: {fromWorkspace: corp/builder}
  captured: {fromWorkspace: ws-abcdefgh12}
  next: {updatedFrom: golden}
  outside: {updatedFrom: wsi-abcdefghij}
bundles:
  std: {image: golden, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}
  byid: {image: wsi-abcdefghij, computeType: VALUE, userVolumeGib: 10}
workspaces:
  - {users: [builder], directory: corp, bundle: std}
  - {users: [eve], directory: corp, bundle: wsb-valwin0001}
connectionAliases:
  desktops.example.com: {associate: [corp]}
`;

  it('names resolve to keys of declared resources, ids stay ids', () => {
    const { resources } = load(body);
    expect(resource<DirectoryProperties>(resources, 'directory/d-1234567890').properties.ipGroups).toEqual([
      { key: 'ipGroup/office' },
      { id: 'wsipg-abcdefgh' },
    ]);
    expect(resource<{ image: unknown }>(resources, 'bundle/std').properties.image).toEqual({ key: 'image/golden' });
    expect(resource<{ image: unknown }>(resources, 'bundle/byid').properties.image).toEqual({ id: 'wsi-abcdefghij' });
    expect(resource<WorkspaceDesiredProperties>(resources, 'workspace/d-1234567890/builder').properties.bundle).toEqual({ key: 'bundle/std' });
    expect(resource<WorkspaceDesiredProperties>(resources, 'workspace/d-1234567890/eve').properties.bundle).toEqual({ id: 'wsb-valwin0001' });
    expect(resource<{ associate: unknown }>(resources, 'connectionAlias/desktops.example.com').properties.associate).toEqual([
      { key: 'directory/d-1234567890' },
    ]);
  });

  it('image sources resolve workspaces by directory/user or ws- id, images by name or wsi- id', () => {
    const { resources } = load(body);
    const source = (name: string) => resource<ImageProperties>(resources, `image/${name}`).properties.source;
    expect(source('golden')).toEqual({ type: 'fromWorkspace', workspace: { key: 'workspace/d-1234567890/builder' } });
    expect(source('captured')).toEqual({ type: 'fromWorkspace', workspace: { id: 'ws-abcdefgh12' } });
    expect(source('next')).toEqual({ type: 'updatedFrom', image: { key: 'image/golden' } });
    expect(source('outside')).toEqual({ type: 'updatedFrom', image: { id: 'wsi-abcdefghij' } });
  });
});

describe('properties use API member names and only what the spec sets', () => {
  it('workspace fields map onto WorkspaceProperties; unset ones are absent', () => {
    const desired = load(`workspaces:
  - users: [alice]
    directory: d-1234567890
    bundle: wsb-perwin0001
    runningMode: AUTO_STOP
    autoStopTimeoutMinutes: 120
    computeType: PERFORMANCE
    protocols: [WSP]
    encryption: {volumeKey: alias/ws, userVolume: true}
`);
    const alice = resource<WorkspaceDesiredProperties>(desired.resources, 'workspace/d-1234567890/alice').properties;
    expect(alice.workspaceProperties).toEqual({
      RunningMode: 'AUTO_STOP',
      RunningModeAutoStopTimeoutInMinutes: 120,
      ComputeTypeName: 'PERFORMANCE',
      Protocols: ['WSP'],
    });
    expect(alice.volumeEncryptionKey).toBe('alias/ws');
    expect(alice.userVolumeEncryptionEnabled).toBe(true);
    expect('rootVolumeEncryptionEnabled' in alice).toBe(false);
    expect('runningState' in alice).toBe(false);
  });

  it('directory property sets are translated from camelCase to the API shapes', () => {
    const desired = load(`directories:
  corp:
    id: d-1234567890
    selfService: {restartWorkspace: true, rebuildWorkspace: false}
    access: {windows: ALLOW, macos: DENY, thinClient: ALLOW}
    creationDefaults: {internetAccess: true, userIsLocalAdmin: false}
    client: {reconnect: false}
    streaming: {preferredProtocol: UDP, storageConnectors: [{type: HOME_FOLDER, status: ENABLED}]}
`);
    const corp = resource<DirectoryProperties>(desired.resources, 'directory/d-1234567890').properties;
    expect(corp).toEqual({
      directoryId: 'd-1234567890',
      selfservicePermissions: { RestartWorkspace: 'ENABLED', RebuildWorkspace: 'DISABLED' },
      workspaceAccessProperties: { DeviceTypeWindows: 'ALLOW', DeviceTypeOsx: 'DENY', DeviceTypeWorkSpacesThinClient: 'ALLOW' },
      workspaceCreationProperties: { EnableInternetAccess: true, UserEnabledAsLocalAdministrator: false },
      clientProperties: { ReconnectEnabled: 'DISABLED' },
      streamingProperties: { StreamingExperiencePreferredProtocol: 'UDP', StorageConnectors: [{ ConnectorType: 'HOME_FOLDER', Status: 'ENABLED' }] },
    });
  });
});

describe('defaults', () => {
  it('defaults.workspace applies under each template, the template wins', () => {
    const desired = load(`defaults:
  workspace: {directory: d-1234567890, bundle: wsb-stdwin0001, computeType: STANDARD, tags: {team: a, cost-center: "1"}}
workspaces:
  - {users: [alice]}
  - {users: [bob], computeType: POWER, tags: {team: b}}
`);
    const alice = resource<WorkspaceDesiredProperties>(desired.resources, 'workspace/d-1234567890/alice');
    const bob = resource<WorkspaceDesiredProperties>(desired.resources, 'workspace/d-1234567890/bob');
    expect(alice.properties.workspaceProperties.ComputeTypeName).toBe('STANDARD');
    expect(bob.properties.workspaceProperties.ComputeTypeName).toBe('POWER');
    expect(alice.tags).toEqual({ team: 'a', 'cost-center': '1' });
    expect(bob.tags).toEqual({ team: 'b', 'cost-center': '1' });
    expect(bob.declaresTags).toBe(true);
  });

  it('a default auto-stop timeout is dropped for a template that switches to ALWAYS_ON', () => {
    const desired = load(`defaults:
  workspace: {directory: d-1234567890, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
workspaces:
  - {users: [dave], runningMode: ALWAYS_ON}
`);
    const dave = resource<WorkspaceDesiredProperties>(desired.resources, 'workspace/d-1234567890/dave');
    expect(dave.properties.workspaceProperties).toEqual({ RunningMode: 'ALWAYS_ON' });
  });

  it('a resource without tags declares none, and the ownership tag is never in desired tags', () => {
    const desired = load(`ipGroups: {office: {rules: []}}\n`);
    expect(desired.resources[0]).toMatchObject({ tags: {}, declaresTags: false });
  });

  it('policy defaults: no prune, nothing protected, no destroy, no rollout', () => {
    expect(load('').policy).toEqual({ prune: false, protect: [], allowDestroy: false, rollout: { mode: 'none', batchSize: 25 } });
  });

  it('policy.repair is opt-in: what to do with UNHEALTHY and ERROR desktops; anything else is a schema error naming the field', () => {
    expect(load('policy: {repair: {unhealthy: reboot, error: restore}}\n').policy.repair).toEqual({ unhealthy: 'reboot', error: 'restore' });
    const bad = loadSpecText(`${HEADER}policy: {repair: {error: reboot}}\n`, 'spec.yaml');
    expect(bad.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/^spec\.yaml:\d+:\d+: error SPEC_\w+: .*policy\.repair\.error/m);
  });

  it('an unknown YAML tag is a warning: the value is read as text and the spec still loads', () => {
    const result = loadSpecText(HEADER.replace('region: us-east-1', 'region: !aws us-east-1'), 'spec.yaml');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(['spec.yaml:3:57: warning SPEC_YAML_WARNING: YAML: unresolved tag: !aws (read as plain text)']);
    expect(result.desired?.environment.region).toBe('us-east-1');
  });

  it('YAML anchors and merge keys work; an error in a merged value points at the entry that uses it', () => {
    const desired = load(`workspaces:
  - &standard {users: [alice], directory: d-1234567890, bundle: wsb-stdwin0001, computeType: STANDARD}
  - <<: *standard
    users: [bob]
    computeType: POWER
`);
    const bob = resource<WorkspaceDesiredProperties>(desired.resources, 'workspace/d-1234567890/bob');
    expect(bob.properties).toMatchObject({ bundle: { id: 'wsb-stdwin0001' }, workspaceProperties: { ComputeTypeName: 'POWER' } });
    const bad = loadSpecText(
      `${HEADER}x: &bad {users: [a], directory: d-1234567890, bundle: wsb-stdwin0001, runningMode: SOMETIMES}\nworkspaces:\n  - <<: *bad\n`,
      'spec.yaml',
    );
    expect(bad.diagnostics.map(formatDiagnostic)).toContain('spec.yaml:4:1: error SPEC_UNKNOWN_FIELD: unknown field "x"');
    expect(bad.diagnostics.map(formatDiagnostic)).toContain(
      'spec.yaml:6:5: error SPEC_ENUM: workspaces[0].runningMode: "SOMETIMES" is not one of AUTO_STOP, ALWAYS_ON, MANUAL',
    );
  });

  it('a spec with errors has no desired state', () => {
    const result = loadSpecText(`${HEADER}workspaces: [{users: [a], directory: nowhere, bundle: wsb-stdwin0001}]\n`, 'spec.yaml');
    expect(result.desired).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SPEC_UNKNOWN_REF']);
  });
});
