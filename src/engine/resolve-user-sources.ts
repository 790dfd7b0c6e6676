/**
 * The plan-time stage that reads who gets a desktop when the spec does not list them: the members
 * of a directory group (LDAP, src/directory-groups) and user files next to the spec. It runs
 * before any AWS call, so a group that cannot be read fails the plan with nothing read or changed
 * in the account; the pure core then gets plain lists (kinds/workspace/expand-user-sources.ts).
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { readGroupMembers, GroupReadError, type GroupMembers } from '../directory-groups/read-group-members.js';
import { PlanError, SpecError } from '../errors.js';
import type { DesiredState, LdapSettings, UserSourceTemplate } from '../model/desired.js';
import { expandUserSources } from '../kinds/workspace/expand-user-sources.js';
import { parseUsersFile } from '../spec/users-file.js';
import type { EngineEvents } from '../model/engine-events.js';

export interface ResolveUserSourcesOptions {
  /** The spec file: relative paths (user files, password files, CA files) are relative to it. */
  readonly specFile: string;
  readonly events?: EngineEvents;
  /** Where `bindPasswordEnv` is looked up. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The LDAP reader (tests may count calls). @default readGroupMembers */
  readonly readGroup?: typeof readGroupMembers;
}

export async function resolveUserSources(desired: DesiredState, options: ResolveUserSourcesOptions): Promise<DesiredState> {
  const pending = desired.pendingUsers ?? [];
  if (pending.length === 0) return desired;
  const entries = await Promise.all(pending.map(async (template) => [template.template, await usersOf(template, desired.environment.name, options)] as const));
  return expandUserSources(desired, new Map(entries));
}

async function usersOf(template: UserSourceTemplate, environment: string, options: ResolveUserSourcesOptions): Promise<readonly string[]> {
  const started = performance.now();
  const source = template.source;
  if (source.type === 'file') {
    const users = await usersFromFile(source.file, source.column, template, options.specFile);
    options.events?.emit({
      type: 'users.resolved',
      environment,
      template: template.template,
      source: 'file',
      name: source.file,
      members: users.length,
      ms: elapsed(started),
    });
    return users;
  }
  const ldap = withPathsFrom(source.ldap, options.specFile);
  const password = await bindPassword(ldap, source.directoryName, template, options);
  let found: GroupMembers;
  try {
    found = await (options.readGroup ?? readGroupMembers)(ldap, source.group, { password });
  } catch (error) {
    const reason = error instanceof GroupReadError ? error.message : `${ldap.urls.join(', ')}: ${error instanceof Error ? error.message : String(error)}`;
    throw new PlanError(
      'PLAN_GROUP_UNREADABLE',
      `cannot read group ${source.group} (workspaces[${template.template}], directory ${source.directoryName}) from ${oneLine(reason)}; no desktop was changed`,
      {
        location: template.location,
        hint: 'check ldap.url, the bind account and its read permission on the group and its members',
      },
    );
  }
  options.events?.emit({
    type: 'users.resolved',
    environment,
    template: template.template,
    source: 'group',
    name: source.group,
    members: found.members.length,
    disabled: found.disabled,
    method: found.method,
    ms: elapsed(started),
  });
  return found.members;
}

async function usersFromFile(file: string, column: string | undefined, template: UserSourceTemplate, specFile: string): Promise<readonly string[]> {
  let text: string;
  try {
    text = await readFile(relativeTo(specFile, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecError('SPEC_USERS_FILE', `users.fromFile ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? 'error'})`}`, {
      location: template.location,
    });
  }
  const parsed = parseUsersFile(text, column);
  if ('error' in parsed) {
    throw new SpecError('SPEC_USERS_FILE', `users.fromFile ${file}${parsed.line === undefined ? '' : `:${parsed.line}`} ${parsed.error}`, {
      location: template.location,
    });
  }
  return parsed.users;
}

/** The bind password, from the environment or a file; never from the spec and never logged. */
async function bindPassword(
  ldap: LdapSettings,
  directoryName: string,
  template: UserSourceTemplate,
  options: ResolveUserSourcesOptions,
): Promise<string | undefined> {
  const location = template.location;
  const where = `directories.${directoryName}.ldap`;
  if (ldap.bindPassword?.env !== undefined) {
    const value = (options.env ?? process.env)[ldap.bindPassword.env];
    if (value === undefined || value === '')
      throw new SpecError('SPEC_LDAP_PASSWORD', `${where}.bindPasswordEnv: the environment variable ${ldap.bindPassword.env} is not set`, { location });
    return value;
  }
  if (ldap.bindPassword?.file !== undefined) {
    try {
      return (await readFile(ldap.bindPassword.file, 'utf8')).replace(/\r?\n$/, '');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SpecError(
        'SPEC_LDAP_PASSWORD',
        `${where}.bindPasswordFile: cannot read ${ldap.bindPassword.file} (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')})`,
        { location },
      );
    }
  }
  return undefined;
}

function withPathsFrom(ldap: LdapSettings, specFile: string): LdapSettings {
  const file = ldap.bindPassword?.file;
  return {
    ...ldap,
    ...(file === undefined ? {} : { bindPassword: { ...ldap.bindPassword, file: relativeTo(specFile, file) } }),
    ...(ldap.caFile === undefined ? {} : { caFile: relativeTo(specFile, ldap.caFile) }),
  };
}

function relativeTo(specFile: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dirname(specFile), path);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
