/** WorkSpaces Pools and their user sessions. */
import { randomBytes } from 'node:crypto';
import { DURATION, type Clock } from '../clock.js';
import { alreadyExists, inProgress, invalidState, limitExceeded, notFound, notSupported } from '../errors.js';
import { ID_FORMAT, newId, newUuid } from '../ids.js';
import { pageOf } from '../pagination.js';
import type { Json, Rec, Store } from '../store.js';
import { limitOf, nowSeconds, requireRec, tagOnCreate, transition, type Context, type Handlers } from './context.js';
import { requirePoolsDirectory } from './directories.js';
import { findBundle } from './workspaces.js';

const BUSY = ['CREATING', 'STARTING', 'STOPPING', 'UPDATING'];
const requirePool = (ctx: Context, id: string): Rec => requireRec(ctx, 'pools', id, 'pool');

function capacity(desired: number, active: number): Json {
  return { AvailableUserSessions: Math.max(desired - active, 0), DesiredUserSessions: desired, ActualUserSessions: desired, ActiveUserSessions: active };
}

function createPool(input: Json, ctx: Context): Json {
  const { store } = ctx;
  if ([...store.maps.pools.values()].some((p) => p.data.PoolName === input.PoolName)) throw alreadyExists(`A pool named ${input.PoolName} already exists.`);
  if (store.maps.pools.size >= store.quotas.pools) throw limitExceeded(`At most ${store.quotas.pools} pools per Region.`);
  if (!findBundle(ctx, input.BundleId)) throw notFound(input.BundleId, 'bundle');
  requirePoolsDirectory(ctx, input.DirectoryId);
  const id = newId(ID_FORMAT.pool[0], ID_FORMAT.pool[1], (c) => store.maps.pools.has(c));
  tagOnCreate(ctx, id, input.Tags);
  const data: Json = {
    PoolId: id,
    PoolArn: `arn:aws:workspaces:${store.region}:${store.account}:workspacespool/${id}`,
    CapacityStatus: capacity(input.Capacity.DesiredUserSessions, 0),
    PoolName: input.PoolName,
    Description: input.Description,
    State: 'CREATING',
    CreatedAt: nowSeconds(ctx),
    BundleId: input.BundleId,
    DirectoryId: input.DirectoryId,
    ApplicationSettings: input.ApplicationSettings ?? { Status: 'DISABLED' },
    ...(input.TimeoutSettings ? { TimeoutSettings: input.TimeoutSettings } : {}),
    RunningMode: input.RunningMode ?? 'AUTO_STOP',
  };
  store.maps.pools.set(id, { seq: store.nextSeq(), data });
  transition(ctx, 'pools', id, 'RUNNING', DURATION.pool);
  return { WorkspacesPool: data };
}

