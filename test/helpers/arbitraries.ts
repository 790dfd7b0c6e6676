/**
 * fast-check generators for the planner's properties: small universes (a few names, CIDRs,
 * bundles) so desired and live collide often, and states the API can really be in
 * (no STOPPED ALWAYS_ON desktop, volumes in spec never smaller than live).
 */
import type { Compute } from '@aws-sdk/client-workspaces';
import fc from 'fast-check';
import type { DesiredResource, DesiredState, ResourceRef, Tags } from '../../src/model/desired.js';
import type { IpRule } from '../../src/kinds/ip-group/properties.js';
import { bundleKey, imageKey, ipGroupKey, OWNERSHIP_TAG_KEY } from '../../src/model/keys.js';
import type { LiveResource, LiveState } from '../../src/model/live.js';
import {
  aBundle,
  aDesiredState,
  aDirectory,
  aLiveAlias,
  aLiveBundle,
  anAlias,
  aLiveDirectory,
  aLiveImage,
  aLiveIpGroup,
  aLiveState,
  aLiveWorkspace,
  anImage,
  anIpGroup,
  aWorkspace,
  ENV,
  OWNED,
} from './builders.js';

export const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'] as const;
export const GROUPS = ['office', 'vpn', 'lab'] as const;
const CIDRS = ['198.51.100.0/24', '203.0.113.0/24', '192.0.2.0/24'] as const;
/** Amazon public bundles: referenced by id, never managed. */
const PUBLIC_BUNDLES = ['wsb-aaaaaaaa1', 'wsb-bbbbbbbb1'] as const;
export const IMAGES = ['golden', 'silver'] as const;
export const OWN_BUNDLES = ['std', 'pro'] as const;
const ACCOUNTS = ['111122223333', '444455556666'] as const;
export const ALIASES = ['desktops.example.com', 'lab.example.com'] as const;
const COMPUTE: readonly Compute[] = ['VALUE', 'STANDARD', 'POWER'];
const DIRECTORY_ID = 'd-1111111111';

function ownImageId(name: string): string {
  return `wsi-own${name}01`;
}

function ownBundleId(name: string): string {
  return `wsb-own${name}01`;
}

/** Stable per-name group id, so a live group is recognisable across runs. */
function groupId(name: string): string {
  return `wsipg-${name}0001`;
}

const rulesArb: fc.Arbitrary<IpRule[]> = fc
  .subarray([...CIDRS], { minLength: 1 })
  .chain((cidrs) => fc.tuple(...cidrs.map((cidr) => fc.constantFrom<IpRule>({ cidr }, { cidr, description: 'HQ' }, { cidr, description: 'VPN' }))))
  .map((rules) => [...rules]);

const ownershipArb: fc.Arbitrary<Tags | undefined> = fc.constantFrom<Tags | undefined>(OWNED, { [OWNERSHIP_TAG_KEY]: 'other-env' }, undefined);

interface WorkspaceShape<B> {
  readonly user: string;
  readonly bundle: B;
  readonly mode: 'AUTO_STOP' | 'ALWAYS_ON';
  readonly compute: Compute;
  readonly userVolume: 50 | 100;
}

const workspaceShapeArb = <B>(user: string, bundles: readonly B[]): fc.Arbitrary<WorkspaceShape<B>> =>
  fc.record({
    user: fc.constant(user),
    bundle: fc.constantFrom(...bundles),
    mode: fc.constantFrom('AUTO_STOP' as const, 'ALWAYS_ON' as const),
    compute: fc.constantFrom(...COMPUTE),
    userVolume: fc.constantFrom(50 as const, 100 as const),
  });

function desiredWorkspaces(users: readonly string[], bundles: readonly ResourceRef[]): fc.Arbitrary<DesiredResource[]> {
  return fc
    .tuple(
      ...users.map((user) =>
        fc
          .tuple(
            workspaceShapeArb(user, bundles),
            fc.constantFrom<'running' | 'stopped' | undefined>('running', 'stopped', undefined),
            fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
          )
          .map(([shape, power, team]) =>
            aWorkspace({
              userName: shape.user,
              bundle: shape.bundle,
              workspaceProperties: { RunningMode: shape.mode, ComputeTypeName: shape.compute, UserVolumeSizeGib: shape.userVolume },
              ...(power === undefined || (power === 'stopped' && shape.mode === 'ALWAYS_ON') ? {} : { runningState: power }),
              ...(team === undefined ? {} : { tags: { team } }),
            }),
          ),
      ),
    )
    .map((list) => [...list]);
}

