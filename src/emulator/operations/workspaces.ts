/** WorkSpaces: create, describe, power and lifecycle operations, modify, migrate, standby. */
import { DURATION } from '../clock.js';
import { AwsError, inProgress, invalidParameter, invalidState, notFound, notSupported, unavailable } from '../errors.js';
import { ID_FORMAT, newId } from '../ids.js';
import { decodeToken, encodeToken } from '../pagination.js';
import type { Json, Rec, Store } from '../store.js';
import { atMostOneOf, checkTags, limitOf, nowSeconds, requireRec, tagOnCreate, transition, type Context, type Handlers } from './context.js';

const GPU = /^GRAPHICS/;
const COMPUTE_ORDER = ['VALUE', 'STANDARD', 'PERFORMANCE', 'POWER', 'POWERPRO', 'GENERALPURPOSE_4XLARGE', 'GENERALPURPOSE_8XLARGE'];

export function findBundle(ctx: Context, bundleId: string): Json | undefined {
  return ctx.store.maps.bundles.get(bundleId)?.data ?? ctx.store.catalogue.bundles.find((b) => b.BundleId === bundleId);
}

/** Allowed [root, user] GiB: [80,10], [80,50], [80,100], [175–2000, 100–2000]; GPU bundles may keep 100/100. */
export function volumesAllowed(root: number, user: number, computeType: string): boolean {
  if (GPU.test(computeType) && root >= 100 && user >= 100) return true;
  if (root === 80) return user === 10 || user === 50 || user === 100;
  return root >= 175 && root <= 2000 && user >= 100 && user <= 2000;
}

class ItemFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function createOne(ctx: Context, request: Json, batchUsers: Set<string>): Json {
  const { store } = ctx;
  const directory = store.maps.directories.get(request.DirectoryId);
  if (directory?.data.State !== 'REGISTERED')
    throw new ItemFailure('ResourceNotFound.Directory', `The directory ${request.DirectoryId} is not registered with WorkSpaces.`);
  // emulator choice of code: AWS documents no FailedRequests code for a personal desktop in a POOLS directory
  if (directory.data.WorkspaceType === 'POOLS')
    throw new ItemFailure(
      'InvalidParameterValuesException',
      `The directory ${request.DirectoryId} is a WorkSpaces Pools directory; personal WorkSpaces need a PERSONAL one.`,
    );
  const bundle = findBundle(ctx, request.BundleId);
  if (!bundle) throw new ItemFailure('ResourceNotFound.Bundle', `The bundle ${request.BundleId} could not be found.`);
  if (bundle.State !== 'AVAILABLE') throw new ItemFailure('InvalidResourceState.Bundle', `The bundle ${request.BundleId} is ${bundle.State}.`);
  const seeded = store.dsDirectories.get(request.DirectoryId);
  if (seeded && seeded.users !== '*' && !seeded.users.some((u) => u.toLowerCase() === String(request.UserName).toLowerCase())) {
    throw new ItemFailure('ResourceNotFound.User', `The user ${request.UserName} could not be found in the directory ${request.DirectoryId}.`);
  }
  const userKey = `${request.DirectoryId}/${String(request.UserName).toLowerCase()}`;
  if (store.workspaceOfUser(request.DirectoryId, request.UserName) || batchUsers.has(userKey)) {
    throw new ItemFailure('ResourceExists.WorkSpace', `A WorkSpace already exists for user ${request.UserName} in directory ${request.DirectoryId}.`);
  }
  if (store.maps.workspaces.size >= store.quotas.workspaces)
    throw new ItemFailure('ResourceLimitExceeded.WorkSpaces', `The WorkSpaces quota (${store.quotas.workspaces}) is reached.`);
  const properties = workspacePropertiesFor(request.WorkspaceProperties ?? {}, bundle);
  let tags: Json[] = [];
  try {
    tags = checkTags(ctx, request.Tags);
  } catch (error) {
    throw new ItemFailure('InvalidParameterValuesException', (error as Error).message);
  }
  batchUsers.add(userKey);
  const rec = newWorkspace(
    ctx,
    {
      DirectoryId: request.DirectoryId,
      UserName: request.UserName,
      BundleId: request.BundleId,
      ...(request.WorkspaceName ? { WorkspaceName: request.WorkspaceName } : {}),
      ...(request.VolumeEncryptionKey ? { VolumeEncryptionKey: request.VolumeEncryptionKey } : {}),
      UserVolumeEncryptionEnabled: request.UserVolumeEncryptionEnabled ?? false,
      RootVolumeEncryptionEnabled: request.RootVolumeEncryptionEnabled ?? false,
      WorkspaceProperties: properties,
    },
    directory,
  );
  tagOnCreate(ctx, rec.data.WorkspaceId, tags);
  return rec.data;
}

