/**
 * Rules the API enforces that a schema cannot express (combinations, counts, limits), checked
 * before anything reaches AWS so a plan never contains a call the service would refuse.
 */
import { specError, type Diagnostic } from './diagnostic.js';
import type { SourceLocator, SpecPath } from './source-locator.js';
import type { SpecDocument, SpecTags } from './spec-document.js';
import { PROTECTABLE_KINDS } from './spec-schema.js';
import { effectiveTemplate } from './workspace-template.js';
import { suggestion } from './did-you-mean.js';
import { isTimeZone, parseCron } from '../plan/cron.js';

export const MAX_TAGS = 50;
export const MAX_IP_GROUPS_PER_DIRECTORY = 25;
export const MAX_RULES_PER_IP_GROUP = 10;
const RESERVED_TAG_PREFIXES = ['aws:', 'wsr:'];

export function checkRules(spec: SpecDocument, locator: SourceLocator): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report = (code: string, summary: string, path: SpecPath, at: 'key' | 'value' = 'value'): void => {
    found.push(specError(code, summary, at === 'key' ? locator.key(path) : locator.value(path)));
  };
  checkPolicy(spec, report);
  checkWorkspaces(spec, report);
  checkBundles(spec, report);
  checkNetworkLimits(spec, report);
  checkDirectoryExtras(spec, report);
  checkLdap(spec, report);
  checkAllTags(spec, report);
  return found;
}

/**
 * A bind DN needs exactly one password source: a simple bind with a DN and an empty password is
 * an unauthenticated bind (RFC 4513 §5.1.2), which would read as anonymous, not fail.
 */
function checkLdap(spec: SpecDocument, report: Report): void {
  for (const [name, directory] of Object.entries(spec.directories ?? {})) {
    const ldap = directory.ldap;
    if (ldap === undefined) continue;
    const path = ['directories', name, 'ldap'];
    if (ldap.bindPasswordEnv !== undefined && ldap.bindPasswordFile !== undefined) {
      report('SPEC_LDAP_PASSWORD_SOURCE', 'give the bind password in one place: bindPasswordEnv or bindPasswordFile, not both', [...path, 'bindPasswordFile'], 'key');
    } else if (ldap.bindDn !== undefined && ldap.bindPasswordEnv === undefined && ldap.bindPasswordFile === undefined) {
      report('SPEC_LDAP_PASSWORD_SOURCE', 'bindDn needs bindPasswordEnv (an environment variable) or bindPasswordFile (a file) for the password; the spec never holds it', [...path, 'bindDn'], 'key');
    } else if (ldap.bindDn === undefined && (ldap.bindPasswordEnv !== undefined || ldap.bindPasswordFile !== undefined)) {
      report('SPEC_LDAP_PASSWORD_SOURCE', 'a bind password without bindDn is never used; set bindDn', path, 'key');
    }
  }
}

type Report = (code: string, summary: string, path: SpecPath, at?: 'key' | 'value') => void;

function checkPolicy(spec: SpecDocument, report: Report): void {
  const policy = spec.policy ?? {};
  const kinds = new Set<string>(PROTECTABLE_KINDS);
  const plurals = new Set(PROTECTABLE_KINDS.map(pluralOf));
  (policy.protect ?? []).forEach((entry, i) => {
    const kind = entry.includes('/') ? entry.slice(0, entry.indexOf('/')) : entry;
    if (kinds.has(kind) || (!entry.includes('/') && plurals.has(kind))) return;
    report('SPEC_POLICY_PROTECT', `policy.protect names unknown kind "${kind}"${suggestion(kind, [...kinds, ...plurals])}`, ['policy', 'protect', i]);
  });
  (policy.windows ?? []).forEach((window, i) => {
    const schedule = parseCron(window.schedule);
    if (typeof schedule === 'string') report('SPEC_WINDOW', `policy.windows[${i}].schedule is not a cron expression: ${schedule}`, ['policy', 'windows', i, 'schedule']);
    if (window.timeZone !== undefined && !isTimeZone(window.timeZone)) report('SPEC_WINDOW', `policy.windows[${i}].timeZone "${window.timeZone}" is not an IANA time zone (e.g. Europe/Berlin, UTC)`, ['policy', 'windows', i, 'timeZone']);
    if (/^(0+h)?(0+m)?$/.test(window.duration)) report('SPEC_WINDOW', `policy.windows[${i}].duration must be longer than 0`, ['policy', 'windows', i, 'duration']);
  });
  if (policy.rollout?.mode === 'rebuild' && policy.maxDestroy === 0) {
    report('SPEC_POLICY_CONFLICT', 'policy.rollout.mode rebuild destroys root volumes, but policy.maxDestroy is 0', ['policy', 'rollout', 'mode']);
  }
}

