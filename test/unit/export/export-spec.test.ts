import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OWNERSHIP_TAG_KEY } from '../../../src/model/keys.js';
import type { LiveResource } from '../../../src/model/live.js';
import { buildPlan } from '../../../src/plan/build.js';
import type { WorkspaceDesiredProperties } from '../../../src/kinds/workspace/properties.js';
import { aLiveBundle, aLiveDirectory, aLiveImage, aLiveIpGroup, aLiveState, aLiveWorkspace, NOW } from '../../helpers/builders.js';
import { roundTrip } from './round-trip.js';

const DIR = 'd-1111111111';
const OTHER_DIR = 'd-2222222222';

function corpDirectory(overrides: Parameters<typeof aLiveDirectory>[0] = {}): LiveResource {
  const live = aLiveDirectory({ subnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'], ...overrides });
  return { ...live, details: { ...live.details, directoryName: 'corp.example.com' } };
}

function desktop(userName: string, overrides: Parameters<typeof aLiveWorkspace>[0] = {}): LiveResource {
  return aLiveWorkspace({ userName, bundle: { id: 'wsb-standard0001' }, ...overrides, liveTags: overrides.liveTags ?? {} });
}

describe('wsr export (pure)', () => {
  it('groups desktops of one shape into a template with users, and hoists values shared by templates into defaults', () => {
    const live = aLiveState([
      corpDirectory(),
      desktop('carol'),
      desktop('alice'),
      desktop('bob'),
      desktop('dave', { workspaceProperties: { RunningMode: 'ALWAYS_ON', ComputeTypeName: 'POWER' } }),
      desktop('erin', { workspaceProperties: { RunningMode: 'ALWAYS_ON', ComputeTypeName: 'POWER' } }),
      desktop('frank', { workspaceProperties: { ComputeTypeName: 'PERFORMANCE' }, state: 'STOPPED' }),
    ]);
    const { text, diagnostics, changes } = roundTrip(live);
    expect(diagnostics).toEqual([]);
    expect(changes).toEqual([]);
    const spec = parse(text);
    expect(spec.defaults.workspace).toEqual({
      directory: 'corp',
      bundle: 'wsb-standard0001',
      runningMode: 'AUTO_STOP',
      autoStopTimeoutMinutes: 60,
      rootVolumeGib: 80,
      userVolumeGib: 50,
    });
    // each compute type is used by one template only: nothing to share
    expect(spec.workspaces.map((template: { computeType: string }) => template.computeType)).toEqual(['STANDARD', 'POWER', 'PERFORMANCE']);
    expect(spec.workspaces.map((template: { users: string[] }) => template.users)).toEqual([['alice', 'bob', 'carol'], ['dave', 'erin'], ['frank']]);
    expect(spec.workspaces[1]).toMatchObject({ runningMode: 'ALWAYS_ON', computeType: 'POWER' });
    expect(spec.workspaces[1].autoStopTimeoutMinutes).toBeUndefined();
    expect(text).toContain('users: [alice, bob, carol]');
  });

  it('hoists no auto-stop timeout when ALWAYS_ON is the default running mode (ALWAYS_ON templates would inherit it)', () => {
    const alwaysOn = (ComputeTypeName: 'STANDARD' | 'POWER') => ({ workspaceProperties: { RunningMode: 'ALWAYS_ON' as const, ComputeTypeName } });
    const autoStop = (ComputeTypeName: 'STANDARD' | 'POWER') => ({
      workspaceProperties: { RunningMode: 'AUTO_STOP' as const, RunningModeAutoStopTimeoutInMinutes: 60, ComputeTypeName },
    });
    const live = aLiveState([
      corpDirectory(),
      desktop('alice', alwaysOn('STANDARD')),
      desktop('bob', alwaysOn('STANDARD')),
      desktop('carol', alwaysOn('POWER')),
      desktop('dave', alwaysOn('POWER')),
      desktop('erin', autoStop('STANDARD')),
      desktop('frank', autoStop('POWER')),
    ]);
    const { text, diagnostics, changes } = roundTrip(live);
    expect(diagnostics).toEqual([]);
    expect(changes).toEqual([]);
    const spec = parse(text);
    expect(spec.defaults.workspace.runningMode).toBe('ALWAYS_ON');
    expect(spec.defaults.workspace.autoStopTimeoutMinutes).toBeUndefined();
    const autoStopTemplates = spec.workspaces.filter((template: { runningMode?: string }) => template.runningMode === 'AUTO_STOP');
    expect(autoStopTemplates.map((template: { autoStopTimeoutMinutes: number }) => template.autoStopTimeoutMinutes)).toEqual([60, 60]);
  });

  it('references what it exports by name and everything else by id', () => {
    const live = aLiveState([
      aLiveIpGroup({ name: 'office', id: 'wsipg-office0001', liveTags: {} }),
      aLiveIpGroup({ name: 'lab', id: 'wsipg-lab000001', liveTags: { [OWNERSHIP_TAG_KEY]: 'lab-env' } }),
      corpDirectory({ ipGroups: [{ id: 'wsipg-office0001' }, { id: 'wsipg-lab000001' }], liveTags: {} }),
      aLiveImage({ name: 'golden', id: 'wsi-golden0001', sharedWith: ['111122223333'], liveTags: { team: 'euc' } }),
      aLiveBundle({ name: 'standard', id: 'wsb-standard0001', image: { id: 'wsi-golden0001' }, liveTags: {} }),
      desktop('alice'),
      desktop('bob', { bundle: { id: 'wsb-public00001' } }),
    ]);
    const { text, diagnostics, changes } = roundTrip(live);
    expect(diagnostics).toEqual([]);
    expect(changes).toEqual([]);
    const spec = parse(text);
    expect(spec.directories.corp.ipGroups).toEqual(['office', 'wsipg-lab000001']);
    expect(spec.bundles.standard.image).toBe('golden');
    expect(spec.images.golden).toEqual({ id: 'wsi-golden0001', sharedWith: ['111122223333'], tags: { team: 'euc' } });
    expect(spec.workspaces.map((template: { bundle: string }) => template.bundle).sort()).toEqual(['standard', 'wsb-public00001']);
  });

  it('writes only the directory settings that differ from a fresh registration', () => {
    const live = aLiveState([
      corpDirectory({
        selfservicePermissions: { RestartWorkspace: 'ENABLED', ChangeComputeType: 'ENABLED', RebuildWorkspace: 'DISABLED' },
        workspaceAccessProperties: { DeviceTypeWindows: 'ALLOW', DeviceTypeWeb: 'DENY' },
        workspaceCreationProperties: { EnableInternetAccess: true, UserEnabledAsLocalAdministrator: true, EnableMaintenanceMode: true },
        samlProperties: { Status: 'DISABLED' },
        endpointEncryptionMode: 'STANDARD_TLS',
        tenancy: 'SHARED',
        clientProperties: { ReconnectEnabled: 'ENABLED', LogUploadEnabled: 'DISABLED' },
      }),
    ]);
    const { text, diagnostics, changes } = roundTrip(live);
    expect(diagnostics).toEqual([]);
    expect(changes).toEqual([]);
    expect(parse(text).directories.corp).toEqual({
      id: DIR,
      subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'],
      selfService: { changeComputeType: true },
      access: { web: 'DENY' },
      creationDefaults: { internetAccess: true },
      client: { logUpload: false }, // no documented default: written whenever it was read
    });
  });

  it('skips resources another environment owns, says so at the top, and adopts them with includeManaged', () => {
    const live = aLiveState([
      corpDirectory({ liveTags: {} }),
      desktop('alice'),
      desktop('bob', { liveTags: { [OWNERSHIP_TAG_KEY]: 'payroll' } }),
      desktop('carol', { liveTags: { [OWNERSHIP_TAG_KEY]: 'adopted', team: 'a' } }),
    ]);
    const skipping = roundTrip(live);
    expect(skipping.diagnostics).toEqual([]);
    expect(skipping.changes).toEqual([]);
    expect(skipping.exported.skipped).toEqual([expect.objectContaining({ key: `workspace/${DIR}/bob`, managedBy: 'payroll' })]);
    expect(skipping.text).toMatch(/^# .*\n(#.*\n)*# 1 carries wsr:env of another environment \(payroll\)/m);
    expect(skipping.text).toContain(`workspace/${DIR}/bob (ws-bob0001): managed by environment payroll`);
    expect(skipping.text).toContain('the first apply does not tag it');
    expect(
      parse(skipping.text)
        .workspaces.flatMap((template: { users: string[] }) => template.users)
        .sort(),
    ).toEqual(['alice', 'carol']);

    const adopting = roundTrip(live, { includeManaged: true });
    expect(adopting.exported.skipped).toEqual([]);
    expect(adopting.exported.alsoManaged.map((entry) => entry.key)).toEqual([`workspace/${DIR}/bob`]);
    expect(adopting.text).toContain('1 resource tagged for another environment (payroll)');
    expect(
      parse(adopting.text)
        .workspaces.flatMap((template: { users: string[] }) => template.users)
        .sort(),
    ).toEqual(['alice', 'bob', 'carol']);
  });

  it('keeps per-desktop tags on the template and never writes the reserved wsr:/aws: keys', () => {
    const live = aLiveState([
      corpDirectory(),
      desktop('alice', { liveTags: { team: 'a', cost: '1', 'aws:created': 'x' } }),
      desktop('bob', { liveTags: { team: 'b', cost: '1' } }),
    ]);
    const { text, diagnostics, changes } = roundTrip(live);
    expect(diagnostics).toEqual([]);
    expect(changes).toEqual([]);
    const spec = parse(text);
    expect(spec.defaults.workspace.tags).toEqual({ cost: '1' });
    expect(spec.workspaces.map((template: { tags: unknown }) => template.tags)).toEqual([{ team: 'a' }, { team: 'b' }]);
    expect(text).not.toContain('aws:created');
  });

  it('limits the export to --directory: its desktops, and the IP groups and bundles they use', () => {
    const live = aLiveState([
      aLiveIpGroup({ name: 'office', id: 'wsipg-office0001' }),
      aLiveIpGroup({ name: 'lab', id: 'wsipg-lab000001' }),
      corpDirectory({ ipGroups: [{ id: 'wsipg-office0001' }] }),
      aLiveDirectory({ directoryId: OTHER_DIR, ipGroups: [{ id: 'wsipg-lab000001' }] }),
      aLiveBundle({ name: 'standard', id: 'wsb-standard0001', image: { id: 'wsi-golden0001' } }),
      aLiveBundle({ name: 'pro', id: 'wsb-pro00000001', image: { id: 'wsi-golden0001' } }),
      aLiveImage({ name: 'golden', id: 'wsi-golden0001' }),
      desktop('alice'),
      desktop('bob', { directoryId: OTHER_DIR, bundle: { id: 'wsb-pro00000001' } }),
      desktop('carol', { directoryId: OTHER_DIR, liveTags: { [OWNERSHIP_TAG_KEY]: 'payroll' } }),
    ]);
    const { text, diagnostics, changes } = roundTrip(live, { directories: [DIR] });
    expect(diagnostics).toEqual([]);
    expect(changes).toEqual([]);
    const spec = parse(text);
    expect(Object.keys(spec.directories)).toEqual(['corp']);
    expect(Object.keys(spec.ipGroups)).toEqual(['office']);
    expect(Object.keys(spec.bundles)).toEqual(['standard']);
    expect(Object.keys(spec.images)).toEqual(['golden']);
    expect(spec.workspaces.flatMap((template: { users: string[] }) => template.users)).toEqual(['alice']);
    // carol is another environment's, but outside the scope: not worth a line in the header
    expect(text).not.toContain('carol');
  });

  it('gives the same text for the same live state, whatever order it was read in', () => {
    const resources = [
      corpDirectory(),
      aLiveIpGroup({ name: 'office', rules: [{ cidr: '203.0.113.0/24' }, { cidr: '198.51.100.0/24', description: 'HQ' }] }),
      desktop('alice'),
      desktop('bob', { workspaceProperties: { Protocols: ['WSP', 'PCOIP'] } }),
      desktop('carol'),
    ];
    const forward = roundTrip(aLiveState(resources)).text;
    const backward = roundTrip(aLiveState([...resources].reverse())).text;
    expect(backward).toBe(forward);
    expect(forward).toContain('- {cidr: 198.51.100.0/24, description: HQ}');
  });

  it("keeps the header's promise: adopted desktops are updated in place, but a migrate waits for the ownership tag", () => {
    const live = aLiveState([corpDirectory(), desktop('alice'), desktop('bob')]);
    const exported = roundTrip(live).desired!;
    // the operator edits the adopted spec: alice gets another bundle, bob more compute
    const desired = {
      ...exported,
      resources: exported.resources.map((resource) => {
        const properties = resource.properties as WorkspaceDesiredProperties;
        if (properties.userName === 'alice') return { ...resource, properties: { ...properties, bundle: { id: 'wsb-perwin00001' } } };
        if (properties.userName === 'bob')
          return { ...resource, properties: { ...properties, workspaceProperties: { ...properties.workspaceProperties, ComputeTypeName: 'POWER' as const } } };
        return resource;
      }),
    };

    const steps = buildPlan({ desired, live, now: NOW }).steps.map(
      (step) => `${step.key.split('/').pop()} ${step.operation}${step.blocked ? ` (blocked: ${step.blocked})` : ''}`,
    );
    expect(steps).toEqual(['alice MigrateWorkspace (blocked: not owned by wsr: no wsr:env=adopted tag)', 'bob ModifyWorkspaceProperties']);

    const tagged = aLiveState([corpDirectory(), desktop('alice', { liveTags: { [OWNERSHIP_TAG_KEY]: 'adopted' } }), desktop('bob')]);
    expect(buildPlan({ desired, live: tagged, now: NOW }).steps.filter((step) => step.blocked !== undefined)).toEqual([]);
  });

  it('leaves terminating desktops out and names them in the header', () => {
    const live = aLiveState([corpDirectory(), desktop('alice'), desktop('bob', { state: 'TERMINATING' })]);
    const { text, exported, changes } = roundTrip(live);
    expect(changes).toEqual([]);
    expect(exported.skipped.map((entry) => entry.key)).toEqual([`workspace/${DIR}/bob`]);
    expect(text).toContain('TERMINATING (on its way out)');
  });
});