function workspacePropertiesFor(requested: Json, bundle: Json): Json {
  const runningMode = requested.RunningMode ?? 'ALWAYS_ON';
  if (runningMode === 'MANUAL') throw new ItemFailure('OperationNotSupported.RunningMode', 'MANUAL running mode is only available to allow-listed accounts.');
  if (runningMode === 'ALWAYS_ON' && requested.RunningModeAutoStopTimeoutInMinutes !== undefined) {
    throw new ItemFailure(
      'AutoStopTimeoutIsNotApplicableForAnAlwaysOnWorkspace',
      'RunningModeAutoStopTimeoutInMinutes is not applicable for an ALWAYS_ON WorkSpace.',
    );
  }
  const computeType = requested.ComputeTypeName ?? bundle.ComputeType.Name;
  const root = requested.RootVolumeSizeGib ?? Number(bundle.RootStorage?.Capacity ?? 80);
  const user = requested.UserVolumeSizeGib ?? Number(bundle.UserStorage?.Capacity ?? 10);
  if (!volumesAllowed(root, user, computeType))
    throw new ItemFailure('InvalidParameterValuesException', `Volume sizes root ${root} GiB / user ${user} GiB are not an allowed combination.`);
  return {
    RunningMode: runningMode,
    ...(runningMode === 'AUTO_STOP' ? { RunningModeAutoStopTimeoutInMinutes: requested.RunningModeAutoStopTimeoutInMinutes ?? 60 } : {}),
    RootVolumeSizeGib: root,
    UserVolumeSizeGib: user,
    ComputeTypeName: computeType,
    Protocols: requested.Protocols ?? bundle.Protocols ?? ['PCOIP'],
    ...(bundle.OperatingSystem ? { OperatingSystemName: bundle.OperatingSystem } : {}),
  };
}

/** Adds a PENDING WorkSpace that becomes AVAILABLE after the create duration. */
function newWorkspace(ctx: Context, fields: Json, directory: Rec): Rec {
  const { store } = ctx;
  const id = newId(ID_FORMAT.workspace[0], ID_FORMAT.workspace[1], (candidate) => store.maps.workspaces.has(candidate));
  const seq = store.nextSeq();
  const subnets: string[] = directory.data.SubnetIds ?? [];
  const data: Json = {
    WorkspaceId: id,
    ...fields,
    State: 'PENDING',
    IpAddress: `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`,
    SubnetId: subnets[seq % Math.max(subnets.length, 1)],
    ComputerName: `WSAMZN-${id.slice(3, 11).toUpperCase()}`,
  };
  const rec: Rec = { seq, data, createdAt: nowSeconds(ctx) };
  // AWS (CreateWorkspaces): "the new WorkSpace ID is not immediately available. If you immediately
  // call DescribeWorkspaces with this identifier, no information is returned"
  if (ctx.realism.readAfterCreateSeconds > 0) rec.visibleAt = ctx.clock.dueIn(ctx.realism.readAfterCreateSeconds);
  store.addWorkspace(rec);
  transition(ctx, 'workspaces', id, 'AVAILABLE', DURATION.create);
  return rec;
}

/** Whether DescribeWorkspaces shows the desktop yet (see the read-after-create window in newWorkspace). */
function isVisible(ctx: Context, rec: Rec | undefined): rec is Rec {
  return rec !== undefined && (rec.visibleAt === undefined || rec.visibleAt <= ctx.clock.now());
}

