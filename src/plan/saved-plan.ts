/**
 * A saved plan is an approval, never an instruction (as in Terraform): `apply --plan` makes a
 * fresh plan from the spec and a fresh read, and runs it only when the saved one says the same.
 * Checked in order, each refusal before any mutating call:
 *   signature (when a key is set) → environment identity → spec hash → live fingerprint →
 *   every step (id, operation, input, key, dependencies, destructive flag, blocked state…).
 * What runs is the fresh plan, so nothing in the file (summary, changes) can say one thing
 * while another runs.
 */
import { PlanError } from '../errors.js';
import { canonicalJson } from '../model/fingerprint.js';
import type { Plan, PlanMadeWith } from '../model/plan.js';
import type { PlanStep } from '../model/plan-step.js';
import { hasValidSignature } from './plan-signature.js';

export interface SavedPlanCheck {
  /** SHA-256 of the spec file given to apply. */
  readonly specHash: string;
  /** WSR_PLAN_SIGNING_KEY, when set: the plan must carry a valid signature. */
  readonly signingKey?: string;
}

const REPLAN_HINT = 'make the plan again with: wsr plan <spec> --out <file>';

/** Returns the fresh plan (the one to execute) when the saved plan matches it; throws PlanError otherwise. */
export function acceptSavedPlan(saved: Plan, fresh: Plan, check: SavedPlanCheck): Plan {
  checkSignature(saved, check.signingKey);
  if (saved.environment !== fresh.environment || saved.account !== fresh.account || saved.region !== fresh.region) {
    throw new PlanError(
      'PLAN_ENVIRONMENT_MISMATCH',
      `the plan is for ${saved.environment} (${saved.account}/${saved.region}), the spec for ${fresh.environment} (${fresh.account}/${fresh.region})`,
    );
  }
  if (saved.specHash === undefined) {
    throw new PlanError('PLAN_MISMATCH', 'the saved plan records no spec hash, so it cannot be matched to this spec', { hint: REPLAN_HINT });
  }
  if (saved.specHash !== check.specHash) {
    throw new PlanError(
      'PLAN_SPEC_CHANGED',
      `the plan was made from another spec (spec hash ${saved.specHash.slice(0, 12)} ≠ ${check.specHash.slice(0, 12)} of the file given)`,
      { hint: REPLAN_HINT },
    );
  }
  if (fresh.fingerprint !== saved.fingerprint) {
    throw new PlanError(
      'PLAN_STALE',
      `live state changed since the plan was made (fingerprint ${saved.fingerprint.slice(0, 12)} ≠ ${fresh.fingerprint.slice(0, 12)}); run plan again`,
      { hint: 'a plan made with --destroy must be applied with --destroy, so the same resources are read' },
    );
  }
  const difference = firstStepDifference(saved.steps, fresh.steps);
  if (difference !== undefined) {
    const options = optionDifference(saved.madeWith, fresh.madeWith);
    throw new PlanError('PLAN_MISMATCH', `the saved plan is not what a fresh plan would do: ${difference}; nothing was changed`, {
      hint: options ?? REPLAN_HINT,
    });
  }
  return fresh;
}

function checkSignature(saved: Plan, key: string | undefined): void {
  if (key === undefined || key === '') {
    if (saved.signature === undefined) return;
    throw new PlanError('PLAN_SIGNATURE_UNVERIFIED', 'the plan is signed but WSR_PLAN_SIGNING_KEY is not set, so its signature cannot be checked', {
      hint: 'set WSR_PLAN_SIGNING_KEY to the key the plan job used',
    });
  }
  if (saved.signature === undefined) {
    throw new PlanError('PLAN_UNSIGNED', 'WSR_PLAN_SIGNING_KEY is set but the plan carries no signature', {
      hint: 'make the plan with WSR_PLAN_SIGNING_KEY set',
    });
  }
  if (!hasValidSignature(saved, key)) {
    throw new PlanError(
      'PLAN_SIGNATURE_INVALID',
      "the plan's signature does not match its content and WSR_PLAN_SIGNING_KEY (edited, or signed with another key)",
      { hint: REPLAN_HINT },
    );
  }
}

/** Members of a step compared one by one, so the message names the first that differs. */
const STEP_MEMBERS = [
  'id',
  'key',
  'kind',
  'action',
  'operation',
  'input',
  'batch',
  'dependsOn',
  'destructive',
  'blocked',
  'deferred',
  'region',
  'before',
  'after',
  'target',
  'produces',
  'reason',
] as const;

/** Undefined when both lists hold the same steps in the same order. */
export function firstStepDifference(saved: readonly PlanStep[], fresh: readonly PlanStep[]): string | undefined {
  for (let index = 0; index < Math.max(saved.length, fresh.length); index += 1) {
    const was = saved[index];
    const now = fresh[index];
    if (was === undefined) return `a fresh plan has step ${now!.id} (${now!.operation}) that the saved plan lacks`;
    if (now === undefined) return `saved step ${was.id} (${was.operation}) is not in a fresh plan`;
    for (const member of STEP_MEMBERS) {
      const before = canonicalJson(was[member] ?? null);
      const after = canonicalJson(now[member] ?? null);
      if (before !== after) return `step ${index + 1} (${was.id}) has ${member} ${clip(before)} where a fresh plan has ${clip(after)}`;
    }
    const rest = canonicalJson(was) !== canonicalJson(now);
    if (rest) return `step ${index + 1} (${was.id}) differs from a fresh plan`;
  }
  return undefined;
}

function optionDifference(saved: PlanMadeWith | undefined, fresh: PlanMadeWith | undefined): string | undefined {
  if (saved === undefined || fresh === undefined) return undefined;
  const differing = (['destroy', 'allowDestroy'] as const).filter((option) => saved[option] !== fresh[option]);
  if (differing.length === 0) return undefined;
  return `the plan was made with ${differing.map((option) => `${option}=${saved[option]}`).join(', ')}; give apply the same flags (--destroy, --allow-destroy), or make the plan again`;
}

function clip(json: string): string {
  return json.length > 80 ? `${json.slice(0, 77)}…` : json;
}
