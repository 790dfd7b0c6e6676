/**
 * What a desired (and a live) client-branding holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */

export interface ClientBrandingProperties {
  readonly directoryId: string;
  /** DeviceTypeWindows | DeviceTypeOsx | DeviceTypeAndroid | DeviceTypeIos | DeviceTypeLinux | DeviceTypeWeb */
  readonly platform: string;
  readonly supportEmail?: string;
  readonly supportLink?: string;
  readonly forgotPasswordLink?: string;
  readonly loginMessage?: Readonly<Record<string, string>>;
  /** Path of a logo file, relative to the spec; the executor reads it (never logged). */
  readonly logoFile?: string;
  /** sha256 of the logo file, so a logo change shows in the diff. */
  readonly logoSha256?: string;
}