function describeWorkspaces(input: Json, ctx: Context): Json {
  atMostOneOf(input, ['WorkspaceIds', 'DirectoryId', 'BundleId', 'WorkspaceName']);
  if (input.UserName !== undefined && input.DirectoryId === undefined) throw invalidParameter('UserName requires DirectoryId.');
  const { store } = ctx;
  const limit = limitOf(ctx, input);
  if (input.WorkspaceIds) {
    // unknown ids are silently absent: that is how callers see a terminated WorkSpace is gone
    const found = (input.WorkspaceIds as string[]).map((id) => store.maps.workspaces.get(id)).filter((r) => isVisible(ctx, r));
    return { Workspaces: found.map((r) => r.data) };
  }
  const scope = 'DescribeWorkspaces';
  const after = decodeToken(scope, input.NextToken);
  const matches = (rec: Rec): boolean =>
    (input.UserName === undefined || String(rec.data.UserName).toLowerCase() === String(input.UserName).toLowerCase()) &&
    (input.BundleId === undefined || rec.data.BundleId === input.BundleId) &&
    (input.WorkspaceName === undefined || rec.data.WorkspaceName === input.WorkspaceName);
  if (input.UserName !== undefined) {
    const id = store.workspaceOfUser(input.DirectoryId, input.UserName);
    const rec = id ? store.maps.workspaces.get(id) : undefined;
    return { Workspaces: isVisible(ctx, rec) && rec.seq > after ? [rec.data] : [] };
  }
  const page: Rec[] = [];
  for (const id of store.workspaceIdsAfter(after, input.DirectoryId)) {
    const rec = store.maps.workspaces.get(id) as Rec;
    if (!matches(rec) || !isVisible(ctx, rec)) continue;
    if (page.length === limit) return { Workspaces: page.map((r) => r.data), NextToken: encodeToken(scope, page[page.length - 1].seq) };
    page.push(rec);
  }
  return { Workspaces: page.map((r) => r.data) };
}

function createWorkspaces(input: Json, ctx: Context): Json {
  const FailedRequests: Json[] = [];
  const PendingRequests: Json[] = [];
  const batchUsers = new Set<string>();
  for (const request of input.Workspaces as Json[]) {
    try {
      PendingRequests.push(createOne(ctx, request, batchUsers));
    } catch (error) {
      if (!(error instanceof ItemFailure)) throw error;
      FailedRequests.push({ WorkspaceRequest: request, ErrorCode: error.code, ErrorMessage: error.message });
    }
  }
  return { FailedRequests, PendingRequests };
}

// ---- batch state changes: refusals are FailedRequests items, never exceptions

interface BatchRule {
  verb: string;
  allowed: string[];
  needsStoppableMode?: boolean;
  needsSnapshot?: boolean;
  busy: string;
  done: string | null;
  seconds: number;
}

const RULES: Record<string, BatchRule> = {
  start: { verb: 'start', allowed: ['STOPPED'], needsStoppableMode: true, busy: 'STARTING', done: 'AVAILABLE', seconds: DURATION.start },
  stop: {
    verb: 'stop',
    allowed: ['AVAILABLE', 'IMPAIRED', 'UNHEALTHY', 'ERROR'],
    needsStoppableMode: true,
    busy: 'STOPPING',
    done: 'STOPPED',
    seconds: DURATION.stop,
  },
  reboot: { verb: 'reboot', allowed: ['AVAILABLE', 'UNHEALTHY', 'REBOOTING'], busy: 'REBOOTING', done: 'AVAILABLE', seconds: DURATION.reboot },
  rebuild: {
    verb: 'rebuild',
    allowed: ['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED', 'REBOOTING'],
    needsSnapshot: true,
    busy: 'REBUILDING',
    done: 'AVAILABLE',
    seconds: DURATION.rebuild,
  },
};