/** directory → directories, connectionAlias → connectionAliases, image → images. */
function pluralOf(kind: string): string {
  if (kind.endsWith('y')) return `${kind.slice(0, -1)}ies`;
  if (kind.endsWith('s')) return `${kind}es`;
  return `${kind}s`;
}

function checkWorkspaces(spec: SpecDocument, report: Report): void {
  (spec.workspaces ?? []).forEach((template, index) => {
    const { fields, pathOf } = effectiveTemplate(spec, index);
    if (template.workspaceName !== undefined && !Array.isArray(template.users)) {
      report('SPEC_WORKSPACE_NAME_USERS', 'workspaceName names one workspace, so users must be a list of exactly one user (not a group or a file)', ['workspaces', index, 'workspaceName'], 'key');
    } else if (template.workspaceName !== undefined && Array.isArray(template.users) && template.users.length > 1) {
      report('SPEC_WORKSPACE_NAME_USERS', 'workspaceName names one workspace, so the template must list exactly one user', ['workspaces', index, 'workspaceName'], 'key');
    }
    if (fields.runningMode === 'ALWAYS_ON' && fields.autoStopTimeoutMinutes !== undefined) {
      report('SPEC_AUTOSTOP_ALWAYS_ON', 'autoStopTimeoutMinutes applies to AUTO_STOP workspaces only, not ALWAYS_ON', pathOf('autoStopTimeoutMinutes'), 'key');
    }
    if (fields.runningMode === 'ALWAYS_ON' && fields.state === 'stopped') {
      report('SPEC_STATE_ALWAYS_ON', 'an ALWAYS_ON workspace cannot be stopped; use runningMode AUTO_STOP', pathOf('state'));
    }
    checkVolumes(fields.rootVolumeGib, fields.userVolumeGib, fields.computeType, pathOf('rootVolumeGib'), report);
    checkVolumesFitBundle(spec, fields, pathOf, report);
  });
  const timeout = spec.defaults?.workspace?.autoStopTimeoutMinutes;
  if (timeout !== undefined && timeout % 60 !== 0) report('SPEC_AUTOSTOP_STEP', `autoStopTimeoutMinutes must be a multiple of 60 (got ${timeout})`, ['defaults', 'workspace', 'autoStopTimeoutMinutes']);
  (spec.workspaces ?? []).forEach((template, index) => {
    const own = template.autoStopTimeoutMinutes;
    if (own !== undefined && own % 60 !== 0) report('SPEC_AUTOSTOP_STEP', `autoStopTimeoutMinutes must be a multiple of 60 (got ${own})`, ['workspaces', index, 'autoStopTimeoutMinutes']);
  });
}

/**
 * A desktop never has smaller volumes than its bundle: MigrateWorkspace gives it the larger of its
 * own and the bundle's, and volumes never shrink. A template pinning a volume below its (spec)
 * bundle's would migrate and then fail every later plan, so it is refused here, before any call.
 */
function checkVolumesFitBundle(spec: SpecDocument, fields: ReturnType<typeof effectiveTemplate>['fields'], pathOf: ReturnType<typeof effectiveTemplate>['pathOf'], report: Report): void {
  const bundle = fields.bundle === undefined ? undefined : spec.bundles?.[fields.bundle];
  if (bundle === undefined) return;
  for (const field of ['rootVolumeGib', 'userVolumeGib'] as const) {
    const pinned = fields[field];
    const floor = bundle[field] ?? (field === 'rootVolumeGib' ? 80 : undefined);
    if (pinned === undefined || floor === undefined || pinned >= floor) continue;
    report('SPEC_VOLUME_BELOW_BUNDLE', `${field} ${pinned} GiB is below bundle "${fields.bundle}"'s ${floor} GiB (a desktop gets at least its bundle's volumes, and they never shrink); set ${floor} or more, or remove it`, pathOf(field));
  }
}

function checkBundles(spec: SpecDocument, report: Report): void {
  for (const [name, bundle] of Object.entries(spec.bundles ?? {})) {
    checkVolumes(bundle.rootVolumeGib, bundle.userVolumeGib, bundle.computeType, ['bundles', name, 'rootVolumeGib'], report);
  }
}

/** The API accepts [80, 10|50|100] and [175+, 100+] (GPU types also 100/100). */
function checkVolumes(root: number | undefined, user: number | undefined, computeType: string | undefined, path: SpecPath, report: Report): void {
  if (root === undefined || user === undefined) return;
  if (root === 80 && [10, 50, 100].includes(user)) return;
  if (root >= 175 && user >= 100) return;
  if (computeType?.startsWith('GRAPHICS') && root >= 100 && user >= 100) return;
  report('SPEC_VOLUME_COMBO', `root ${root} GiB with user ${user} GiB is not a combination the API accepts (root 80 with user 10, 50 or 100; or root ≥ 175 with user ≥ 100)`, path);
}

