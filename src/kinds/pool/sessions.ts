/**
 * Who is connected to a pool: DescribeWorkspacesPoolSessions {PoolId} (pages of at most 50),
 * read only for pools a plan would stop, terminate or move to another bundle or directory.
 * A session counts while its ConnectionState is CONNECTED. TerminateWorkspacesPoolSession ends
 * one (policy.disruption.endPoolSessions with whenConnected: proceed).
 */
import type { PoolProperties } from './properties.js';
import type { LiveResource, UserSession } from '../../model/live.js';
import type { PlanStep } from '../../model/plan-step.js';
import { isoTimeOf } from '../api-time.js';
import type { ApiPort, SessionRecipe } from '../kind.js';
import { readPages } from '../read-pages.js';
import { StepBuilder } from '../step-builder.js';

function poolStepDisrupts(step: PlanStep): boolean {
  if (step.operation === 'StopWorkspacesPool' || step.operation === 'TerminateWorkspacesPool') return true;
  return step.operation === 'UpdateWorkspacesPool' && (step.input.BundleId !== undefined || step.input.DirectoryId !== undefined);
}

async function readPoolSessions(resources: readonly LiveResource[], port: ApiPort): Promise<Map<string, UserSession[]>> {
  const sessions = new Map<string, UserSession[]>();
  for (const pool of resources) {
    if (pool.id === undefined) continue;
    const items = await readPages(port, 'DescribeWorkspacesPoolSessions', { PoolId: pool.id, Limit: 50 }, 'Sessions');
    const connected = items
      .filter((session) => session.ConnectionState === 'CONNECTED')
      .map((session): UserSession => {
        const since = isoTimeOf(session.StartTime);
        return { user: session.UserId!, sessionId: session.SessionId, ...(since === undefined ? {} : { since }) };
      });
    if (connected.length > 0) sessions.set(pool.id, connected);
  }
  return sessions;
}

/** One TerminateWorkspacesPoolSession per connected session, before the step that would cut them off. */
function endSessionSteps(live: LiveResource<PoolProperties>, step: PlanStep): PlanStep[] {
  const builder = new StepBuilder('pool', live.key);
  return (live.sessions ?? [])
    .filter((session) => session.sessionId !== undefined)
    .map((session) =>
      builder.step({
        operation: 'TerminateWorkspacesPoolSession',
        action: 'update',
        input: { SessionId: session.sessionId },
        dependsOn: step.dependsOn,
        reason: `end ${session.user}'s session before ${step.operation} (policy.disruption.endPoolSessions)`,
      }),
    );
}

export const poolSessions: SessionRecipe<PoolProperties> = { disrupts: poolStepDisrupts, read: readPoolSessions, endSessionSteps };