function refusal(ctx: Context, rule: BatchRule, id: string): { code: string; message: string } | undefined {
  const rec = ctx.store.maps.workspaces.get(id);
  if (!rec) return { code: 'ResourceNotFound.Workspace', message: `The WorkSpace ${id} could not be found.` };
  const state = rec.data.State;
  if (!rule.allowed.includes(state))
    return { code: 'InvalidResourceState.Workspace', message: `Cannot ${rule.verb} WorkSpace ${id} in state ${state}; allowed: ${rule.allowed.join(', ')}.` };
  if (rule.needsStoppableMode && rec.data.WorkspaceProperties?.RunningMode === 'ALWAYS_ON') {
    return { code: 'OperationNotSupported.RunningMode', message: `Cannot ${rule.verb} WorkSpace ${id}: its running mode is ALWAYS_ON.` };
  }
  if (ctx.store.hasPending('workspaces', id) && rec.data.ModificationStates?.length)
    return { code: 'OperationInProgress.Workspace', message: `WorkSpace ${id} has a modification in progress.` };
  if (rule.needsSnapshot && ctx.store.latestSnapshotTime(rec) === undefined)
    return { code: 'InvalidResourceState.Workspace', message: `WorkSpace ${id} has no snapshot to rebuild from yet.` };
  return undefined;
}

function batch(ruleName: string, listMember: string): (input: Json, ctx: Context) => Json {
  const rule = RULES[ruleName];
  return (input, ctx) => {
    const FailedRequests: Json[] = [];
    for (const item of input[listMember] as Json[]) {
      const problem = refusal(ctx, rule, item.WorkspaceId);
      if (problem) {
        FailedRequests.push({ WorkspaceId: item.WorkspaceId, ErrorCode: problem.code, ErrorMessage: problem.message });
        continue;
      }
      const rec = ctx.store.maps.workspaces.get(item.WorkspaceId) as Rec;
      rec.data.State = rule.busy;
      endSession(rec);
      transition(ctx, 'workspaces', item.WorkspaceId, rule.done, rule.seconds);
    }
    return { FailedRequests };
  };
}

function terminateWorkspaces(input: Json, ctx: Context): Json {
  const FailedRequests: Json[] = [];
  for (const item of input.TerminateWorkspaceRequests as Json[]) {
    const rec = ctx.store.maps.workspaces.get(item.WorkspaceId);
    if (!rec) {
      FailedRequests.push({
        WorkspaceId: item.WorkspaceId,
        ErrorCode: 'ResourceNotFound.Workspace',
        ErrorMessage: `The WorkSpace ${item.WorkspaceId} could not be found.`,
      });
      continue;
    }
    if (rec.data.State === 'SUSPENDED') {
      FailedRequests.push({
        WorkspaceId: item.WorkspaceId,
        ErrorCode: 'InvalidResourceState.Workspace',
        ErrorMessage: `Cannot terminate WorkSpace ${item.WorkspaceId} while SUSPENDED (an image is being created from it).`,
      });
      continue;
    }
    if (rec.data.State === 'TERMINATING') continue; // already on its way out: accepted again
    terminate(ctx, rec);
  }
  return { FailedRequests };
}

/** Leaving AVAILABLE (stop, reboot, rebuild, restore, terminate) disconnects the user. */
function endSession(rec: Rec): void {
  if (rec.connection?.state === 'CONNECTED') rec.connection = { ...rec.connection, state: 'DISCONNECTED' };
}

function terminate(ctx: Context, rec: Rec): void {
  endSession(rec);
  rec.data.State = 'TERMINATING';
  delete rec.data.ModificationStates;
  transition(ctx, 'workspaces', rec.data.WorkspaceId, null, DURATION.terminate);
}

function requireWorkspace(ctx: Context, id: string): Rec {
  return requireRec(ctx, 'workspaces', id, 'WorkSpace');
}

