/**
 * `workspaces:` and `defaults.workspace` — templates become one desired workspace per user (or a
 * template whose users are read at plan time), and the rules the API enforces on their fields.
 */
import type { WorkspaceProperties } from '@aws-sdk/client-workspaces';
import type { SourceLocation } from '../../errors.js';
import type { Tags, UserSource } from '../../model/desired.js';
import type { WorkspaceDesiredProperties } from './properties.js';
import { groupTagValue, workspaceKey } from '../../model/keys.js';
import type { SpecPath } from '../../spec/source-locator.js';
import { bundleRef } from '../bundle/ref.js';
import { specBundles } from '../bundle/spec.js';
import { directoryId } from '../directory/ref.js';
import { ldapSettings, specDirectories } from '../directory/spec.js';
import { compact, defineKindSpec, type ReportRule, type ValidSpec, type ToDesiredContext } from '../kind-spec.js';
import { specTemplates, workspaceDefaults, workspaceTemplates, type SpecUsers, type SpecWorkspaceFields } from './schema.js';
import { effectiveTemplate, workspaceDefaultsOf, type EffectiveTemplate } from './template.js';
import { checkVolumeCombination } from './volume-combination.js';

export const MAX_TAGS = 50;

export const workspaceSpec = defineKindSpec({
  section: 'workspaces',
  schema: workspaceTemplates,
  defaults: { name: 'workspace', schema: workspaceDefaults },
  referredToAs: 'workspace',
  toDesired(templates, context) {
    const defaultTags = workspaceDefaultsOf(context.spec)?.tags;
    templates.forEach((template, index) => {
      const path = ['workspaces', index];
      const { fields, pathOf } = effectiveTemplate(context.spec, index);
      if (fields.directory === undefined || fields.bundle === undefined) {
        const missing = fields.directory === undefined ? 'directory' : 'bundle';
        context.error(
          'SPEC_MISSING_FIELD',
          `missing required field "${missing}" in workspaces[${index}] (set it here or in defaults.workspace)`,
          context.locator.key(path),
        );
        return;
      }
      const id = directoryId(context, fields.directory, pathOf('directory'));
      const bundle = bundleRef(context, fields.bundle, pathOf('bundle'));
      if (id === undefined) return;
      const tags: Tags = { ...defaultTags, ...template.tags };
      const shared = compact({
        bundle,
        workspaceProperties: workspaceProperties(fields),
        volumeEncryptionKey: fields.encryption?.volumeKey,
        userVolumeEncryptionEnabled: fields.encryption?.userVolume,
        rootVolumeEncryptionEnabled: fields.encryption?.rootVolume,
        runningState: fields.state,
        actions: fields.actions && compact({ ...fields.actions }),
        maintenance: fields.maintenance,
        standby:
          fields.standby &&
          compact({
            region: fields.standby.region,
            directoryId: fields.standby.directory,
            dataReplication: fields.standby.dataReplication,
            volumeEncryptionKey: fields.standby.volumeKey,
          }),
      });
      const users = template.users;
      if (!Array.isArray(users)) {
        const source = userSource(context, users, fields.directory, [...path, 'users']);
        if (source === undefined) return;
        const properties = compact({ directoryId: id, workspaceName: template.workspaceName, ...shared });
        const declaresTags = Object.keys(tags).length > 0;
        context.deferUsers({ source, template: index, properties, tags, declaresTags, location: context.locator.key([...path, 'users']) });
        return;
      }
      const fieldSources = workspaceFieldSources(context, fields, pathOf);
      users.forEach((userName, userIndex) => {
        const properties: WorkspaceDesiredProperties = compact({ directoryId: id, userName, workspaceName: template.workspaceName, ...shared });
        const key = workspaceKey(id, userName, template.workspaceName);
        context.add({ kind: 'workspace', key, properties, tags, path: [...path, 'users', userIndex], duplicateCode: 'SPEC_DUPLICATE_WORKSPACE', fieldSources });
      });
    });
  },
  checks(spec, report) {
    checkTemplates(spec, report);
    checkTagLimit(spec, report);
  },
});

/** `{fromGroup}` needs a directory declared here with `ldap`; `{fromFile}` is read at plan time. */
function userSource(context: ToDesiredContext, users: Exclude<SpecUsers, string[]>, directoryRef: string, path: SpecPath): UserSource | undefined {
  const given = (['fromGroup', 'fromFile'] as const).filter((member) => typeof (users as Record<string, unknown>)[member] === 'string');
  if (given.length !== 1) {
    const what = given.length === 0 ? 'neither is given' : 'both are given';
    context.error('SPEC_USERS_SOURCE', `users needs a list of user names, or exactly one of fromGroup and fromFile; ${what}`, context.locator.key(path));
    return undefined;
  }
  if ('fromFile' in users) return compact({ type: 'file' as const, file: users.fromFile, column: users.column });
  if ('column' in users) {
    context.error('SPEC_USERS_SOURCE', 'users.column goes with fromFile (it names a CSV column), not with fromGroup', context.locator.key([...path, 'column']));
    return undefined;
  }
  const directories = specDirectories(context.spec);
  const directory = Object.hasOwn(directories, directoryRef) ? directories[directoryRef] : undefined;
  if (directory?.ldap === undefined) {
    const which =
      directory === undefined ? `directory "${directoryRef}" is not declared under directories` : `directories.${directoryRef} has no ldap settings`;
    context.error('SPEC_GROUP_NO_LDAP', `users.fromGroup needs the directory's LDAP settings, but ${which}`, context.locator.key(path));
    return undefined;
  }
  return { type: 'group', group: users.fromGroup, tag: groupTagValue(users.fromGroup), ldap: ldapSettings(directory.ldap), directoryName: directoryRef };
}

