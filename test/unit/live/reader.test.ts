import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchTags, readLive, readTags } from '../../../src/live/reader.js';
import { mapWithConcurrency } from '../../../src/live/map-with-concurrency.js';
import type { ApiPort, KindDefinition, ReadContext } from '../../../src/kinds/kind.js';
import type { DesiredState } from '../../../src/model/desired.js';
import type { LiveResource } from '../../../src/model/live.js';
import { AwsError } from '../../../src/errors.js';

const desired: DesiredState = {
  environment: { name: 'test', account: '123456789012', region: 'us-east-1' },
  policy: { prune: false, protect: [], allowDestroy: false, rollout: { mode: 'none', batchSize: 25 } },
  resources: [],
};
const readOptions = { account: '123456789012', region: 'us-east-1' };

/** An in-memory account: directories and workspaces, served in pages like the API does. */
class InMemoryPort implements ApiPort {
  readonly sent: { operation: string; input: Record<string, unknown> }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failOn?: (operation: string, input: Record<string, unknown>) => Error | undefined;
  tokenFor: (nextIndex: number) => string = (nextIndex) => `page-${nextIndex}`;

  constructor(
    readonly directories: string[],
    readonly workspaces: { id: string; directoryId: string; user: string }[],
    readonly tags: Record<string, Record<string, string>> = {},
  ) {}