function restoreWorkspace(input: Json, ctx: Context): Json {
  const rec = requireWorkspace(ctx, input.WorkspaceId);
  const allowed = ['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED'];
  // AWS models no InvalidResourceStateException here: the emulator answers OperationNotSupportedException
  if (!allowed.includes(rec.data.State))
    throw notSupported(`Cannot restore WorkSpace ${input.WorkspaceId} in state ${rec.data.State}; allowed: ${allowed.join(', ')}.`, 'InvalidResourceState');
  if (ctx.store.latestSnapshotTime(rec) === undefined) throw notSupported(`WorkSpace ${input.WorkspaceId} has no snapshot to restore from yet.`, 'NoSnapshot');
  rec.data.State = 'RESTORING';
  endSession(rec);
  transition(ctx, 'workspaces', input.WorkspaceId, 'AVAILABLE', DURATION.restore);
  return {};
}

function modifyWorkspaceState(input: Json, ctx: Context): Json {
  const rec = requireWorkspace(ctx, input.WorkspaceId);
  const target = input.WorkspaceState;
  const from = target === 'ADMIN_MAINTENANCE' ? 'AVAILABLE' : 'ADMIN_MAINTENANCE';
  if (rec.data.State !== from) throw invalidState(`WorkSpace ${input.WorkspaceId} is ${rec.data.State}; it must be ${from} to become ${target}.`);
  rec.data.State = target;
  return {};
}

function modifyWorkspaceProperties(input: Json, ctx: Context): Json {
  const rec = requireWorkspace(ctx, input.WorkspaceId);
  // a change in flight shows as UPDATING: report it as such rather than as a wrong state
  if (rec.data.ModificationStates?.length) throw inProgress(`A modification of WorkSpace ${input.WorkspaceId} is still in progress.`);
  if (!['AVAILABLE', 'STOPPED'].includes(rec.data.State))
    throw invalidState(`WorkSpace ${input.WorkspaceId} is ${rec.data.State}; properties can change only when AVAILABLE or STOPPED.`);
  if (input.DataReplication !== undefined) {
    rec.data.DataReplicationSettings = { DataReplication: input.DataReplication, RecoverySnapshotTime: nowSeconds(ctx) };
  }
  const requested: Json = input.WorkspaceProperties ?? {};
  const current: Json = rec.data.WorkspaceProperties;
  const modifications = plannedModifications(input.WorkspaceId, requested, current);
  applyRunningMode(requested, current);
  if (modifications.length === 0) return {};
  for (const [key, value] of Object.entries(requested)) if (!['RunningMode', 'RunningModeAutoStopTimeoutInMinutes'].includes(key)) current[key] = value;
  rec.data.ModificationStates = modifications.map((resource) => ({ Resource: resource, State: 'UPDATE_IN_PROGRESS' }));
  transition(ctx, 'workspaces', input.WorkspaceId, rec.data.State, DURATION.modify, true);
  rec.data.State = 'UPDATING';
  return {};
}

function applyRunningMode(requested: Json, current: Json): void {
  const mode = requested.RunningMode ?? current.RunningMode;
  if (mode === 'MANUAL') throw notSupported('MANUAL running mode is only available to allow-listed accounts.', 'RunningModeNotAllowed');
  if (mode === 'ALWAYS_ON' && requested.RunningModeAutoStopTimeoutInMinutes !== undefined)
    throw invalidParameter('RunningModeAutoStopTimeoutInMinutes is not applicable for an ALWAYS_ON WorkSpace.');
  if (requested.RunningModeAutoStopTimeoutInMinutes !== undefined && requested.RunningModeAutoStopTimeoutInMinutes % 60 !== 0)
    throw invalidParameter('RunningModeAutoStopTimeoutInMinutes must be a multiple of 60.');
  current.RunningMode = mode;
  if (mode === 'ALWAYS_ON') delete current.RunningModeAutoStopTimeoutInMinutes;
  else current.RunningModeAutoStopTimeoutInMinutes = requested.RunningModeAutoStopTimeoutInMinutes ?? current.RunningModeAutoStopTimeoutInMinutes ?? 60;
}