function liveWorkspaces(users: readonly string[], bundleIds: readonly string[], ownership: fc.Arbitrary<Tags | undefined>): fc.Arbitrary<LiveResource[]> {
  return fc
    .tuple(
      ...users.map((user) =>
        fc
          .tuple(workspaceShapeArb(user, bundleIds), fc.boolean(), ownership, fc.option(fc.constantFrom('a', 'b'), { nil: undefined }))
          .map(([shape, stopped, owner, team]) =>
            aLiveWorkspace({
              userName: shape.user,
              bundle: { id: shape.bundle },
              // Live volumes start at the smallest size, so the spec never asks for a shrink.
              workspaceProperties: { RunningMode: shape.mode, ComputeTypeName: shape.compute, UserVolumeSizeGib: 50 },
              state: stopped && shape.mode === 'AUTO_STOP' ? 'STOPPED' : 'AVAILABLE',
              ...(owner === undefined ? {} : { liveTags: team === undefined ? owner : { ...owner, team } }),
            }),
          ),
      ),
    )
    .map((list) => [...list]);
}

export interface Scenario {
  readonly desired: DesiredState;
  readonly live: LiveState;
}

export interface ScenarioOptions {
  /** Tags every live resource carries: owned (default) or a random mix of owned/other/unread. */
  readonly ownership?: 'owned' | 'mixed';
}

