/** `clientBranding:` — keyed by directory (local name or id), then by client platform. */
import type { ClientBrandingProperties } from './properties.js';
import { clientBrandingKey } from '../../model/keys.js';
import { mapOf, obj, str, type SchemaType } from '../../spec/schema-builders.js';
import { HTTP_URL } from '../../spec/schema-fragments.js';
import { directoryId } from '../directory/ref.js';
import { compact, defineKindSpec, sectionOf } from '../kind-spec.js';

const CLIENT_EMAIL = str('Support email address shown in the client.', {
  title: 'email address',
  minLength: 6,
  maxLength: 64,
  pattern: '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,4}$',
});
const CLIENT_URL = { title: 'http(s) URL', minLength: 1, maxLength: 200, pattern: HTTP_URL };
const brandingForPlatform = obj('Branding for one client platform. Give supportEmail or supportLink, not both.', {
  supportEmail: CLIENT_EMAIL,
  supportLink: str('Support link shown in the client.', CLIENT_URL),
  forgotPasswordLink: str('Forgot-password link.', CLIENT_URL),
  loginMessage: mapOf('Login message per locale (e.g. en_US).', str('The message.', { maxLength: 2000 }), {
    pattern: '^[a-z]{2}_[A-Z]{2}$',
  }),
  logo: str('Path of a logo image file, relative to the spec.', { minLength: 1 }),
});
const clientBranding = obj('Client branding per platform for one directory.', {
  windows: brandingForPlatform,
  macos: brandingForPlatform,
  android: brandingForPlatform,
  ios: brandingForPlatform,
  linux: brandingForPlatform,
  web: brandingForPlatform,
});

export type SpecBranding = SchemaType<typeof brandingForPlatform>;

const byDirectory = mapOf('Client branding, keyed by directory (local name or id).', clientBranding);

/** The spec's platform names → the API's device types. */
const DEVICE_TYPE_OF_PLATFORM = {
  windows: 'DeviceTypeWindows',
  macos: 'DeviceTypeOsx',
  android: 'DeviceTypeAndroid',
  ios: 'DeviceTypeIos',
  linux: 'DeviceTypeLinux',
  web: 'DeviceTypeWeb',
} as const;

/** The API's largest logo (DeviceTypeWindows etc.; iOS allows less, the API says so on import). */
const MAX_LOGO_BYTES = 1_500_000;

export const clientBrandingSpec = defineKindSpec({
  section: 'clientBranding',
  schema: byDirectory,
  // the logo's bytes are read again by the executor, never logged
  fileProperty: { property: 'logoFile', hashProperty: 'logoSha256', maxBytes: MAX_LOGO_BYTES, code: 'SPEC_LOGO', what: 'logo' },
  toDesired(entries, context) {
    for (const [directoryRef, platforms] of Object.entries(entries)) {
      const path = ['clientBranding', directoryRef];
      const id = directoryId(context, directoryRef, path);
      if (id === undefined) continue;
      for (const [platformName, branding] of Object.entries(platforms)) {
        const platform = DEVICE_TYPE_OF_PLATFORM[platformName as keyof typeof DEVICE_TYPE_OF_PLATFORM];
        const properties: ClientBrandingProperties = compact({
          directoryId: id,
          platform,
          supportEmail: branding.supportEmail,
          supportLink: branding.supportLink,
          forgotPasswordLink: branding.forgotPasswordLink,
          loginMessage: branding.loginMessage,
          logoFile: branding.logo,
        });
        context.add({ kind: 'clientBranding', key: clientBrandingKey(id, platform), properties, tags: {}, path: [...path, platformName] });
      }
    }
  },
  checks(spec, report) {
    for (const [directory, platforms] of Object.entries(sectionOf(spec, 'clientBranding', byDirectory) ?? {})) {
      for (const [platform, branding] of Object.entries(platforms)) {
        if (branding.supportEmail !== undefined && branding.supportLink !== undefined) {
          report('SPEC_BRANDING_CONTACT', 'give supportEmail or supportLink, not both', ['clientBranding', directory, platform, 'supportLink'], 'key');
        }
      }
    }
  },
});