/** The ModificationStates resources a change starts; throws for changes AWS refuses. */
function plannedModifications(id: string, requested: Json, current: Json): string[] {
  const out: string[] = [];
  const rootChange = requested.RootVolumeSizeGib !== undefined && requested.RootVolumeSizeGib !== current.RootVolumeSizeGib;
  const userChange = requested.UserVolumeSizeGib !== undefined && requested.UserVolumeSizeGib !== current.UserVolumeSizeGib;
  const computeChange = requested.ComputeTypeName !== undefined && requested.ComputeTypeName !== current.ComputeTypeName;
  const protocolChange = requested.Protocols !== undefined && JSON.stringify(requested.Protocols) !== JSON.stringify(current.Protocols);
  if (rootChange && userChange) throw invalidParameter('Change one volume per call: root and user volumes cannot grow together.');
  if ((rootChange || userChange) && computeChange) throw invalidParameter('A volume change cannot be combined with a compute type change.');
  if (rootChange || userChange) checkVolumes(requested, current);
  if (computeChange) checkCompute(current.ComputeTypeName, requested.ComputeTypeName);
  if (protocolChange) checkProtocol(id, current, requested.Protocols);
  if (rootChange) out.push('ROOT_VOLUME');
  if (userChange) out.push('USER_VOLUME');
  if (computeChange) out.push('COMPUTE_TYPE');
  if (protocolChange) out.push('PROTOCOL');
  return out;
}

function checkVolumes(requested: Json, current: Json): void {
  const root = requested.RootVolumeSizeGib ?? current.RootVolumeSizeGib;
  const user = requested.UserVolumeSizeGib ?? current.UserVolumeSizeGib;
  if (root < current.RootVolumeSizeGib || user < current.UserVolumeSizeGib) throw invalidParameter('Volumes can only grow.');
  if (!volumesAllowed(root, user, current.ComputeTypeName))
    throw invalidParameter(`Volume sizes root ${root} GiB / user ${user} GiB are not an allowed combination.`);
}

function checkCompute(from: string, to: string): void {
  const bothGeneral = COMPUTE_ORDER.includes(from) && COMPUTE_ORDER.includes(to);
  const g4dnPair = /^GRAPHICS(PRO)?_G4DN$/.test(from) && /^GRAPHICS(PRO)?_G4DN$/.test(to);
  if (!bothGeneral && !g4dnPair) throw notSupported(`Compute type cannot change from ${from} to ${to}; use MigrateWorkspace.`, 'ComputeTypeChangeNotSupported');
}

function checkProtocol(id: string, current: Json, protocols: string[]): void {
  if (GPU.test(current.ComputeTypeName))
    throw new AwsError('UnsupportedWorkspaceConfigurationException', `WorkSpace ${id}: protocol cannot change on a graphics WorkSpace.`);
  if ((current.Protocols ?? []).includes('WSP') && protocols.includes('PCOIP'))
    throw new AwsError('UnsupportedWorkspaceConfigurationException', `WorkSpace ${id} was created with WSP (DCV) and cannot switch to PCoIP.`);
}

