/**
 * Association rules: AssociateWorkspaceApplication after the workspace exists; the API has no
 * call that associates an application with a bundle or an image, so those are blocked.
 */
import type { Change } from '../../model/change.js';
import type { ApplicationAssociationProperties } from '../../model/desired.js';
import type { PlanStep } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { refInput } from '../resolve-ref.js';
import { StepBuilder } from '../step-builder.js';

export function applicationAssociationSteps(change: Change, context: PlanContext): PlanStep[] {
  if (change.action !== 'create') return [];
  const properties = change.desired!.properties as ApplicationAssociationProperties;
  const builder = new StepBuilder('applicationAssociation', change.key);
  const onWorkspace = properties.targetType === 'workspace';
  return [
    builder.step({
      operation: 'AssociateWorkspaceApplication',
      action: 'create',
      input: { WorkspaceId: refInput(properties.target, context), ApplicationId: properties.applicationId },
      dependsOn: 'key' in properties.target ? context.stepsFor(properties.target.key) : [],
      reason: change.reason,
      ...(onWorkspace ? {} : { blocked: `the API associates applications only with workspaces, not with a ${properties.targetType}` }),
    }),
  ];
}