  async call(operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
    this.sent.push({ operation, input });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await Promise.resolve();
      const failure = this.failOn?.(operation, input);
      if (failure) throw failure;
      return this.answer(operation, input);
    } finally {
      this.inFlight--;
    }
  }

  private answer(operation: string, input: Record<string, unknown>): Record<string, any> {
    if (operation === 'DescribeWorkspaceDirectories') return { Directories: this.directories.map((id) => ({ DirectoryId: id, State: 'REGISTERED' })) };
    if (operation === 'DescribeWorkspaces')
      return this.page(
        this.workspaces.filter((w) => w.directoryId === input.DirectoryId),
        input,
      );
    if (operation === 'DescribeTags') return { TagList: Object.entries(this.tags[String(input.ResourceId)] ?? {}).map(([Key, Value]) => ({ Key, Value })) };
    if (operation === 'GetResources') return this.taggedPage(input);
    throw new Error(`InMemoryPort does not know ${operation}`);
  }

  /** GetResources as the tagging API answers it: only tagged resources of the filtered types, by ARN, `''` token on the last page. */
  private taggedPage(input: Record<string, unknown>) {
    const types = new Set((input.ResourceTypeFilters as string[] | undefined) ?? []);
    const arns = input.ResourceARNList === undefined ? undefined : new Set(input.ResourceARNList as string[]);
    const arnOf = (id: string) => `arn:aws:workspaces:us-east-1:123456789012:${arnTypeOf(id)}/${id}`;
    const wanted = (id: string) => (arns ? arns.has(arnOf(id)) : types.has('workspaces') || types.has(`workspaces:${arnTypeOf(id)}`));
    const tagged = Object.entries(this.tags)
      .filter(([id, tags]) => Object.keys(tags).length > 0 && wanted(id))
      .map(([id, tags]) => ({ ResourceARN: arnOf(id), Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
    const perPage = Number(input.ResourcesPerPage ?? 100);
    const start = typeof input.PaginationToken === 'string' && input.PaginationToken !== '' ? Number(input.PaginationToken.slice('page-'.length)) : 0;
    const next = start + perPage < tagged.length ? this.tokenFor(start + perPage) : '';
    return { ResourceTagMappingList: tagged.slice(start, start + perPage), PaginationToken: next };
  }

  private page(items: { id: string; directoryId: string; user: string }[], input: Record<string, unknown>) {
    const limit = Number(input.Limit ?? 25);
    const start = typeof input.NextToken === 'string' ? Number(input.NextToken.slice('page-'.length)) : 0;
    const slice = items.slice(start, start + limit);
    const next = start + limit < items.length ? this.tokenFor(start + limit) : undefined;
    return {
      Workspaces: slice.map((w) => ({ WorkspaceId: w.id, DirectoryId: w.directoryId, UserName: w.user, State: 'AVAILABLE' })),
      ...(next ? { NextToken: next } : {}),
    };
  }

  count(operation: string): number {
    return this.sent.filter((call) => call.operation === operation).length;
  }
}

/** Stand-ins for the planner's kinds: same read contract, minimal normalisation. */
const directoryKind = {
  kind: 'directory',
  read: async ({ port }: ReadContext): Promise<LiveResource[]> => {
    const output = await port.call('DescribeWorkspaceDirectories', {});
    return output.Directories!.map((d: any) => ({ kind: 'directory', key: `directory/${d.DirectoryId}`, id: d.DirectoryId, properties: {}, state: d.State }));
  },
} as unknown as KindDefinition;

const workspaceKind = {
  kind: 'workspace',
  read: async ({ port, readSoFar }: ReadContext): Promise<LiveResource[]> => {
    const resources: LiveResource[] = [];
    for (const directory of readSoFar.filter((r) => r.kind === 'directory')) {
      let token: string | undefined;
      do {
        const output = await port.call('DescribeWorkspaces', { DirectoryId: directory.id, Limit: 25, ...(token ? { NextToken: token } : {}) });
        for (const w of output.Workspaces!) {
          resources.push({ kind: 'workspace', key: `workspace/${w.DirectoryId}/${w.UserName}`, id: w.WorkspaceId, properties: {}, state: w.State });
        }
        token = output.NextToken;
      } while (token);
    }
    return resources;
  },
} as unknown as KindDefinition;

function arnTypeOf(id: string): string {
  if (id.startsWith('d-')) return 'directory';
  if (id.startsWith('wsipg-')) return 'workspaceipgroup';
  return 'workspace';
}

function fleet(directoryId: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({ id: `ws-${directoryId.slice(2)}${String(i).padStart(4, '0')}`, directoryId, user: `user${i}` }));
}

describe('readLive', () => {
  it('reads kinds in registry order, so workspaces are read per directory already read', async () => {
    const port = new InMemoryPort(['d-1111111111', 'd-2222222222'], [...fleet('d-1111111111', 3), ...fleet('d-2222222222', 2)]);

    const live = await readLive(desired, port, { ...readOptions, kinds: [directoryKind, workspaceKind] });

    expect(live.resources.filter((r) => r.kind === 'workspace').map((r) => r.key)).toEqual([
      'workspace/d-1111111111/user0',
      'workspace/d-1111111111/user1',
      'workspace/d-1111111111/user2',
      'workspace/d-2222222222/user0',
      'workspace/d-2222222222/user1',
    ]);
    expect(port.sent.map((call) => call.input.DirectoryId).filter(Boolean)).toEqual(['d-1111111111', 'd-2222222222']);
  });

  it('follows NextToken across pages and counts every call by operation', async () => {
    const port = new InMemoryPort(['d-1111111111'], fleet('d-1111111111', 60));

    const live = await readLive(desired, port, { ...readOptions, kinds: [directoryKind, workspaceKind] });

    expect(live.resources.filter((r) => r.kind === 'workspace')).toHaveLength(60);
    expect(live.stats.calls).toEqual({ DescribeWorkspaceDirectories: 1, DescribeWorkspaces: 3 });
    expect(live.account).toBe('123456789012');
  });

  it('prefers the port’s own counts (HTTP attempts, retries included) when it keeps them', async () => {
    const inner = new InMemoryPort(['d-1111111111'], fleet('d-1111111111', 1));
    let attempts = 10; // the port had already made calls before this read
    const counting = Object.assign(inner, { calls: () => ({ DescribeWorkspaces: attempts }) });
    const port: ApiPort = {
      call: async (operation: string, input: Record<string, any>) => {
        attempts += operation === 'DescribeWorkspaces' ? 2 : 0; // one throttled attempt + one answered
        return counting.call(operation, input);
      },
      calls: () => ({ DescribeWorkspaces: attempts }),
    } as ApiPort;

    const live = await readLive(desired, port, { ...readOptions, kinds: [directoryKind, workspaceKind] });

    expect(live.stats.calls).toEqual({ DescribeWorkspaces: 2 });
  });

  it('aborts the whole read when a page fails (missing data is never read as deleted)', async () => {
    const port = new InMemoryPort(['d-1111111111'], fleet('d-1111111111', 60));
    port.failOn = (operation, input) =>
      operation === 'DescribeWorkspaces' && input.NextToken === 'page-25'
        ? new AwsError('AWS_THROTTLED', 'DescribeWorkspaces failed (AWS ThrottlingException): Rate exceeded', { awsCode: 'ThrottlingException' })
        : undefined;

    await expect(readLive(desired, port, { ...readOptions, kinds: [directoryKind, workspaceKind] })).rejects.toMatchObject({
      code: 'AWS_THROTTLED',
    });
    expect(port.sent.some((call) => call.input.NextToken === 'page-50')).toBe(false);
  });

  it('turns an unexpected failure inside a kind’s read into READ_INCOMPLETE', async () => {
    const broken = {
      kind: 'ipGroup',
      read: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'map')");
      },
    } as unknown as KindDefinition;

    await expect(readLive(desired, new InMemoryPort([], []), { ...readOptions, kinds: [broken] })).rejects.toMatchObject({
      code: 'READ_INCOMPLETE',
      message: expect.stringContaining('reading ipGroup failed'),
    });
  });

  it('stops a pagination that returns the same NextToken twice instead of looping forever', async () => {
    const port = new InMemoryPort(['d-1111111111'], fleet('d-1111111111', 60));
    port.tokenFor = () => 'page-25'; // a server bug: always "one more page" from the same place

    await expect(readLive(desired, port, { ...readOptions, kinds: [directoryKind, workspaceKind] })).rejects.toMatchObject({
      code: 'READ_INCOMPLETE',
    });
  });

  it('stops between calls once aborted, starting no further page (daemon shutdown)', async () => {
    const port = new InMemoryPort(['d-1111111111'], fleet('d-1111111111', 100));
    const controller = new AbortController();
    const abortAfterSecondPage = {
      ...port,
      call: async (operation: string, input: Record<string, unknown>) => {
        const output = await port.call(operation, input);
        if (port.count('DescribeWorkspaces') === 2) controller.abort();
        return output;
      },
    } as ApiPort;

    await expect(
      readLive(desired, abortAfterSecondPage, { ...readOptions, kinds: [directoryKind, workspaceKind], signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'READ_ABORTED',
    });
    expect(port.count('DescribeWorkspaces')).toBe(2);
  });

  it('never lets a read recipe call a mutating operation', async () => {
    const port = new InMemoryPort([], []);
    const sneaky = {
      kind: 'workspace',
      read: async ({ port: p }: ReadContext) => {
        await p.call('StopWorkspaces', { StopWorkspaceRequests: [] });
        return [];
      },
    } as unknown as KindDefinition;

    await expect(readLive(desired, port, { ...readOptions, kinds: [sneaky] })).rejects.toMatchObject({ code: 'INTERNAL_MUTATION_IN_READ' });
    expect(port.sent).toEqual([]);
  });
});

