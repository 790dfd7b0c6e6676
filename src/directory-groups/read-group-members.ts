/**
 * Reads the enabled members of a directory group over LDAP/LDAPS (ldapts): nested groups through
 * AD's in-chain matching rule when the server is AD, else a bounded breadth-first walk of `member`
 * values. A group that cannot be read is an error, never an empty list. The bind password is
 * handed in, used for the bind only and scrubbed from every error message.
 */
import { readFileSync } from 'node:fs';
import { Client, InsufficientAccessError, InvalidCredentialsError, NoSuchObjectError, type Entry } from 'ldapts';
import type { LdapSettings } from '../model/desired.js';
import {
  attributeOf,
  attributeValuesOf,
  groupByNameFilter,
  inChainMembersFilter,
  isActiveDirectory,
  isComputerEntry,
  isDisabledAccount,
  isDistinguishedName,
  isGroupEntry,
  memberRangeOf,
} from './group-query.js';

export interface GroupMembers {
  /** The group's DN (as the server spells it). */
  readonly dn: string;
  /** User names (settings.userAttribute) of the enabled members, sorted, each once. */
  readonly members: readonly string[];
  /** Disabled accounts left out. */
  readonly disabled: number;
  readonly method: 'inChain' | 'walk';
  /** The URL that answered. */
  readonly url: string;
}

export interface ReadGroupOptions {
  /** The bind password (undefined: bind anonymously or without a password). */
  readonly password?: string;
  /** Most entries the walk reads before giving up. @default 100000 */
  readonly maxEntries?: number;
}

/** Why a group could not be read (`url: reason`, per URL tried); the message never holds the password. */
export class GroupReadError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'GroupReadError';
  }
}

const WALK_CONCURRENCY = 8;
const PAGE_SIZE = 500;

