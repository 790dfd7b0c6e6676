/**
 * Defence in depth: right before every destroying call the executor asks this guard, which
 * judges from the live state read for this apply — whatever the plan says. Each destroyed id
 * must be a resource the read found (or one this apply created), carry this environment's
 * ownership tag, not be protected by `policy.protect`, and fit in the destroy cap (distinct ids
 * destroyed in this apply). A refusal fails that step with a code; nothing is called.
 */
import { ApplyError } from '../errors.js';
import { OWNERSHIP_TAG_KEY } from '../model/keys.js';
import type { LiveResource } from '../model/live.js';
import type { PlanStep } from '../model/plan-step.js';
import { protectedBy } from '../plan/safety-gates.js';
import { ownershipHolder } from '../diff/ownership.js';
import { destroyedIdsOf } from './destroyed-ids.js';

export interface DestructiveGuardOptions {
  readonly environmentName: string;
  /** The live resources read for this apply (with tags where ownership matters). */
  readonly live: readonly LiveResource[];
  /** policy.protect */
  readonly protect: readonly string[];
  /** --allow-destroy or policy.allowDestroy. */
  readonly allowDestroy: boolean;
  /** The destroy cap in force (distinct resources per apply). */
  readonly maxDestroy: number;
}

export class DestructiveGuard {
  private readonly byId = new Map<string, LiveResource>();
  private readonly destroyed = new Set<string>();

  constructor(private readonly options: DestructiveGuardOptions) {
    for (const resource of options.live) if (resource.id !== undefined) this.byId.set(resource.id, resource);
  }

  /**
   * Throws ApplyError when the call may not run. `createdHere` says whether an id was produced
   * by an earlier step of this apply (wsr made it, so it is this environment's).
   */
  check(step: PlanStep, input: Readonly<Record<string, unknown>>, createdHere: (id: string) => boolean): void {
    // the live state read for this apply is the environment's Region: nothing in another one is known to be ours
    if (step.region !== undefined && (step.destructive || destroyedIdsOf(step.operation, input) !== undefined)) {
      throw refusal('APPLY_NOT_OWNED', step, `it destroys in Region ${step.region}, whose resources this apply did not read, so their owner cannot be checked`);
    }
    const ids = destroyedIdsOf(step.operation, input);
    if (ids === undefined) {
      // a destructive step of an operation the table does not know (branding): protect and cap still apply
      if (step.destructive) this.admit(step, [], [{ kind: step.kind, key: step.key }]);
      return;
    }
    const targets = ids.map((id) => this.targetOf(step, id, createdHere));
    this.admit(
      step,
      ids,
      targets.filter((target): target is LiveResource => target !== undefined),
    );
  }

  private targetOf(step: PlanStep, id: string, createdHere: (id: string) => boolean): LiveResource | undefined {
    if (id !== '' && createdHere(id)) return undefined;
    const resource = id === '' ? undefined : this.byId.get(id);
    if (resource === undefined) {
      throw refusal('APPLY_TARGET_UNKNOWN', step, `${id || 'a missing id'} is not in the live state read for this apply, so its owner cannot be checked`);
    }
    // kinds without tags (Connect add-ins) are owned through their directory
    const holder = ownershipHolder(resource, { liveById: (parent) => this.byId.get(parent) });
    if (holder?.tags === undefined) {
      throw refusal(
        'APPLY_NOT_OWNED',
        step,
        `${resource.key} (${id}): its ${OWNERSHIP_TAG_KEY} tag was not read, so it is not known to be ${this.options.environmentName}'s`,
      );
    }
    const owner = holder.tags[OWNERSHIP_TAG_KEY];
    if (owner !== this.options.environmentName) {
      const whose = owner === undefined ? `no ${OWNERSHIP_TAG_KEY} tag` : `owned by environment ${owner}`;
      throw refusal('APPLY_NOT_OWNED', step, `${resource.key} (${id}) is not owned by ${this.options.environmentName}: ${whose}`);
    }
    return resource;
  }

  private admit(step: PlanStep, ids: readonly string[], targets: readonly Pick<LiveResource, 'kind' | 'key'>[]): void {
    if (!this.options.allowDestroy) {
      throw refusal('APPLY_DESTROY_NOT_ALLOWED', step, 'destroying needs --allow-destroy or policy.allowDestroy');
    }
    for (const target of targets) {
      const protection = protectedBy(target, this.options.protect);
      if (protection !== undefined) throw refusal('APPLY_PROTECTED', step, `${target.key} is protected by policy.protect (${protection})`);
    }
    const counted = ids.length > 0 ? ids : [`step:${step.id}`];
    const fresh = counted.filter((id) => !this.destroyed.has(id));
    if (this.destroyed.size + fresh.length > this.options.maxDestroy) {
      throw refusal(
        'APPLY_DESTROY_CAP',
        step,
        `it would destroy more than ${this.options.maxDestroy} resource(s) in this apply (the destroy cap: policy.maxDestroy / --max-destroy)`,
      );
    }
    for (const id of fresh) this.destroyed.add(id);
  }
}

function refusal(code: string, step: PlanStep, why: string): ApplyError {
  return new ApplyError(code, `${code}: ${step.operation} refused before the call: ${why}`, { source: 'user' });
}