describe('readTags', () => {
  const resource = (id: string): LiveResource => ({ kind: 'workspace', key: `workspace/d-1111111111/${id}`, id, properties: {} });

  it('reads tags only for the candidates, one DescribeTags per id, and adds the calls to the stats', async () => {
    const port = new InMemoryPort([], [], { 'ws-a': { 'wsr:env': 'test' }, 'ws-b': { team: 'x' } });
    const live = {
      account: '123456789012',
      region: 'us-east-1',
      resources: [resource('ws-a'), resource('ws-b'), resource('ws-c')],
      stats: { calls: { DescribeWorkspaces: 1 } },
    };

    const tagged = await readTags(live, [live.resources[0], live.resources[1]], port);

    expect(tagged.resources.map((r) => r.tags)).toEqual([{ 'wsr:env': 'test' }, { team: 'x' }, undefined]);
    expect(tagged.stats.calls).toEqual({ DescribeWorkspaces: 1, DescribeTags: 2 });
  });

  it('keeps tags apart for two desktops sharing a key (old TERMINATING and new after a migrate)', async () => {
    const port = new InMemoryPort([], [], { 'ws-old': { 'wsr:env': 'test', generation: 'old' }, 'ws-new': { 'wsr:env': 'test', generation: 'new' } });
    const old = { ...resource('ws-old'), key: 'workspace/d-1111111111/alice', state: 'TERMINATING' };
    const current = { ...resource('ws-new'), key: 'workspace/d-1111111111/alice', state: 'PENDING' };

    const tagged = await readTags({ account: '1', region: 'r', resources: [old, current], stats: { calls: {} } }, [old, current], port);

    expect(tagged.resources.map((r) => `${r.id} ${r.tags?.generation}`)).toEqual(['ws-old old', 'ws-new new']);
  });

  it('keeps at most `concurrency` DescribeTags calls in flight', async () => {
    const port = new InMemoryPort([], []);
    const resources = Array.from({ length: 20 }, (_, i) => resource(`ws-${i}`));

    await readTags({ account: '1', region: 'r', resources, stats: { calls: {} } }, resources, port, { concurrency: 3, bulkThreshold: 20 });

    expect(port.count('DescribeTags')).toBe(20);
    expect(port.maxInFlight).toBe(3);
  });

  it('skips resources without an AWS id and reads a candidate listed twice once', async () => {
    const port = new InMemoryPort([], []);
    const noId: LiveResource = { kind: 'clientBranding', key: 'clientBranding/d-1/DeviceTypeWindows', properties: {} };
    const a = resource('ws-a');

    await readTags({ account: '1', region: 'r', resources: [noId, a], stats: { calls: {} } }, [noId, a, a], port);

    expect(port.sent.map((call) => call.input.ResourceId)).toEqual(['ws-a']);
  });

  it('fails as a whole when one DescribeTags fails (ownership unknown is not "not owned")', async () => {
    const port = new InMemoryPort([], []);
    port.failOn = (_operation, input) => (input.ResourceId === 'ws-3' ? new AwsError('AWS_TRANSIENT', 'DescribeTags failed (AWS InternalFailure)') : undefined);
    const resources = Array.from({ length: 6 }, (_, i) => resource(`ws-${i}`));

    await expect(readTags({ account: '1', region: 'r', resources, stats: { calls: {} } }, resources, port, { concurrency: 2 })).rejects.toMatchObject({
      code: 'AWS_TRANSIENT',
    });
  });
});

