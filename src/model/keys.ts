/**
 * Resource kinds and their keys. A key prints as `kind/…natural key`
 * (e.g. `workspace/d-1234567890/alice`), stable across runs and independent of AWS ids.
 */
export const KIND_NAMES = [
  'account',
  'ipGroup',
  'directory',
  'image',
  'bundle',
  'workspace',
  'pool',
  'connectionAlias',
  'clientBranding',
  'connectClientAddIn',
  'applicationAssociation',
] as const;

export type KindName = (typeof KIND_NAMES)[number];

/** `kind/part/part…` */
export type ResourceKey = string;

export function isKindName(value: string): value is KindName {
  return (KIND_NAMES as readonly string[]).includes(value);
}

export function formatKey(kind: KindName, ...parts: readonly string[]): ResourceKey {
  return [kind, ...parts].join('/');
}

/** The kind part of a key (`workspace/d-1/alice` → `workspace`). */
export function kindOfKey(key: ResourceKey): KindName {
  const kind = key.slice(0, key.indexOf('/'));
  if (!isKindName(kind)) throw new Error(`not a resource key: ${key}`);
  return kind;
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

export function accountKey(accountId: string): ResourceKey {
  return formatKey('account', accountId);
}

/** The tag that marks a resource as created and owned by one wsr environment. */
export const OWNERSHIP_TAG_KEY = 'wsr:env';
