/**
 * Plan → apply through the engine, as the CLI's apply does, for the tests that drive the real SDK
 * against the emulator: the apply gets the session, spec and live state its plan was made from,
 * and the plan's session is closed afterwards whatever happens.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan, type ApplyRequest, type ApplyTuning } from '../../src/engine/apply-environment.js';
import type { PreparedPlan } from '../../src/engine/plan-environment.js';
import type { ApplyReport } from '../../src/model/apply-report.js';

/** The emulator in tests: no account-wide rate (its own buckets apply), short waits between polls. */
export const TEST_APPLY_TUNING: ApplyTuning = { queues: { totalRate: false }, waits: { initialPollMs: 20, maxPollMs: 200 } };

/**
 * Applies `prepared.plan` and closes `prepared.session`. Defaults: destroys allowed as the spec's
 * policy says (no --allow-destroy), the destroy cap from the spec (no --max-destroy), a lock
 * directory of its own, and TEST_APPLY_TUNING; `request` overrides any of them.
 */
export async function applyPrepared(prepared: PreparedPlan, request: Partial<ApplyRequest> = {}): Promise<ApplyReport> {
  try {
    return await applyPlan(prepared.plan, {
      session: prepared.session,
      desired: prepared.desired,
      live: prepared.live,
      allowDestroy: prepared.desired.policy.allowDestroy,
      lockDirectory: join(mkdtempSync(join(tmpdir(), 'wsr-locks-')), 'locks'),
      tuning: TEST_APPLY_TUNING,
      ...request,
    });
  } finally {
    await prepared.session.close();
  }
}
