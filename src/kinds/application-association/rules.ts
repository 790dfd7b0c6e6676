/**
 * Association rules: AssociateWorkspaceApplication after the workspace exists, then
 * DeployWorkspaceApplications (an association stays PENDING_INSTALL_DEPLOYMENT until deployed);
 * a removed one is DisassociateWorkspaceApplication then deployed (the uninstall). The API has no
 * call that associates an application with a bundle or an image, so those are blocked.
 */
import type { Change } from '../../model/change.js';
import type { ApplicationAssociationProperties } from './properties.js';
import type { IdRef, PlanStep, StateWait } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { refInput } from '../resolve-ref.js';
import { StepBuilder } from '../step-builder.js';

/** Associate and deploy need the desktop AVAILABLE or STOPPED (ResourceInUseException otherwise). */
const SETTLED: StateWait = { states: ['AVAILABLE', 'STOPPED'], timeoutSeconds: 3600 };

export function applicationAssociationSteps(change: Change<ApplicationAssociationProperties>, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('applicationAssociation', change.key);
  if (change.action === 'delete') return removeSteps(change, context, builder);
  if (change.action !== 'create' && change.action !== 'update') return [];
  const properties = change.desired!.properties;
  const onWorkspace = properties.targetType === 'workspace';
  // a desktop migrated or replaced in this plan has a new id: the one its step produces
  const renewed = 'key' in properties.target && ['migrate', 'replace'].includes(context.changeOf(properties.target.key)?.action ?? '');
  const workspaceId: string | IdRef = renewed && 'key' in properties.target ? { $idOf: properties.target.key } : refInput(properties.target, context);
  const dependsOn = 'key' in properties.target ? context.stepsFor(properties.target.key) : [];
  if (!onWorkspace) {
    return [
      builder.step({
        operation: 'AssociateWorkspaceApplication',
        action: change.action,
        input: { WorkspaceId: workspaceId, ApplicationId: properties.applicationId },
        reason: change.reason,
        blocked: `the API associates applications only with workspaces, not with a ${properties.targetType}`,
      }),
    ];
  }
  const associate =
    change.action === 'create'
      ? [
          builder.step({
            operation: 'AssociateWorkspaceApplication',
            action: 'create',
            input: { WorkspaceId: workspaceId, ApplicationId: properties.applicationId },
            dependsOn,
            reason: change.reason,
            before: SETTLED,
            target: workspaceId,
          }),
        ]
      : [];
  return [
    ...associate,
    deployStep(builder, workspaceId, associate.length > 0 ? [associate[0].id] : dependsOn, change.action, `install ${properties.applicationId}`),
  ];
}

/** Desktop changes after which the association is gone with the old desktop (a new id has none). */
const ENDS_THE_DESKTOP = ['migrate', 'replace', 'delete'];

function removeSteps(change: Change<ApplicationAssociationProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const properties = change.live!.properties;
  if (!('id' in properties.target)) return [];
  // MigrateWorkspace does not carry associations to the new desktop (api notes; emulator SPEC.md), and
  // the old one goes TERMINATING at once: a Disassociate/Deploy on it would wait for a desktop that is gone
  const desktop = context.liveById(properties.target.id);
  if (desktop !== undefined && ENDS_THE_DESKTOP.includes(context.changeOf(desktop.key)?.action ?? '')) return [];
  const disassociate = builder.step({
    operation: 'DisassociateWorkspaceApplication',
    action: 'delete',
    input: { WorkspaceId: properties.target.id, ApplicationId: properties.applicationId },
    destructive: true,
    reason: change.reason,
  });
  return [disassociate, deployStep(builder, properties.target.id, [disassociate.id], 'delete', `uninstall ${properties.applicationId}`)];
}

/** Installs and uninstalls happen only when deployed (the association is PENDING_*_DEPLOYMENT until then). */
function deployStep(builder: StepBuilder, workspaceId: string | IdRef, dependsOn: readonly string[], action: Change['action'], what: string): PlanStep {
  return builder.step({
    operation: 'DeployWorkspaceApplications',
    action,
    input: { WorkspaceId: workspaceId },
    dependsOn,
    reason: `${what}: an association takes effect only when deployed`,
    // a stop of the same plan may run meanwhile: wait for STOPPED rather than meet STOPPING
    before: SETTLED,
    target: workspaceId,
  });
}