export async function readGroupMembers(settings: LdapSettings, group: string, options: ReadGroupOptions = {}): Promise<GroupMembers> {
  const failures: string[] = [];
  for (const url of settings.urls) {
    const client = new Client({
      url,
      timeout: settings.timeoutSeconds * 1000,
      connectTimeout: settings.timeoutSeconds * 1000,
      ...(settings.caFile === undefined ? {} : { tlsOptions: { ca: readFileSync(settings.caFile) } }),
    });
    try {
      if (settings.bindDn !== undefined) await client.bind(settings.bindDn, options.password ?? '');
      const reader = new GroupReader(client, settings, options.maxEntries ?? 100_000);
      return { ...(await reader.read(group)), url };
    } catch (error) {
      const reason = scrub(describe(error, settings), options.password);
      // a server that answered (bad credentials, no such group) gives the same answer on the next DC
      if (!isConnectionFailure(error)) throw new GroupReadError(`${url}: ${reason}`, url);
      failures.push(`${url}: ${reason}`);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
  throw new GroupReadError(failures.join('; '), settings.urls.join(', '));
}

class GroupReader {
  private entriesRead = 0;

  constructor(
    private readonly client: Client,
    private readonly settings: LdapSettings,
    private readonly maxEntries: number,
  ) {}

  async read(group: string): Promise<Omit<GroupMembers, 'url'>> {
    const dn = await this.groupDn(group);
    const method = await this.method();
    const found = method === 'inChain' ? await this.inChainMembers(dn) : await this.walkMembers(dn);
    if (method === 'inChain' && found.members.length === 0 && found.disabled === 0) await this.refuseSilentInChain(dn);
    return { dn, method, ...found };
  }

  /**
   * A server that does not know the in-chain rule evaluates the filter as Undefined and answers
   * with no entries (RFC 4511 §4.5.1.7.7), which would read as an empty group: when the group does
   * have members, that is an error, never an empty list.
   */
  private async refuseSilentInChain(dn: string): Promise<void> {
    const direct = await this.memberDns(dn);
    if (direct.length === 0) return;
    throw new Error(
      `the in-chain search found no member of ${dn}, which has ${direct.length} direct member(s): the server does not seem to support LDAP_MATCHING_RULE_IN_CHAIN (not Active Directory?); use ldap.nested: walk`,
    );
  }

  private async groupDn(group: string): Promise<string> {
    if (isDistinguishedName(group)) {
      const entry = await this.readEntry(group, ['objectClass']);
      if (entry === undefined) throw new Error(`no group ${group} (no such entry)`);
      if (!isGroupEntry(attributeValuesOf(entry, 'objectClass'))) throw new Error(`${group} is not a group`);
      return entry.dn;
    }
    const { searchEntries } = await this.client.search(this.settings.baseDn, {
      scope: 'sub',
      filter: groupByNameFilter(group),
      attributes: ['cn'],
      sizeLimit: 10,
    });
    if (searchEntries.length === 0) throw new Error(`no group named ${group} under ${this.settings.baseDn}`);
    if (searchEntries.length > 1)
      throw new Error(`${searchEntries.length} groups are named ${group} (${searchEntries.map((e) => e.dn).join('; ')}); use the DN`);
    return searchEntries[0].dn;
  }

  private async method(): Promise<'inChain' | 'walk'> {
    if (this.settings.nested !== 'auto') return this.settings.nested;
    const root = await this.readEntry('', ['supportedCapabilities']);
    return root !== undefined && isActiveDirectory(attributeValuesOf(root, 'supportedCapabilities')) ? 'inChain' : 'walk';
  }

  private async inChainMembers(groupDn: string): Promise<{ members: string[]; disabled: number }> {
    const { searchEntries } = await this.client.search(this.settings.baseDn, {
      scope: 'sub',
      filter: inChainMembersFilter(groupDn),
      attributes: [this.settings.userAttribute, 'userAccountControl'],
      paged: { pageSize: PAGE_SIZE },
    });
    return this.namesOf(searchEntries);
  }

  /** Breadth-first over `member`, each group once (cycles end), at most maxDepth levels down. */
  private async walkMembers(groupDn: string): Promise<{ members: string[]; disabled: number }> {
    const seen = new Set([groupDn.toLowerCase()]);
    const users: Entry[] = [];
    let level = await this.memberDns(groupDn);
    for (let depth = 1; level.length > 0; depth += 1) {
      const fresh = level.filter((dn) => !seen.has(dn.toLowerCase()));
      for (const dn of fresh) seen.add(dn.toLowerCase());
      const entries = await mapLimited(fresh, WALK_CONCURRENCY, (dn) =>
        this.readEntry(dn, ['objectClass', 'member', this.settings.userAttribute, 'userAccountControl']),
      );
      const next: string[] = [];
      for (const entry of entries) {
        // a member that no longer exists (a dangling reference) is no one
        if (entry === undefined) continue;
        const classes = attributeValuesOf(entry, 'objectClass');
        if (isGroupEntry(classes)) {
          if (depth > this.settings.maxDepth)
            throw new Error(`groups are nested deeper than ${this.settings.maxDepth} levels below ${groupDn} (ldap.maxDepth)`);
          next.push(...(await this.memberDns(entry.dn, entry)));
        } else if (!isComputerEntry(classes)) users.push(entry);
      }
      level = next;
    }
    return this.namesOf(users);
  }

  /** The member DNs of a group, asking for further ranges when AD splits a large group. */
  private async memberDns(dn: string, first?: Entry): Promise<string[]> {
    const values: string[] = [];
    let range = memberRangeOf(first ?? (await this.readEntry(dn, ['member'])) ?? {});
    values.push(...range.values);
    while (range.next !== undefined) {
      range = memberRangeOf((await this.readEntry(dn, [range.next])) ?? {});
      values.push(...range.values);
    }
    return values;
  }

  private namesOf(entries: readonly Entry[]): { members: string[]; disabled: number } {
    const names = new Set<string>();
    let disabled = 0;
    for (const entry of entries) {
      if (isDisabledAccount(attributeOf(entry, 'userAccountControl'))) {
        disabled += 1;
        continue;
      }
      const name = attributeOf(entry, this.settings.userAttribute);
      if (name !== undefined && name !== '') names.add(name);
    }
    return { members: [...names].sort(), disabled };
  }

  /** One entry by DN (base search), undefined when it does not exist. */
  private async readEntry(dn: string, attributes: string[]): Promise<Entry | undefined> {
    this.entriesRead += 1;
    if (this.entriesRead > this.maxEntries) throw new Error(`read more than ${this.maxEntries} entries; stopping`);
    try {
      const { searchEntries } = await this.client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes });
      return searchEntries[0];
    } catch (error) {
      if (error instanceof NoSuchObjectError) return undefined;
      throw error;
    }
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function isConnectionFailure(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT)$/.test(code)) return true;
  return error instanceof Error && /timeout|timed out|connection closed/i.test(error.message);
}

function describe(error: unknown, settings: LdapSettings): string {
  if (error instanceof InvalidCredentialsError) return `the bind as ${settings.bindDn} was refused (invalid credentials)`;
  if (error instanceof NoSuchObjectError) return `no such entry (or not visible to ${settings.bindDn ?? 'an anonymous bind'})`;
  if (error instanceof InsufficientAccessError) return `${settings.bindDn ?? 'an anonymous bind'} may not read it (insufficient access)`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (error instanceof Error && /timeout|timed out/i.test(error.message)) return `no answer within ${settings.timeoutSeconds} s`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

/** The password never leaves this module, not even inside a server's error text. */
function scrub(message: string, password: string | undefined): string {
  if (password === undefined || password === '') return message;
  return message.split(password).join('***');
}