function describePools(input: Json, ctx: Context): Json {
  let recs = [...ctx.store.maps.pools.values()];
  if (input.PoolIds) recs = recs.filter((r) => input.PoolIds.includes(r.data.PoolId));
  for (const filter of (input.Filters ?? []) as Json[]) recs = recs.filter((r) => poolNameMatches(r.data.PoolName, filter));
  const page = pageOf('DescribeWorkspacesPools', recs, input.NextToken, limitOf(ctx, input));
  return { WorkspacesPools: page.items.map((r) => r.data), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

function poolNameMatches(name: string, filter: Json): boolean {
  const values = filter.Values as string[];
  switch (filter.Operator) {
    case 'EQUALS':
      return values.includes(name);
    case 'NOTEQUALS':
      return !values.includes(name);
    case 'CONTAINS':
      return values.some((v) => name.includes(v));
    default:
      return !values.some((v) => name.includes(v));
  }
}

function requireIdle(rec: Rec): void {
  if (BUSY.includes(rec.data.State)) throw inProgress(`Pool ${rec.data.PoolId} is ${rec.data.State}; wait for it to finish.`);
  if (rec.data.State === 'DELETING') throw invalidState(`Pool ${rec.data.PoolId} is being deleted.`);
}

function updatePool(input: Json, ctx: Context): Json {
  const rec = requirePool(ctx, input.PoolId);
  requireIdle(rec);
  if (input.BundleId !== undefined && !findBundle(ctx, input.BundleId)) throw notFound(input.BundleId, 'bundle');
  if (input.DirectoryId !== undefined) requirePoolsDirectory(ctx, input.DirectoryId);
  for (const member of ['Description', 'BundleId', 'DirectoryId', 'ApplicationSettings', 'TimeoutSettings', 'RunningMode']) {
    if (input[member] !== undefined) rec.data[member] = input[member];
  }
  if (input.Capacity) rec.data.CapacityStatus = capacity(input.Capacity.DesiredUserSessions, rec.data.CapacityStatus.ActiveUserSessions);
  if (rec.data.State === 'RUNNING') {
    rec.data.State = 'UPDATING';
    transition(ctx, 'pools', input.PoolId, 'RUNNING', DURATION.pool);
  }
  return { WorkspacesPool: rec.data };
}

function startPool(input: Json, ctx: Context): Json {
  const rec = requirePool(ctx, input.PoolId);
  requireIdle(rec);
  if (rec.data.RunningMode !== 'AUTO_STOP') throw notSupported(`Pool ${input.PoolId} is ALWAYS_ON; only AUTO_STOP pools are started and stopped.`);
  if (rec.data.State !== 'STOPPED') throw invalidState(`Pool ${input.PoolId} is ${rec.data.State}; it must be STOPPED to start.`);
  rec.data.State = 'STARTING';
  transition(ctx, 'pools', input.PoolId, 'RUNNING', DURATION.pool);
  return {};
}

function stopPool(input: Json, ctx: Context): Json {
  const rec = requirePool(ctx, input.PoolId);
  requireIdle(rec);
  if (rec.data.RunningMode !== 'AUTO_STOP') throw invalidState(`Pool ${input.PoolId} is ALWAYS_ON; only AUTO_STOP pools are stopped.`);
  if (rec.data.State !== 'RUNNING') throw invalidState(`Pool ${input.PoolId} is ${rec.data.State}; it must be RUNNING to stop.`);
  rec.data.State = 'STOPPING';
  endSessions(ctx.store, input.PoolId);
  transition(ctx, 'pools', input.PoolId, 'STOPPED', DURATION.pool);
  return {};
}

function terminatePool(input: Json, ctx: Context): Json {
  const rec = requirePool(ctx, input.PoolId);
  requireIdle(rec);
  rec.data.State = 'DELETING';
  endSessions(ctx.store, input.PoolId);
  transition(ctx, 'pools', input.PoolId, null, DURATION.pool);
  return {};
}

function endSessions(store: Store, poolId: string): void {
  for (const [id, session] of store.maps.poolSessions) if (session.data.PoolId === poolId) store.maps.poolSessions.delete(id);
  const pool = store.maps.pools.get(poolId);
  if (pool) pool.data.CapacityStatus = capacity(pool.data.CapacityStatus.DesiredUserSessions, 0);
}

function describeSessions(input: Json, ctx: Context): Json {
  requirePool(ctx, input.PoolId);
  const recs = [...ctx.store.maps.poolSessions.values()].filter(
    (s) => s.data.PoolId === input.PoolId && (input.UserId === undefined || s.data.UserId === input.UserId),
  );
  const page = pageOf('DescribeWorkspacesPoolSessions', recs, input.NextToken, typeof input.Limit === 'number' ? input.Limit : Math.min(ctx.pageSize, 20));
  return { Sessions: page.items.map((r) => r.data), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

function terminateSession(input: Json, ctx: Context): Json {
  const session = requireRec(ctx, 'poolSessions', input.SessionId, 'session');
  ctx.store.maps.poolSessions.delete(input.SessionId);
  const pool = ctx.store.maps.pools.get(session.data.PoolId);
  if (pool) pool.data.CapacityStatus = capacity(pool.data.CapacityStatus.DesiredUserSessions, Math.max(pool.data.CapacityStatus.ActiveUserSessions - 1, 0));
  return {};
}

/** A user connecting to a RUNNING pool (admin endpoint: AWS has no API for it). */
export function connectPoolUser(store: Store, clock: Clock, poolId: string, userId: string): Json {
  store.settle(clock.now());
  const pool = store.maps.pools.get(poolId);
  if (!pool) throw notFound(poolId, 'pool');
  if (pool.data.State !== 'RUNNING') throw invalidState(`Pool ${poolId} is ${pool.data.State}; users connect only to a RUNNING pool.`);
  const now = Math.floor(clock.now());
  const data: Json = {
    AuthenticationType: 'SAML',
    ConnectionState: 'CONNECTED',
    SessionId: newUuid(),
    InstanceId: `i-${randomBytes(9).toString('hex').slice(0, 17)}`,
    PoolId: poolId,
    ExpirationTime: now + 8 * 3600,
    StartTime: now,
    UserId: userId,
  };
  store.maps.poolSessions.set(data.SessionId, { seq: store.nextSeq(), data });
  const status = pool.data.CapacityStatus;
  pool.data.CapacityStatus = capacity(status.DesiredUserSessions, status.ActiveUserSessions + 1);
  return data;
}

export const poolHandlers: Handlers = {
  CreateWorkspacesPool: createPool,
  DescribeWorkspacesPools: describePools,
  UpdateWorkspacesPool: updatePool,
  StartWorkspacesPool: startPool,
  StopWorkspacesPool: stopPool,
  TerminateWorkspacesPool: terminatePool,
  DescribeWorkspacesPoolSessions: describeSessions,
  TerminateWorkspacesPoolSession: terminateSession,
};
