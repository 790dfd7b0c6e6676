/**
 * fast-check generator of live accounts for the export round trip: directories (with settings
 * changed or not), IP groups, own images and bundles, desktops in every shape the spec can
 * describe (modes, timeouts, volumes, protocols, encryption, tags, named workspaces, states),
 * a pool and an alias, each owned by nobody, by the exporting environment or by another one.
 */
import fc from 'fast-check';
import type { Tags } from '../../../src/model/desired.js';
import type { WorkspaceDesiredProperties } from '../../../src/kinds/workspace/properties.js';
import { OWNERSHIP_TAG_KEY, poolKey, connectionAliasKey } from '../../../src/model/keys.js';
import type { LiveResource, LiveState } from '../../../src/model/live.js';
import { aLiveBundle, aLiveDirectory, aLiveImage, aLiveIpGroup, aLiveState, aLiveWorkspace } from '../../helpers/builders.js';

export const EXPORTING_ENV = 'adopted';

const DIRECTORIES = [
  { id: 'd-1111111111', name: 'corp.example.com' },
  { id: 'd-2222222222', name: 'corp.example.org' }, // same first label: names must be made unique
] as const;
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'] as const;
const PUBLIC_BUNDLES = ['wsb-stdwin0001', 'wsb-powwin0001'] as const;
const GROUPS = ['office', 'vpn'] as const;
const IMAGES = ['golden', 'silver'] as const;
const BUNDLES = ['std', 'pro'] as const;

const ownerArb = fc.constantFrom<string | undefined>(undefined, undefined, EXPORTING_ENV, 'payroll');
const extraTagsArb = fc.record({ team: fc.constantFrom('a', 'b'), 'cost-center': fc.constantFrom('4711', '0815') }, { requiredKeys: [] });

function tagsOf(owner: string | undefined, extra: Tags): Tags {
  return owner === undefined ? { ...extra } : { ...extra, [OWNERSHIP_TAG_KEY]: owner };
}

const volumesArb = fc.constantFrom(
  { RootVolumeSizeGib: 80, UserVolumeSizeGib: 50 },
  { RootVolumeSizeGib: 80, UserVolumeSizeGib: 100 },
  { RootVolumeSizeGib: 175, UserVolumeSizeGib: 100 },
);
const protocolsArb = fc.constantFrom<WorkspaceDesiredProperties['workspaceProperties']['Protocols']>(undefined, ['PCOIP'], ['WSP'], ['WSP', 'PCOIP']);
const encryptionArb = fc.constantFrom<Partial<WorkspaceDesiredProperties>>(
  { userVolumeEncryptionEnabled: false, rootVolumeEncryptionEnabled: false },
  { userVolumeEncryptionEnabled: true, rootVolumeEncryptionEnabled: true, volumeEncryptionKey: 'alias/workspaces' },
  { userVolumeEncryptionEnabled: true, rootVolumeEncryptionEnabled: false, volumeEncryptionKey: 'alias/workspaces' },
);

function desktopArb(directoryIds: readonly string[], bundleIds: readonly string[]): fc.Arbitrary<LiveResource> {
  return fc
    .record({
      user: fc.constantFrom(...USERS),
      workspaceName: fc.option(fc.constantFrom('second', 'build01'), { nil: undefined, freq: 6 }),
      directoryId: fc.constantFrom(...directoryIds),
      bundle: fc.constantFrom(...bundleIds),
      mode: fc.constantFrom('AUTO_STOP', 'ALWAYS_ON', 'MANUAL'),
      timeout: fc.constantFrom(60, 120, undefined),
      compute: fc.constantFrom('STANDARD', 'POWER', 'PERFORMANCE'),
      volumes: volumesArb,
      protocols: protocolsArb,
      encryption: encryptionArb,
      state: fc.constantFrom('AVAILABLE', 'AVAILABLE', 'STOPPED', 'ERROR', 'TERMINATING', 'PENDING'),
      owner: ownerArb,
      tags: extraTagsArb,
    })
    .map((d) =>
      aLiveWorkspace({
        userName: d.user,
        ...(d.workspaceName ? { workspaceName: d.workspaceName } : {}),
        directoryId: d.directoryId,
        bundle: { id: d.bundle },
        workspaceProperties: {
          RunningMode: d.mode,
          ComputeTypeName: d.compute as never,
          ...d.volumes,
          ...(d.timeout === undefined ? {} : { RunningModeAutoStopTimeoutInMinutes: d.timeout }),
          ...(d.protocols === undefined ? { Protocols: undefined } : { Protocols: d.protocols }),
        },
        ...d.encryption,
        // an ALWAYS_ON desktop is never STOPPED
        state: d.mode === 'ALWAYS_ON' && d.state === 'STOPPED' ? 'AVAILABLE' : d.state,
        liveTags: tagsOf(d.owner, d.tags),
      }),
    );
}

function withoutUndefinedProperties(resource: LiveResource): LiveResource {
  const p = resource.properties as WorkspaceDesiredProperties;
  if (resource.kind !== 'workspace') return resource;
  const workspaceProperties = Object.fromEntries(Object.entries(p.workspaceProperties).filter(([, v]) => v !== undefined));
  return { ...resource, properties: { ...p, workspaceProperties } };
}