export function scenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const ownership = options.ownership === 'mixed' ? ownershipArb : fc.constant<Tags | undefined>(OWNED);
  return fc
    .record({
      desiredUsers: fc.subarray([...USERS]),
      liveUsers: fc.subarray([...USERS]),
      desiredGroups: fc.subarray([...GROUPS]),
      liveGroups: fc.subarray([...GROUPS]),
      associate: fc.subarray([...GROUPS]),
      liveAssociated: fc.subarray([...GROUPS]),
      manageGroups: fc.boolean(),
      selfService: fc.option(fc.constantFrom('ENABLED' as const, 'DISABLED' as const), { nil: undefined }),
      liveSelfService: fc.constantFrom('ENABLED' as const, 'DISABLED' as const),
      directoryLive: fc.boolean(),
      prune: fc.boolean(),
      desiredImages: fc.subarray([...IMAGES]),
      liveImages: fc.subarray([...IMAGES]),
      desiredBundles: fc.subarray([...OWN_BUNDLES]),
      liveBundles: fc.subarray([...OWN_BUNDLES]),
      desiredAliases: fc.subarray([...ALIASES]),
      liveAliases: fc.subarray([...ALIASES]),
    })
    .chain((shape) => {
      const liveUsers = shape.directoryLive ? shape.liveUsers : [];
      // Bundles need an image: a desired bundle uses a desired image, a live bundle a live image.
      const desiredBundles = shape.desiredImages.length === 0 ? [] : shape.desiredBundles;
      const liveBundles = shape.liveImages.length === 0 ? [] : shape.liveBundles;
      const desiredBundleRefs: ResourceRef[] = [...PUBLIC_BUNDLES.map((id) => ({ id })), ...desiredBundles.map((name) => ({ key: bundleKey(name) }))];
      const liveBundleIds = [...PUBLIC_BUNDLES, ...liveBundles.map(ownBundleId)];
      return fc.record({
        shape: fc.constant({ ...shape, desiredBundles, liveBundles }),
        workspaces: desiredWorkspaces(shape.desiredUsers, desiredBundleRefs),
        liveDesktops: liveWorkspaces(liveUsers, liveBundleIds, ownership),
        imageSharing: fc.tuple(...shape.desiredImages.map(() => fc.subarray([...ACCOUNTS]))),
        liveImageSharing: fc.tuple(...shape.liveImages.map(() => fc.subarray([...ACCOUNTS]))),
        imageOwners: fc.tuple(...shape.liveImages.map(() => ownership)),
        bundleImages: fc.tuple(...desiredBundles.map(() => fc.constantFrom(...shape.desiredImages))),
        liveBundleImages: fc.tuple(...liveBundles.map(() => fc.constantFrom(...shape.liveImages))),
        bundleOwners: fc.tuple(...liveBundles.map(() => ownership)),
        groupRules: fc.tuple(...shape.desiredGroups.map(() => rulesArb)),
        liveGroupRules: fc.tuple(...shape.liveGroups.map(() => rulesArb)),
        groupOwners: fc.tuple(...shape.liveGroups.map(() => ownership)),
        directoryOwner: ownership,
        // an alias is shared with at most one account per Region
        aliasSharing: fc.tuple(...shape.desiredAliases.map(() => fc.subarray([...ACCOUNTS], { maxLength: 1 }))),
        liveAliasSharing: fc.tuple(...shape.liveAliases.map(() => fc.subarray([...ACCOUNTS], { maxLength: 1 }))),
        aliasOwners: fc.tuple(...shape.liveAliases.map(() => ownership)),
      });
    })
    .map(
      ({
        shape,
        workspaces,
        liveDesktops,
        groupRules,
        liveGroupRules,
        groupOwners,
        directoryOwner,
        imageSharing,
        liveImageSharing,
        imageOwners,
        bundleImages,
        liveBundleImages,
        bundleOwners,
        aliasSharing,
        liveAliasSharing,
        aliasOwners,
      }) => {
        const images = shape.desiredImages.map((name, index) => anImage({ name, sharedWith: imageSharing[index] }));
        const liveImages = shape.liveImages.map((name, index) =>
          aLiveImage({ name, id: ownImageId(name), sharedWith: liveImageSharing[index], ...(imageOwners[index] ? { liveTags: imageOwners[index] } : {}) }),
        );
        const bundles = shape.desiredBundles.map((name, index) => aBundle({ name, image: { key: imageKey(bundleImages[index]) } }));
        const liveBundles = shape.liveBundles.map((name, index) =>
          aLiveBundle({
            name,
            id: ownBundleId(name),
            image: { id: ownImageId(liveBundleImages[index]) },
            ...(bundleOwners[index] ? { liveTags: bundleOwners[index] } : {}),
          }),
        );
        const aliases = shape.desiredAliases.map((connectionString, index) => anAlias({ connectionString, sharedWith: aliasSharing[index] }));
        const liveAliases = shape.liveAliases.map((connectionString, index) =>
          aLiveAlias({
            connectionString,
            id: `wsca-${connectionString.split('.')[0]}`,
            sharedWith: liveAliasSharing[index],
            ...(aliasOwners[index] ? { liveTags: aliasOwners[index] } : {}),
          }),
        );
        const groups = shape.desiredGroups.map((name, index) => anIpGroup({ name, description: `${name} egress`, rules: groupRules[index] }));
        const declaredGroups = shape.associate.filter((name) => (shape.desiredGroups as string[]).includes(name));
        const directory = aDirectory({
          ...(shape.manageGroups ? { ipGroups: declaredGroups.map((name) => ({ key: ipGroupKey(name) })) } : {}),
          ...(shape.selfService === undefined ? {} : { selfservicePermissions: { RestartWorkspace: shape.selfService } }),
        });
        const liveGroups = shape.liveGroups.map((name, index) =>
          aLiveIpGroup({
            name,
            id: groupId(name),
            description: `${name} egress`,
            rules: liveGroupRules[index],
            ...(groupOwners[index] ? { liveTags: groupOwners[index] } : {}),
          }),
        );
        const liveAssociated = shape.liveAssociated.filter((name) => (shape.liveGroups as string[]).includes(name));
        const liveDirectory = aLiveDirectory({
          ipGroups: liveAssociated.map((name) => ({ id: groupId(name) })),
          selfservicePermissions: { RestartWorkspace: shape.liveSelfService },
          ...(directoryOwner ? { liveTags: directoryOwner } : {}),
        });
        return {
          desired: aDesiredState([...groups, directory, ...images, ...bundles, ...workspaces, ...aliases], { prune: shape.prune }),
          live: aLiveState([...liveGroups, ...(shape.directoryLive ? [liveDirectory] : []), ...liveImages, ...liveBundles, ...liveDesktops, ...liveAliases]),
        };
      },
    );
}

