/** Add-in rules: one per directory, created after the directory is registered; URL updated in place. */
import type { Change } from '../../model/change.js';
import type { ConnectClientAddInProperties } from './properties.js';
import { directoryKey } from '../../model/keys.js';
import type { PlanStep } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { StepBuilder } from '../step-builder.js';

export function connectClientAddInSteps(change: Change<ConnectClientAddInProperties>, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('connectClientAddIn', change.key);
  if (change.action === 'create') {
    const properties = change.desired!.properties;
    return [
      builder.step({
        operation: 'CreateConnectClientAddIn',
        action: 'create',
        input: { ResourceId: properties.directoryId, Name: properties.name, URL: properties.url },
        dependsOn: context.stepsFor(directoryKey(properties.directoryId)),
        reason: `${change.reason} (one add-in per directory)`,
        produces: change.key,
      }),
    ];
  }
  const live = change.live!;
  const properties = live.properties;
  if (change.action === 'update') {
    const url = change.desired!.properties.url;
    return [
      builder.step({
        operation: 'UpdateConnectClientAddIn',
        action: 'update',
        input: { AddInId: live.id, ResourceId: properties.directoryId, URL: url },
        reason: `URL ${properties.url} → ${url}`,
      }),
    ];
  }
  if (change.action === 'delete') {
    return [
      builder.step({
        operation: 'DeleteConnectClientAddIn',
        action: 'delete',
        input: { AddInId: live.id, ResourceId: properties.directoryId },
        destructive: true,
        reason: change.reason,
      }),
    ];
  }
  return [];
}