export function liveFleetArb(): fc.Arbitrary<LiveState> {
  return fc
    .record({
      directories: fc.subarray([...DIRECTORIES], { minLength: 1 }),
      groups: fc.subarray([...GROUPS]),
      images: fc.subarray([...IMAGES], { minLength: 1 }),
      bundles: fc.subarray([...BUNDLES]),
      owners: fc.array(ownerArb, { minLength: 12, maxLength: 12 }),
      tags: fc.array(extraTagsArb, { minLength: 12, maxLength: 12 }),
      restart: fc.constantFrom('ENABLED', 'DISABLED'),
      webAccess: fc.constantFrom('ALLOW', 'DENY'),
      client: fc.constantFrom(
        undefined,
        { ReconnectEnabled: 'ENABLED', LogUploadEnabled: 'DISABLED' },
        { ReconnectEnabled: 'DISABLED', LogUploadEnabled: 'ENABLED' },
      ),
      sharedWith: fc.subarray(['111122223333', '444455556666']),
      withPool: fc.boolean(),
      withAlias: fc.boolean(),
    })
    .chain((shape) => {
      const directoryIds = shape.directories.map((directory) => directory.id);
      const bundleIds = [...PUBLIC_BUNDLES, ...shape.bundles.map((name) => `wsb-own${name}0001`)];
      return fc.record({
        shape: fc.constant(shape),
        desktops: fc.uniqueArray(desktopArb(directoryIds, bundleIds), { maxLength: 14, selector: (resource) => resource.key }),
        associated: fc.subarray([...shape.groups]),
        poolDirectory: fc.constantFrom(...directoryIds),
        poolBundle: fc.constantFrom(...bundleIds),
      });
    })
    .map(({ shape, desktops, associated, poolDirectory, poolBundle }) => {
      const groups = shape.groups.map((name, i) =>
        aLiveIpGroup({ name, id: `wsipg-${name}00001`, description: `${name} egress`, liveTags: tagsOf(shape.owners[i], shape.tags[i]) }),
      );
      const directories = shape.directories.map((directory, i) => {
        const live = aLiveDirectory({
          directoryId: directory.id,
          subnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'],
          ipGroups: associated.map((name) => ({ id: `wsipg-${name}00001` })),
          selfservicePermissions: { RestartWorkspace: shape.restart as 'ENABLED', IncreaseVolumeSize: 'DISABLED' },
          workspaceAccessProperties: { DeviceTypeWindows: 'ALLOW', DeviceTypeWeb: shape.webAccess as 'DENY' },
          ...(shape.client === undefined ? {} : { clientProperties: shape.client as Record<string, 'ENABLED' | 'DISABLED'> }),
          liveTags: tagsOf(shape.owners[2 + i], shape.tags[2 + i]),
        });
        return { ...live, details: { ...live.details, directoryName: directory.name } };
      });
      const images = shape.images.map((name, i) =>
        aLiveImage({
          name,
          id: `wsi-own${name}001`,
          description: `${name} image`,
          sharedWith: [...shape.sharedWith].sort(),
          liveTags: tagsOf(shape.owners[4 + i], shape.tags[4 + i]),
        }),
      );
      const bundles = shape.bundles.map((name, i) =>
        aLiveBundle({
          name,
          id: `wsb-own${name}0001`,
          image: { id: `wsi-own${shape.images[i % shape.images.length]}001` },
          liveTags: tagsOf(shape.owners[6 + i], shape.tags[6 + i]),
        }),
      );
      const pool: LiveResource[] = shape.withPool
        ? [
            {
              kind: 'pool',
              key: poolKey('kiosk'),
              id: 'wspool-kiosk0001',
              state: 'RUNNING',
              properties: {
                name: 'kiosk',
                description: 'lobby kiosks',
                bundle: { id: poolBundle },
                directory: { id: poolDirectory },
                capacity: { DesiredUserSessions: 5 },
                runningMode: 'AUTO_STOP',
                timeoutSettings: { DisconnectTimeoutInSeconds: 900, MaxUserDurationInSeconds: 3600 },
                desiredState: 'running',
              },
              tags: tagsOf(shape.owners[8], shape.tags[8]),
            },
          ]
        : [];
      const alias: LiveResource[] = shape.withAlias
        ? [
            {
              kind: 'connectionAlias',
              key: connectionAliasKey('desktops.example.com'),
              id: 'wsca-desktops01',
              state: 'CREATED',
              properties: { connectionString: 'desktops.example.com', associate: [{ id: directories[0].id! }], sharedWith: [...shape.sharedWith].sort() },
              details: { sharingRead: true, associations: [] },
              tags: tagsOf(shape.owners[9], shape.tags[9]),
            },
          ]
        : [];
      return aLiveState([...groups, ...directories, ...images, ...bundles, ...desktops.map(withoutUndefinedProperties), ...pool, ...alias]);
    });
}