/** The same scenario with its spec entries in another order. */
export function shuffledArb(scenario: Scenario): fc.Arbitrary<Scenario> {
  return fc.shuffledSubarray([...scenario.desired.resources], { minLength: scenario.desired.resources.length }).map((resources) => ({
    ...scenario,
    desired: { ...scenario.desired, resources },
  }));
}

export { DIRECTORY_ID, ENV };

// ----- day-2 spec shapes (transition oracle): pairs of these are the generated transitions
import type { Day2Shape } from './day2-specs.js';

const DAY2_CIDRS = ['198.51.100.0/24', '203.0.113.0/24', '192.0.2.0/24'] as const;

export const day2ShapeArb: fc.Arbitrary<Day2Shape> = fc
  .record({
    ipGroups: fc
      .subarray(['office', 'vpn'] as const)
      // a group's description is fixed per name: the API cannot change it after create (plan warning)
      .chain((names) =>
        fc.tuple(
          ...names.map((name) =>
            fc.record({ name: fc.constant(name), cidrs: fc.subarray([...DAY2_CIDRS], { minLength: 1 }), described: fc.constant(name === 'office') }),
          ),
        ),
      )
      .map((groups) => [...groups]),
    associated: fc.subarray(['office', 'vpn'] as const),
    restartWorkspace: fc.boolean(),
    webAccess: fc.constantFrom('ALLOW' as const, 'DENY' as const),
    saml: fc.option(fc.record({ relayState: fc.boolean() }), { nil: undefined }),
    bundles: fc.subarray(['std', 'pro'] as const),
    desktops: fc
      .subarray(['alice', 'bob', 'carol'] as const)
      .chain((users) =>
        fc.tuple(
          ...users.map((user) =>
            fc.record(
              {
                user: fc.constant(user),
                bundle: fc.constantFrom('wsb-stdwin0001' as const, 'wsb-perwin0001' as const, 'std' as const, 'pro' as const),
                alwaysOn: fc.boolean(),
                stopped: fc.boolean(),
                userVolumeGib: fc.constant(100 as const),
                tag: fc.constantFrom('a' as const, 'b' as const),
              },
              { requiredKeys: ['user', 'bundle', 'alwaysOn', 'stopped'] },
            ),
          ),
        ),
      )
      .map((desktops) => [...desktops]),
    alias: fc.option(
      fc.record({ sharedWith: fc.option(fc.constantFrom('111122223333' as const, '444455556666' as const), { nil: undefined }), associated: fc.boolean() }),
      { nil: undefined },
    ),
    branding: fc.subarray(['windows', 'web'] as const),
    addIn: fc.option(fc.record({ url: fc.constantFrom('https://a.my.connect.aws/ccp-v2' as const, 'https://b.my.connect.aws/ccp-v2' as const) }), {
      nil: undefined,
    }),
    applications: fc.subarray(['wsa-msoffice21', 'wsa-project21p'] as const),
    byol: fc.boolean(),
  })
  .map((shape) => ({
    ...shape,
    // a desktop on a bundle the spec does not declare would be a spec error, not a transition
    desktops: shape.desktops.map((desktop) =>
      (desktop.bundle === 'std' || desktop.bundle === 'pro') && !shape.bundles.includes(desktop.bundle)
        ? { ...desktop, bundle: 'wsb-stdwin0001' as const }
        : desktop,
    ),
  }));

/** A transition: any two shapes (add, remove and modify across kinds, several at once). */
export const day2TransitionArb: fc.Arbitrary<{ before: Day2Shape; after: Day2Shape }> = fc.record({ before: day2ShapeArb, after: day2ShapeArb });
