/**
 * The LDAP questions wsr asks about a group, as pure data: filters, and how to read the answers.
 * Facts of Active Directory (Microsoft's "Search Filter Syntax" and "userAccountControl" pages):
 * - LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941) matches every group a user is in,
 *   nested included, in one search; only AD (and AD LDS) implement it.
 * - the rootDSE's `supportedCapabilities` holds 1.2.840.113556.1.4.800 on an AD domain controller.
 * - `userAccountControl` bit 0x2 (ACCOUNTDISABLE) marks a disabled account.
 * - a group with more members than the server's MaxValRange (1,500 by default) returns
 *   `member;range=0-1499` and the rest has to be asked for range by range.
 */
import { escapeFilter } from 'ldapts';

export const IN_CHAIN_RULE = '1.2.840.113556.1.4.1941';
export const AD_CAPABILITY = '1.2.840.113556.1.4.800';
const ACCOUNT_DISABLED = 0x2;
/** Object classes that make an entry a group whose `member` values are followed. */
const GROUP_CLASSES = new Set(['group', 'groupofnames']);

/** `CN=Dev,OU=Groups,DC=corp` is a DN; `WorkSpaces-Dev` is a group name. */
export function isDistinguishedName(reference: string): boolean {
  return /^\s*[A-Za-z][A-Za-z0-9-]*\s*=/.test(reference);
}

/** Every user (person) in the group, nested groups included: one subtree search on AD. */
export function inChainMembersFilter(groupDn: string): string {
  return escapeFilter`(&(objectCategory=person)(objectClass=user)(memberOf:${IN_CHAIN_RULE}:=${groupDn}))`;
}

/** A group found by its common name or sAMAccountName (AD groups and RFC 4519 groupOfNames). */
export function groupByNameFilter(name: string): string {
  return escapeFilter`(&(|(objectClass=group)(objectClass=groupOfNames))(|(cn=${name})(sAMAccountName=${name})))`;
}

export function isActiveDirectory(supportedCapabilities: readonly string[]): boolean {
  return supportedCapabilities.includes(AD_CAPABILITY);
}

/** An account with the ACCOUNTDISABLE bit set; an entry without the attribute is not disabled. */
export function isDisabledAccount(userAccountControl: string | undefined): boolean {
  if (userAccountControl === undefined) return false;
  const flags = Number.parseInt(userAccountControl, 10);
  return Number.isFinite(flags) && (flags & ACCOUNT_DISABLED) !== 0;
}

export function isGroupEntry(objectClasses: readonly string[]): boolean {
  return objectClasses.some((objectClass) => GROUP_CLASSES.has(objectClass.toLowerCase()));
}

/** A computer account is an AD `user` too; it never gets a desktop. */
export function isComputerEntry(objectClasses: readonly string[]): boolean {
  return objectClasses.some((objectClass) => objectClass.toLowerCase() === 'computer');
}

export interface MemberRange {
  readonly values: readonly string[];
  /** The next range to ask for (`member;range=1500-*`), or undefined when this was the last. */
  readonly next?: string;
}

/**
 * The `member` values of an entry: plain, or the first range AD returned
 * (`member;range=0-1499`: ask for `member;range=1500-*` next; `member;range=1500-*` is the last).
 */
export function memberRangeOf(attributes: Readonly<Record<string, unknown>>): MemberRange {
  for (const [name, value] of Object.entries(attributes)) {
    const lower = name.toLowerCase();
    if (lower === 'member') return { values: stringsOf(value) };
    const ranged = /^member;range=(\d+)-(\d+|\*)$/.exec(lower);
    if (!ranged) continue;
    const values = stringsOf(value);
    if (ranged[2] === '*') return { values };
    return { values, next: `member;range=${Number(ranged[2]) + 1}-*` };
  }
  return { values: [] };
}

export function stringsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : String(item)));
}

/** One value of an attribute, looked up without regard to case (servers differ in how they spell names). */
export function attributeOf(entry: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : stringsOf(entry[key])[0];
}

export function attributeValuesOf(entry: Readonly<Record<string, unknown>>, name: string): string[] {
  const lower = name.toLowerCase();
  const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? [] : stringsOf(entry[key]);
}