describe('readTags in bulk (GetResources)', () => {
  const workspace = (id: string): LiveResource => ({ kind: 'workspace', key: `workspace/d-1111111111/${id}`, id, properties: {} });
  const live = (resources: LiveResource[]) => ({ account: '123456789012', region: 'us-east-1', resources, stats: { calls: {} } });
  const desktops = (count: number) => Array.from({ length: count }, (_, i) => workspace(`ws-${String(i).padStart(4, '0')}`));
  const accessDenied = () =>
    new AwsError('AWS_ACCESS_DENIED', 'GetResources failed (AWS AccessDeniedException)', { awsCode: 'AccessDeniedException', operation: 'GetResources' });
  const aLogger = () => {
    const warnings: unknown[] = [];
    return { warnings, warn: (fields: unknown) => void warnings.push(fields) };
  };

  it('names the candidates by ARN when they are fewer than the tagged resources (100 migrations in 1,000 desktops: 1 call, not 10 pages)', async () => {
    const fleetOf1000 = desktops(1000);
    const tags = Object.fromEntries(fleetOf1000.map((resource) => [resource.id!, { 'wsr:env': 'test' }]));
    const port = new InMemoryPort([], [], tags);
    const candidates = fleetOf1000.slice(200, 300);

    const tagged = await readTags(live(fleetOf1000), candidates, port);

    expect(port.count('GetResources')).toBe(1);
    const arns = port.sent[0]!.input.ResourceARNList as string[];
    expect(arns).toHaveLength(100);
    expect(arns[0]).toBe('arn:aws:workspaces:us-east-1:123456789012:workspace/ws-0200');
    expect(port.sent[0]!.input.ResourceTypeFilters).toBeUndefined();
    expect(tagged.resources.filter((resource) => resource.tags !== undefined)).toHaveLength(100);
    expect(tagged.resources[250]!.tags).toEqual({ 'wsr:env': 'test' });
  });

  it('reads the tags of a spec that declares them alongside the listing (prefetchTags), and not again after it', async () => {
    const desktopsOf = fleet('d-1111111111', 100);
    const port = new InMemoryPort(['d-1111111111'], desktopsOf, Object.fromEntries(desktopsOf.map((w) => [w.id, { team: 'x' }])));
    const declaring: DesiredState = {
      ...desired,
      resources: desktopsOf.map(
        (w) =>
          ({ kind: 'workspace', key: `workspace/d-1111111111/${w.user}`, declaresTags: true, properties: {} }) as unknown as DesiredState['resources'][number],
      ),
    };

    const prefetched = prefetchTags(declaring, port);
    const listed = await readLive(declaring, port, { ...readOptions, kinds: [directoryKind, workspaceKind] });
    const tagged = await readTags(
      listed,
      listed.resources.filter((resource) => resource.kind === 'workspace'),
      port,
      { prefetched: prefetched! },
    );

    const order = port.sent.map((call) => call.operation);
    // the tag pages went out before the listing was done
    expect(order.indexOf('GetResources')).toBeLessThan(order.lastIndexOf('DescribeWorkspaces'));
    expect(port.count('GetResources')).toBe(1);
    expect(port.count('DescribeTags')).toBe(0);
    expect(tagged.resources.filter((resource) => resource.kind === 'workspace').every((resource) => resource.tags?.team === 'x')).toBe(true);
    expect(prefetchTags(desired, port)).toBeUndefined();
  });

  it('keeps one DescribeTags per id up to the threshold (cheaper for a few)', async () => {
    const resources = desktops(10);
    const port = new InMemoryPort([], [], { 'ws-0003': { team: 'x' } });

    const tagged = await readTags(live(resources), resources, port);

    expect(port.count('DescribeTags')).toBe(10);
    expect(port.count('GetResources')).toBe(0);
    expect(tagged.resources[3].tags).toEqual({ team: 'x' });
  });

  it('above the threshold reads the tags with GetResources instead, and counts it in the stats', async () => {
    const resources = desktops(11);
    const port = new InMemoryPort([], [], { 'ws-0003': { team: 'x' } });

    const tagged = await readTags(live(resources), resources, port);

    expect(port.count('DescribeTags')).toBe(0);
    expect(tagged.stats.calls).toEqual({ GetResources: 1 });
    expect(tagged.resources[3].tags).toEqual({ team: 'x' });
  });

  it('gives resources GetResources does not return (untagged) empty tags, not unknown ones', async () => {
    const resources = desktops(12);
    const port = new InMemoryPort([], [], { 'ws-0000': { team: 'x' } });

    const tagged = await readTags(live(resources), resources, port);

    expect(tagged.resources.slice(0, 3).map((r) => r.tags)).toEqual([{ team: 'x' }, {}, {}]);
  });

  it('filters by the resource types present among the candidates only', async () => {
    const directory: LiveResource = { kind: 'directory', key: 'directory/d-1111111111', id: 'd-1111111111', properties: {} };
    const resources = [...desktops(11), directory];
    const port = new InMemoryPort([], []);

    await readTags(live(resources), resources, port);

    expect(port.sent.find((call) => call.operation === 'GetResources')?.input.ResourceTypeFilters).toEqual(['workspaces:directory', 'workspaces:workspace']);
  });

  it('follows PaginationToken through pages of 100 (250 tagged desktops: 3 calls instead of 250)', async () => {
    const resources = desktops(250);
    const port = new InMemoryPort([], [], Object.fromEntries(resources.map((r, i) => [r.id, { n: String(i) }])));

    const tagged = await readTags(live(resources), resources, port);

    expect(port.sent.filter((call) => call.operation === 'GetResources').map((call) => [call.input.ResourcesPerPage, call.input.PaginationToken])).toEqual([
      [100, undefined],
      [100, 'page-100'],
      [100, 'page-200'],
    ]);
    expect(tagged.resources.every((r, i) => r.tags?.n === String(i))).toBe(true);
  });

  it('ignores tagged resources that are not candidates (other environments, other desktops)', async () => {
    const all = desktops(20);
    const candidates = all.slice(0, 11);
    const port = new InMemoryPort([], [], Object.fromEntries(all.map((r) => [r.id, { team: 'x' }])));

    const tagged = await readTags(live(all), candidates, port);

    expect(tagged.resources.filter((r) => r.tags !== undefined).map((r) => r.id)).toEqual(candidates.map((r) => r.id));
  });

  it('falls back to DescribeTags per id when GetResources is denied, warning once per port', async () => {
    const resources = desktops(12);
    const port = new InMemoryPort([], [], { 'ws-0001': { team: 'x' } });
    port.failOn = (operation) => (operation === 'GetResources' ? accessDenied() : undefined);
    const logger = aLogger();

    const first = await readTags(live(resources), resources, port, { logger });
    const second = await readTags(live(resources), resources, port, { logger });

    expect(first.resources[1].tags).toEqual({ team: 'x' });
    expect(first.stats.calls).toEqual({ GetResources: 1, DescribeTags: 12 });
    expect(second.stats.calls).toEqual({ DescribeTags: 12 });
    expect(logger.warnings).toEqual([expect.objectContaining({ code: 'WSR_W2003', errorCode: 'AWS_ACCESS_DENIED', awsCode: 'AccessDeniedException' })]);
  });

  it('falls back when the endpoint does not serve the tagging API at all', async () => {
    const resources = desktops(12);
    const port = new InMemoryPort([], []);
    port.failOn = (operation) =>
      operation === 'GetResources' ? new AwsError('AWS_REQUEST_FAILED', 'GetResources failed', { awsCode: 'UnknownOperationException' }) : undefined;

    const tagged = await readTags(live(resources), resources, port);

    expect(tagged.resources.every((r) => r.tags !== undefined)).toBe(true);
    expect(port.count('DescribeTags')).toBe(12);
  });

  it('falls back when the tagging endpoint cannot be reached (a VPC with only a WorkSpaces endpoint)', async () => {
    const resources = desktops(12);
    const port = new InMemoryPort([], []);
    const unreachable = Object.assign(new Error('getaddrinfo ENOTFOUND tagging.us-east-1.amazonaws.com'), { code: 'ENOTFOUND' });
    port.failOn = (operation) => (operation === 'GetResources' ? new AwsError('AWS_REQUEST_FAILED', 'GetResources failed', { cause: unreachable }) : undefined);

    const tagged = await readTags(live(resources), resources, port);

    expect(port.count('DescribeTags')).toBe(12);
    expect(tagged.resources.every((r) => r.tags !== undefined)).toBe(true);
  });

  it('fails the read on any other GetResources failure (throttling that outlasted retries is not "no tags")', async () => {
    const resources = desktops(12);
    const port = new InMemoryPort([], []);
    port.failOn = (operation) =>
      operation === 'GetResources'
        ? new AwsError('AWS_THROTTLED', 'GetResources failed (AWS ThrottledException)', { awsCode: 'ThrottledException' })
        : undefined;

    await expect(readTags(live(resources), resources, port)).rejects.toMatchObject({ code: 'AWS_THROTTLED' });
    expect(port.count('DescribeTags')).toBe(0);
  });

  it('stops a GetResources pagination that returns the same PaginationToken twice', async () => {
    const resources = desktops(250);
    const port = new InMemoryPort([], [], Object.fromEntries(resources.map((r) => [r.id, { team: 'x' }])));
    port.tokenFor = () => 'page-100';

    await expect(readTags(live(resources), resources, port)).rejects.toMatchObject({ code: 'READ_INCOMPLETE' });
  });
});

