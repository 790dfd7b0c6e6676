/**
 * Pair, then run each kind's diff on the pairs: desired-only → create, paired → update/…,
 * live-only owned → delete only with `policy.prune`. `destroy` turns every managed pair into a
 * delete. Kinds not in the registry are left alone.
 */
import { kindDefinition } from '../kinds/index.js';
import type { Change } from '../model/change.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveResource, LiveState } from '../model/live.js';
import { indexLive, type LiveIndex } from './diff-context.js';
import { ownershipIn } from './ownership.js';
import { pairByKey } from './pair.js';

export interface DiffOptions {
  /** Plan the removal of everything the spec manages. @default false */
  readonly destroy?: boolean;
}

export interface DiffResult {
  /** Non-noop changes, in key order. */
  readonly changes: readonly Change[];
  readonly noop: number;
  readonly unmanaged: readonly LiveResource[];
  readonly index: LiveIndex;
}

function destroyChange(live: LiveResource, reason: string): Change | undefined {
  const definition = kindDefinition(live.kind);
  const change = definition?.diff(undefined, live, { environmentName: '', idOf: () => undefined, liveById: () => undefined });
  return change === undefined ? undefined : { ...change, reason };
}

export function diffKinds(desired: DesiredState, live: LiveState, options: DiffOptions = {}): DiffResult {
  const environmentName = desired.environment.name;
  const index = indexLive(live, environmentName, kindDefinition);
  const pairs = pairByKey(desired.resources, live.resources, environmentName, ownershipIn(index, environmentName));
  const desiredByKey = new Map(desired.resources.map((resource) => [resource.key, resource]));
  const context = { ...index, desiredOf: (key: string) => desiredByKey.get(key), policy: desired.policy };
  const changes: Change[] = [];
  let noop = 0;
  const keep = (change: Change | undefined): void => {
    if (change === undefined || change.action === 'noop') noop += change === undefined ? 0 : 1;
    else changes.push(change);
  };
  for (const [want, have] of pairs.both) {
    const definition = kindDefinition(want.kind);
    if (definition === undefined) continue;
    if (options.destroy) keep(withDesired(destroyChange(have, `--destroy: ${have.id ?? have.key} is managed by this spec`), want));
    else keep(definition.diff(want, have, context));
  }
  if (!options.destroy) {
    for (const want of pairs.desiredOnly) keep(kindDefinition(want.kind)?.diff(want, undefined, context));
  }
  if (desired.policy.prune || options.destroy) {
    for (const have of pairs.liveOnlyOwned) {
      const reason = `${have.id ?? have.key} carries wsr:env=${environmentName} but is no longer in the spec (policy.prune)`;
      if (kindDefinition(have.kind) !== undefined) keep(destroyChange(have, reason));
    }
  }
  changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { changes, noop, unmanaged: pairs.unmanaged, index };
}

function withDesired(change: Change | undefined, desired: Change['desired']): Change | undefined {
  return change === undefined ? undefined : { ...change, desired };
}
