/**
 * Optional signing of saved plans for teams that pass them between CI jobs: HMAC-SHA256 with a
 * key the caller takes from the environment (WSR_PLAN_SIGNING_KEY), over the canonical JSON of
 * the plan without its `signature`. Rebuild-and-compare (saved-plan.ts) already stops a plan
 * from doing what a fresh plan would not; a signature also proves who made it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../model/fingerprint.js';
import type { Plan } from '../model/plan.js';

const PREFIX = 'hmac-sha256:';

function macOf(plan: Plan, key: string): string {
  const { signature: _ignored, ...unsigned } = plan;
  return `${PREFIX}${createHmac('sha256', key).update(canonicalJson(unsigned)).digest('hex')}`;
}

export function signPlan(plan: Plan, key: string): Plan {
  return { ...plan, signature: macOf(plan, key) };
}

/** True when the plan carries a signature made with this key over exactly its content. */
export function hasValidSignature(plan: Plan, key: string): boolean {
  if (plan.signature === undefined) return false;
  const expected = Buffer.from(macOf(plan, key));
  const actual = Buffer.from(plan.signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
