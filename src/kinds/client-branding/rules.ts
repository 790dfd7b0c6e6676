/**
 * Branding rules: ImportClientBranding sets a platform's attributes (create and update alike),
 * after the directory is registered; DeleteClientBranding removes a platform. The logo file is
 * not uploaded by the planner (a warning says so): only the text attributes are sent.
 */
import type { ClientDeviceType } from '@aws-sdk/client-workspaces';
import type { Change } from '../../model/change.js';
import type { ClientBrandingProperties } from './properties.js';
import { directoryKey } from '../../model/keys.js';
import type { PlanStep } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { StepBuilder } from '../step-builder.js';

function attributes(properties: ClientBrandingProperties): Record<string, unknown> {
  return {
    ...(properties.supportEmail === undefined ? {} : { SupportEmail: properties.supportEmail }),
    ...(properties.supportLink === undefined ? {} : { SupportLink: properties.supportLink }),
    ...(properties.forgotPasswordLink === undefined ? {} : { ForgotPasswordLink: properties.forgotPasswordLink }),
    ...(properties.loginMessage === undefined ? {} : { LoginMessage: properties.loginMessage }),
  };
}

export function clientBrandingSteps(change: Change<ClientBrandingProperties>, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('clientBranding', change.key);
  if (change.action === 'delete') {
    const properties = change.live!.properties;
    return [
      builder.step({
        operation: 'DeleteClientBranding',
        action: 'delete',
        input: { ResourceId: properties.directoryId, Platforms: [properties.platform as ClientDeviceType] },
        destructive: true,
        reason: change.reason,
      }),
    ];
  }
  if (change.action !== 'create' && change.action !== 'update') return [];
  const properties = change.desired!.properties;
  const textChanged = change.fields.some((field) => field.path !== 'logo');
  if (!textChanged) return [];
  return [
    builder.step({
      operation: 'ImportClientBranding',
      action: change.action,
      input: { ResourceId: properties.directoryId, [properties.platform]: attributes(properties) },
      dependsOn: context.stepsFor(directoryKey(properties.directoryId)),
      reason: `${properties.platform} branding of ${properties.directoryId}: ${change.fields.map((field) => field.path).join(', ')}`,
    }),
  ];
}

export function clientBrandingWarnings(change: Change<ClientBrandingProperties>): string[] {
  if (!change.fields.some((field) => field.path === 'logo')) return [];
  return [`${change.key}: logo files are not uploaded yet; import the logo in the console or with ImportClientBranding`];
}