function checkNetworkLimits(spec: SpecDocument, report: Report): void {
  for (const [name, group] of Object.entries(spec.ipGroups ?? {})) {
    const rules = group.rules ?? [];
    if (rules.length > MAX_RULES_PER_IP_GROUP) {
      report('SPEC_IPGROUP_RULES', `IP group "${name}" has ${rules.length} rules; the API allows ${MAX_RULES_PER_IP_GROUP}`, ['ipGroups', name, 'rules', MAX_RULES_PER_IP_GROUP]);
    }
  }
  for (const [name, directory] of Object.entries(spec.directories ?? {})) {
    const groups = directory.ipGroups ?? [];
    if (groups.length > MAX_IP_GROUPS_PER_DIRECTORY) {
      report('SPEC_IPGROUPS_PER_DIRECTORY', `directory "${name}" has ${groups.length} IP groups; the API allows ${MAX_IP_GROUPS_PER_DIRECTORY}`, ['directories', name, 'ipGroups', MAX_IP_GROUPS_PER_DIRECTORY]);
    }
  }
  for (const [connectionString, alias] of Object.entries(spec.connectionAliases ?? {})) {
    if ((alias.associate ?? []).length > 1) {
      report('SPEC_ALIAS_DIRECTORIES', `connection alias "${connectionString}" can be associated with one directory per Region, not ${alias.associate!.length}`, ['connectionAliases', connectionString, 'associate', 1]);
    }
  }
}

function checkDirectoryExtras(spec: SpecDocument, report: Report): void {
  for (const [directory, platforms] of Object.entries(spec.clientBranding ?? {})) {
    for (const [platform, branding] of Object.entries(platforms)) {
      if (branding.supportEmail !== undefined && branding.supportLink !== undefined) {
        report('SPEC_BRANDING_CONTACT', 'give supportEmail or supportLink, not both', ['clientBranding', directory, platform, 'supportLink'], 'key');
      }
    }
  }
  const addInsByDirectory = new Map<string, number>();
  (spec.connectClientAddIns ?? []).forEach((addIn, index) => {
    const id = spec.directories?.[addIn.directory]?.id ?? addIn.directory;
    const first = addInsByDirectory.get(id);
    if (first === undefined) {
      addInsByDirectory.set(id, index);
      return;
    }
    report('SPEC_ADDIN_PER_DIRECTORY', `directory "${addIn.directory}" already has a Connect client add-in (connectClientAddIns[${first}]); one per directory`, ['connectClientAddIns', index], 'key');
  });
}

/** Every `tags` map in the spec, with where it is. */
function tagMaps(spec: SpecDocument): { tags: SpecTags; path: SpecPath }[] {
  const found: { tags: SpecTags; path: SpecPath }[] = [];
  const fromMap = (section: string, entries: Record<string, { tags?: SpecTags }> | undefined): void => {
    for (const [name, entry] of Object.entries(entries ?? {})) if (entry.tags) found.push({ tags: entry.tags, path: [section, name, 'tags'] });
  };
  fromMap('ipGroups', spec.ipGroups);
  fromMap('directories', spec.directories);
  fromMap('images', spec.images);
  fromMap('bundles', spec.bundles);
  fromMap('connectionAliases', spec.connectionAliases);
  fromMap('pools', spec.pools);
  if (spec.defaults?.workspace?.tags) found.push({ tags: spec.defaults.workspace.tags, path: ['defaults', 'workspace', 'tags'] });
  (spec.workspaces ?? []).forEach((t, i) => {
    if (t.tags) found.push({ tags: t.tags, path: ['workspaces', i, 'tags'] });
  });
  return found;
}

function checkAllTags(spec: SpecDocument, report: Report): void {
  for (const { tags, path } of tagMaps(spec)) {
    for (const key of Object.keys(tags)) {
      const prefix = RESERVED_TAG_PREFIXES.find((p) => key.toLowerCase().startsWith(p));
      if (prefix) report('SPEC_TAG_RESERVED', `tag key "${key}" uses the reserved prefix "${prefix}"`, [...path, key], 'key');
    }
  }
  const defaults = spec.defaults?.workspace?.tags ?? {};
  (spec.workspaces ?? []).forEach((template, index) => {
    if (!template.tags) return;
    const merged = Object.keys({ ...defaults, ...template.tags }).length;
    if (merged > MAX_TAGS) report('SPEC_TAG_LIMIT', `workspaces[${index}] ends up with ${merged} tags (with defaults); the API allows ${MAX_TAGS}`, ['workspaces', index, 'tags'], 'key');
  });
}
