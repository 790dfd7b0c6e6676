/**
 * Resource kinds and their keys. A key prints as `kind/…natural key`
 * (e.g. `workspace/d-1234567890/alice`), stable across runs and independent of AWS ids.
 */
/**
 * The vocabulary of resource kinds. The list of kinds, and their order, is the registry
 * (kinds/index.ts: `KINDS`, `KIND_NAMES`), which tsc checks against this type.
 */
export type KindName =
  | 'account'
  | 'accountLink'
  | 'ipGroup'
  | 'directory'
  | 'clientBranding'
  | 'connectClientAddIn'
  | 'image'
  | 'bundle'
  | 'workspace'
  | 'pool'
  | 'applicationAssociation'
  | 'connectionAlias';

/** `kind/part/part…` */
export type ResourceKey = string;

export function formatKey(kind: KindName, ...parts: readonly string[]): ResourceKey {
  return [kind, ...parts].join('/');
}

export function workspaceKey(directoryId: string, userName: string, workspaceName?: string): ResourceKey {
  return workspaceName ? formatKey('workspace', directoryId, userName, workspaceName) : formatKey('workspace', directoryId, userName);
}

export function directoryKey(directoryId: string): ResourceKey {
  return formatKey('directory', directoryId);
}

export function ipGroupKey(name: string): ResourceKey {
  return formatKey('ipGroup', name);
}

export function imageKey(name: string): ResourceKey {
  return formatKey('image', name);
}

export function bundleKey(name: string): ResourceKey {
  return formatKey('bundle', name);
}

export function connectionAliasKey(connectionString: string): ResourceKey {
  return formatKey('connectionAlias', connectionString);
}

export function poolKey(name: string): ResourceKey {
  return formatKey('pool', name);
}

export function clientBrandingKey(directoryId: string, platform: string): ResourceKey {
  return formatKey('clientBranding', directoryId, platform);
}

export function connectClientAddInKey(directoryId: string, name: string): ResourceKey {
  return formatKey('connectClientAddIn', directoryId, name);
}

/** `applicationAssociation/<workspace|bundle|image>/<resource key without kind>/<wsa-…>` */
export function applicationAssociationKey(target: ResourceKey, applicationId: string): ResourceKey {
  return formatKey('applicationAssociation', target, applicationId);
}

/** `accountLink/<the other account>`: at most one link between two accounts. */
export function accountLinkKey(otherAccountId: string): ResourceKey {
  return formatKey('accountLink', otherAccountId);
}

export function accountKey(accountId: string): ResourceKey {
  return formatKey('account', accountId);
}

/** The tag that marks a resource as created and owned by one wsr environment. */
export const OWNERSHIP_TAG_KEY = 'wsr:env';

/** On a desktop whose user comes from a directory group: which group (the planner counts members by it). */
export const GROUP_TAG_KEY = 'wsr:group';

/** On a desktop whose user left the spec while policy.gracePeriod runs: when it was stopped (ISO time). */
export const REMOVED_AT_TAG_KEY = 'wsr:removed-at';

/**
 * On a desktop: the image (wsi-…) its root volume was last built from by wsr — set at create and
 * after each rebuild of a `policy.rollout`, so a rollout stopped part-way is resumed by the next plan.
 */
export const IMAGE_TAG_KEY = 'wsr:image';

/**
 * A group reference as a tag value: WorkSpaces tag values allow letters, digits, spaces and
 * `+ - = . _ : / @` (255 at most), so a DN's commas become `/` and anything else `_`.
 */
export function groupTagValue(group: string): string {
  return group
    .trim()
    .replace(/\s*,\s*/g, '/')
    .replace(/[^\p{L}\p{N} +\-=._:/@]/gu, '_')
    .slice(0, 255)
    .trim();
}