describe('mapWithConcurrency', () => {
  it('keeps the input order whatever order the work finishes in', async () => {
    const delays = [3, 1, 2, 0];
    const result = await mapWithConcurrency(delays, 2, async (n) => {
      for (let i = 0; i < n; i++) await Promise.resolve();
      return n * 10;
    });
    expect(result).toEqual([30, 10, 20, 0]);
  });

  it('starts nothing new after a failure', async () => {
    const started: number[] = [];
    await expect(
      mapWithConcurrency([0, 1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([0, 1, 2]);
  });
});

/**
 * Calls a token bucket (capacity 5, 2/s — the emulator's and AWS's model) would have refused,
 * replaying the start times in order: 0 means a server with that bucket never throttles them.
 */
function refusedByBucket(times: readonly number[], bucket = { capacity: 5, perSecond: 2 }): number {
  let tokens = bucket.capacity;
  let at = times[0] ?? 0;
  let refused = 0;
  for (const time of times) {
    tokens = Math.min(bucket.capacity, tokens + ((time - at) / 1000) * bucket.perSecond);
    at = time;
    if (tokens >= 1 - 1e-9) tokens -= 1;
    else refused += 1;
  }
  return refused;
}

/** Most calls started within any `windowMs` (call times from the faked Date). */
function mostCallsInAnyWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let i = 0; i < times.length; i++) most = Math.max(most, times.filter((t) => t >= times[i] && t < times[i] + windowMs).length);
  return most;
}

/** Runs `work` under fake timers, moving time on until it settles. */
async function withFakeTime<T>(work: () => Promise<T>): Promise<T> {
  let settled = false;
  const result = work().finally(() => {
    settled = true;
  });
  result.catch(() => {});
  while (!settled) await vi.advanceTimersByTimeAsync(100);
  return result;
}

class TimedPort extends InMemoryPort {
  readonly startedAt: number[] = [];
  override async call(operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
    this.startedAt.push(Date.now());
    return super.call(operation, input);
  }
}

describe('paced reads', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps to the token bucket it is given: a burst of 5, then 2/s, none a server bucket would refuse, every page still read', async () => {
    vi.useFakeTimers();
    const port = new TimedPort(['d-1111111111'], fleet('d-1111111111', 300));
    const live = await withFakeTime(() =>
      readLive(desired, port, { ...readOptions, kinds: [directoryKind, workspaceKind], pace: { totalRate: { perSecond: 2, burst: 5 } } }),
    );
    expect(live.resources.filter((r) => r.kind === 'workspace')).toHaveLength(300);
    expect(port.startedAt).toHaveLength(1 + 12);
    expect(refusedByBucket(port.startedAt)).toBe(0);
    expect(mostCallsInAnyWindow(port.startedAt, 10)).toBe(5);
    // 13 calls: 5 at once, then one per 500 ms — the last at 4 s, no later
    expect(port.startedAt.at(-1)! - port.startedAt[0]).toBe(4000);
  });

  it('paces each operation on its own under per-operation buckets (the emulator), as the apply does', async () => {
    vi.useFakeTimers();
    const resources = Array.from({ length: 8 }, (_, i) => ({ kind: 'workspace', key: `workspace/d/u${i}`, id: `ws-${i}`, properties: {} }) as LiveResource);
    const port = new TimedPort([], []);
    await withFakeTime(() =>
      readTags({ account: '1', region: 'r', resources, stats: { calls: {} } }, resources, port, {
        bulkThreshold: 20,
        pace: { totalRate: false, familyRate: { perSecond: 2, burst: 5 } },
      }),
    );
    expect(port.count('DescribeTags')).toBe(8);
    expect(refusedByBucket(port.startedAt)).toBe(0);
    expect(mostCallsInAnyWindow(port.startedAt, 10)).toBe(5);
  });

  it('goes unpaced when not given a limiter (in-memory ports, tests)', async () => {
    vi.useFakeTimers();
    const port = new TimedPort(['d-1111111111'], fleet('d-1111111111', 300));
    await withFakeTime(() => readLive(desired, port, { ...readOptions, kinds: [directoryKind, workspaceKind] }));
    expect(mostCallsInAnyWindow(port.startedAt, 2500)).toBe(13);
  });

  it('stops a call still waiting for its slot when the read is aborted (READ_ABORTED, nothing half-read)', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const port = new TimedPort(['d-1111111111'], fleet('d-1111111111', 300));
    const read = readLive(desired, port, {
      ...readOptions,
      kinds: [directoryKind, workspaceKind],
      signal: controller.signal,
      pace: { totalRate: { perSecond: 2, burst: 5 } },
    });
    read.catch(() => {});
    await vi.advanceTimersByTimeAsync(100);
    expect(port.startedAt).toHaveLength(5);
    controller.abort();
    await expect(read).rejects.toMatchObject({ code: 'READ_ABORTED' });
    expect(port.startedAt).toHaveLength(5);
  });
});