function migrateWorkspace(input: Json, ctx: Context): Json {
  const source = requireWorkspace(ctx, input.SourceWorkspaceId);
  if (source.data.ModificationStates?.length) throw inProgress(`A modification of WorkSpace ${input.SourceWorkspaceId} is still in progress.`);
  if (!['AVAILABLE', 'STOPPED', 'ERROR'].includes(source.data.State))
    throw unavailable(input.SourceWorkspaceId, `WorkSpace ${input.SourceWorkspaceId} is ${source.data.State}; migration needs AVAILABLE, STOPPED or ERROR.`);
  const bundle = findBundle(ctx, input.BundleId);
  if (!bundle) throw notFound(input.BundleId, 'bundle');
  if (bundle.State !== 'AVAILABLE') throw unavailable(input.BundleId, `Bundle ${input.BundleId} is ${bundle.State}.`);
  if (bundle.BundleId === source.data.BundleId) throw invalidParameter('The target bundle is the current bundle; rebuild the WorkSpace instead.');
  const directory = requireRec(ctx, 'directories', source.data.DirectoryId, 'directory');
  const old: Json = source.data.WorkspaceProperties;
  const target = newWorkspace(
    ctx,
    {
      DirectoryId: source.data.DirectoryId,
      UserName: source.data.UserName,
      BundleId: bundle.BundleId,
      ...(source.data.WorkspaceName ? { WorkspaceName: source.data.WorkspaceName } : {}),
      UserVolumeEncryptionEnabled: source.data.UserVolumeEncryptionEnabled ?? false,
      RootVolumeEncryptionEnabled: source.data.RootVolumeEncryptionEnabled ?? false,
      WorkspaceProperties: {
        ...old,
        ComputeTypeName: bundle.ComputeType.Name,
        // volumes may grow to the target bundle's defaults; a customised user volume keeps its size
        RootVolumeSizeGib: Math.max(old.RootVolumeSizeGib, Number(bundle.RootStorage?.Capacity ?? 80)),
        UserVolumeSizeGib: Math.max(old.UserVolumeSizeGib, Number(bundle.UserStorage?.Capacity ?? 10)),
        Protocols: bundle.Protocols ?? old.Protocols,
      },
    },
    directory,
  );
  ctx.store.setTags(
    target.data.WorkspaceId,
    ctx.store.tagsOf(source.data.WorkspaceId).map((t) => ({ ...t })),
  );
  terminate(ctx, source);
  return { SourceWorkspaceId: input.SourceWorkspaceId, TargetWorkspaceId: target.data.WorkspaceId };
}

function describeConnectionStatus(input: Json, ctx: Context): Json {
  const status = (rec: Rec): Json => ({
    WorkspaceId: rec.data.WorkspaceId,
    ConnectionState: rec.data.State !== 'AVAILABLE' ? 'UNKNOWN' : (rec.connection?.state ?? 'DISCONNECTED'),
    ConnectionStateCheckTimestamp: nowSeconds(ctx),
    ...(rec.connection?.lastConnectedAt === undefined ? {} : { LastKnownUserConnectionTimestamp: rec.connection.lastConnectedAt }),
  });
  if (input.WorkspaceIds) {
    const found = (input.WorkspaceIds as string[]).map((id) => ctx.store.maps.workspaces.get(id)).filter((r): r is Rec => r !== undefined);
    return { WorkspacesConnectionStatus: found.map(status) };
  }
  const scope = 'DescribeWorkspacesConnectionStatus';
  const after = decodeToken(scope, input.NextToken);
  const page: Rec[] = [];
  for (const id of ctx.store.workspaceIdsAfter(after)) {
    const rec = ctx.store.maps.workspaces.get(id) as Rec;
    if (page.length === ctx.pageSize) return { WorkspacesConnectionStatus: page.map(status), NextToken: encodeToken(scope, page[page.length - 1].seq) };
    page.push(rec);
  }
  return { WorkspacesConnectionStatus: page.map(status) };
}

function describeSnapshots(input: Json, ctx: Context): Json {
  const rec = requireWorkspace(ctx, input.WorkspaceId);
  const latest = ctx.store.latestSnapshotTime(rec);
  const snapshots = latest === undefined ? [] : [{ SnapshotTime: Math.floor(latest) }];
  return { RebuildSnapshots: snapshots, RestoreSnapshots: snapshots };
}

