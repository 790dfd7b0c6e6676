/**
 * Client branding: one DescribeClientBranding per directory the spec brands (every registered one
 * when pruning); each platform with attributes becomes one live resource. Branding carries no tags:
 * it is owned, and pruned, through its directory.
 */
import type { ClientBrandingProperties } from './properties.js';
import { clientBrandingKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import { directoriesToVisit } from '../directories-to-visit.js';
import type { ReadContext } from '../kind.js';

export const BRANDING_PLATFORMS = ['DeviceTypeWindows', 'DeviceTypeOsx', 'DeviceTypeAndroid', 'DeviceTypeIos', 'DeviceTypeLinux', 'DeviceTypeWeb'] as const;

export function brandingToLive(directoryId: string, platform: string, attributes: Record<string, any>): LiveResource<ClientBrandingProperties> {
  const properties: ClientBrandingProperties = {
    directoryId,
    platform,
    ...(attributes.SupportEmail ? { supportEmail: attributes.SupportEmail } : {}),
    ...(attributes.SupportLink ? { supportLink: attributes.SupportLink } : {}),
    ...(attributes.ForgotPasswordLink ? { forgotPasswordLink: attributes.ForgotPasswordLink } : {}),
    ...(attributes.LoginMessage ? { loginMessage: attributes.LoginMessage } : {}),
  };
  return { kind: 'clientBranding', key: clientBrandingKey(directoryId, platform), properties, details: { hasLogo: Boolean(attributes.LogoUrl) } };
}

export async function readClientBranding(context: ReadContext): Promise<LiveResource<ClientBrandingProperties>[]> {
  const live: LiveResource<ClientBrandingProperties>[] = [];
  for (const directoryId of directoriesToVisit(context, 'clientBranding', true)) {
    const output = await context.port.call('DescribeClientBranding', { ResourceId: directoryId });
    for (const platform of BRANDING_PLATFORMS) {
      const attributes = output[platform];
      if (attributes && Object.keys(attributes).length > 0) live.push(brandingToLive(directoryId, platform, attributes));
    }
  }
  return live;
}