/** Lines of the fields a plan-time check may name (volumes, compute type, bundle). */
function workspaceFieldSources(context: ToDesiredContext, fields: SpecWorkspaceFields, pathOf: EffectiveTemplate['pathOf']): Record<string, SourceLocation> {
  const named = {
    rootVolumeGib: 'workspaceProperties.RootVolumeSizeGib',
    userVolumeGib: 'workspaceProperties.UserVolumeSizeGib',
    computeType: 'workspaceProperties.ComputeTypeName',
    bundle: 'bundle',
    standby: 'standby',
  } as const;
  const sources: Record<string, SourceLocation> = {};
  for (const [field, path] of Object.entries(named)) {
    if (fields[field as keyof typeof named] !== undefined) sources[path] = context.locator.value(pathOf(field as keyof typeof named));
  }
  return sources;
}

function workspaceProperties(fields: SpecWorkspaceFields): WorkspaceProperties {
  return compact({
    RunningMode: fields.runningMode,
    RunningModeAutoStopTimeoutInMinutes: fields.autoStopTimeoutMinutes,
    RootVolumeSizeGib: fields.rootVolumeGib,
    UserVolumeSizeGib: fields.userVolumeGib,
    ComputeTypeName: fields.computeType,
    Protocols: fields.protocols,
  }) as WorkspaceProperties;
}

function checkTemplates(spec: ValidSpec, report: ReportRule): void {
  const templates = specTemplates(spec);
  templates.forEach((template, index) => {
    const { fields, pathOf } = effectiveTemplate(spec, index);
    if (template.workspaceName !== undefined && !Array.isArray(template.users)) {
      report(
        'SPEC_WORKSPACE_NAME_USERS',
        'workspaceName names one workspace, so users must be a list of exactly one user (not a group or a file)',
        ['workspaces', index, 'workspaceName'],
        'key',
      );
    } else if (template.workspaceName !== undefined && Array.isArray(template.users) && template.users.length > 1) {
      report(
        'SPEC_WORKSPACE_NAME_USERS',
        'workspaceName names one workspace, so the template must list exactly one user',
        ['workspaces', index, 'workspaceName'],
        'key',
      );
    }
    if (fields.runningMode === 'ALWAYS_ON' && fields.autoStopTimeoutMinutes !== undefined) {
      report('SPEC_AUTOSTOP_ALWAYS_ON', 'autoStopTimeoutMinutes applies to AUTO_STOP workspaces only, not ALWAYS_ON', pathOf('autoStopTimeoutMinutes'), 'key');
    }
    if (fields.runningMode === 'ALWAYS_ON' && fields.state === 'stopped') {
      report('SPEC_STATE_ALWAYS_ON', 'an ALWAYS_ON workspace cannot be stopped; use runningMode AUTO_STOP', pathOf('state'));
    }
    checkVolumeCombination(fields.rootVolumeGib, fields.userVolumeGib, fields.computeType, pathOf('rootVolumeGib'), report);
    checkVolumesFitBundle(spec, fields, pathOf, report);
  });
  const timeout = workspaceDefaultsOf(spec)?.autoStopTimeoutMinutes;
  if (timeout !== undefined && timeout % 60 !== 0)
    report('SPEC_AUTOSTOP_STEP', `autoStopTimeoutMinutes must be a multiple of 60 (got ${timeout})`, ['defaults', 'workspace', 'autoStopTimeoutMinutes']);
  templates.forEach((template, index) => {
    const own = template.autoStopTimeoutMinutes;
    if (own !== undefined && own % 60 !== 0)
      report('SPEC_AUTOSTOP_STEP', `autoStopTimeoutMinutes must be a multiple of 60 (got ${own})`, ['workspaces', index, 'autoStopTimeoutMinutes']);
  });
}

/**
 * A desktop never has smaller volumes than its bundle: MigrateWorkspace gives it the larger of its
 * own and the bundle's, and volumes never shrink. A template pinning a volume below its (spec)
 * bundle's would migrate and then fail every later plan, so it is refused here, before any call.
 */
function checkVolumesFitBundle(spec: ValidSpec, fields: SpecWorkspaceFields, pathOf: EffectiveTemplate['pathOf'], report: ReportRule): void {
  const bundles = specBundles(spec);
  const bundle = fields.bundle === undefined || !Object.hasOwn(bundles, fields.bundle) ? undefined : bundles[fields.bundle];
  if (bundle === undefined) return;
  for (const field of ['rootVolumeGib', 'userVolumeGib'] as const) {
    const pinned = fields[field];
    const floor = bundle[field] ?? (field === 'rootVolumeGib' ? 80 : undefined);
    if (pinned === undefined || floor === undefined || pinned >= floor) continue;
    report(
      'SPEC_VOLUME_BELOW_BUNDLE',
      `${field} ${pinned} GiB is below bundle "${fields.bundle}"'s ${floor} GiB (a desktop gets at least its bundle's volumes, and they never shrink); set ${floor} or more, or remove it`,
      pathOf(field),
    );
  }
}

/** A template's tags with the default ones must stay within the API's per-resource limit. */
function checkTagLimit(spec: ValidSpec, report: ReportRule): void {
  const defaults = workspaceDefaultsOf(spec)?.tags ?? {};
  specTemplates(spec).forEach((template, index) => {
    if (!template.tags) return;
    const merged = Object.keys({ ...defaults, ...template.tags }).length;
    if (merged > MAX_TAGS)
      report(
        'SPEC_TAG_LIMIT',
        `workspaces[${index}] ends up with ${merged} tags (with defaults); the API allows ${MAX_TAGS}`,
        ['workspaces', index, 'tags'],
        'key',
      );
  });
}