function createStandbyWorkspaces(input: Json, ctx: Context): Json {
  // a standby lives in a secondary Region: its primary is in another one
  if (input.PrimaryRegion === ctx.store.region)
    throw invalidParameter(`PrimaryRegion ${input.PrimaryRegion} is this Region; a standby WorkSpace is created in a secondary Region.`);
  // the primary lives in the same account in PrimaryRegion (another Region this emulator serves)
  const primaryStore = ctx.world.storeFor({ account: ctx.store.account, region: input.PrimaryRegion });
  const FailedStandbyRequests: Json[] = [];
  const PendingStandbyRequests: Json[] = [];
  for (const request of input.StandbyWorkspaces as Json[]) {
    const problem = standbyProblem(ctx, primaryStore, request);
    if (problem) {
      FailedStandbyRequests.push({ StandbyWorkspaceRequest: request, ErrorCode: problem[0], ErrorMessage: problem[1] });
      continue;
    }
    const primary = primaryStore?.maps.workspaces.get(request.PrimaryWorkspaceId) as Rec;
    const directory = ctx.store.maps.directories.get(request.DirectoryId) as Rec;
    const standby = newWorkspace(
      ctx,
      {
        DirectoryId: request.DirectoryId,
        UserName: primary.data.UserName,
        BundleId: primary.data.BundleId,
        UserVolumeEncryptionEnabled: false,
        RootVolumeEncryptionEnabled: false,
        WorkspaceProperties: { ...primary.data.WorkspaceProperties },
        RelatedWorkspaces: [{ WorkspaceId: primary.data.WorkspaceId, Region: input.PrimaryRegion, State: primary.data.State, Type: 'PRIMARY' }],
        ...(request.DataReplication ? { DataReplicationSettings: { DataReplication: request.DataReplication } } : {}),
      },
      directory,
    );
    tagOnCreate(ctx, standby.data.WorkspaceId, request.Tags);
    primary.data.RelatedWorkspaces = [
      ...(primary.data.RelatedWorkspaces ?? []),
      { WorkspaceId: standby.data.WorkspaceId, Region: ctx.store.region, State: 'PENDING', Type: 'STANDBY' },
    ];
    primary.data.StandbyWorkspacesProperties = [
      { StandbyWorkspaceId: standby.data.WorkspaceId, ...(request.DataReplication ? { DataReplication: request.DataReplication } : {}) },
    ];
    PendingStandbyRequests.push({ UserName: standby.data.UserName, DirectoryId: request.DirectoryId, State: 'PENDING', WorkspaceId: standby.data.WorkspaceId });
  }
  return { FailedStandbyRequests, PendingStandbyRequests };
}

function standbyProblem(ctx: Context, primaryStore: Store | undefined, request: Json): [string, string] | undefined {
  const primary = primaryStore?.maps.workspaces.get(request.PrimaryWorkspaceId);
  if (!primary)
    return [
      'ResourceNotFound.Workspace',
      `The primary WorkSpace ${request.PrimaryWorkspaceId} could not be found in ${primaryStore?.region ?? 'a Region this endpoint serves'}.`,
    ];
  const directory = ctx.store.maps.directories.get(request.DirectoryId);
  if (directory?.data.State !== 'REGISTERED') return ['ResourceNotFound.Directory', `The directory ${request.DirectoryId} is not registered with WorkSpaces.`];
  if (ctx.store.workspaceOfUser(request.DirectoryId, primary.data.UserName))
    return ['ResourceExists.WorkSpace', `A WorkSpace already exists for user ${primary.data.UserName} in directory ${request.DirectoryId}.`];
  try {
    checkTags(ctx, request.Tags);
  } catch (error) {
    return ['InvalidParameterValuesException', (error as Error).message];
  }
  return undefined;
}

export const workspaceHandlers: Handlers = {
  CreateWorkspaces: createWorkspaces,
  DescribeWorkspaces: describeWorkspaces,
  StartWorkspaces: batch('start', 'StartWorkspaceRequests'),
  StopWorkspaces: batch('stop', 'StopWorkspaceRequests'),
  RebootWorkspaces: batch('reboot', 'RebootWorkspaceRequests'),
  RebuildWorkspaces: batch('rebuild', 'RebuildWorkspaceRequests'),
  TerminateWorkspaces: terminateWorkspaces,
  RestoreWorkspace: restoreWorkspace,
  ModifyWorkspaceState: modifyWorkspaceState,
  ModifyWorkspaceProperties: modifyWorkspaceProperties,
  MigrateWorkspace: migrateWorkspace,
  DescribeWorkspacesConnectionStatus: describeConnectionStatus,
  DescribeWorkspaceSnapshots: describeSnapshots,
  CreateStandbyWorkspaces: createStandbyWorkspaces,
};
