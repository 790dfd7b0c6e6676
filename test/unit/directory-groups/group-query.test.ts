/** The LDAP questions asked about a group: AD's in-chain filter, ranged members, disabled accounts. */
import { describe, expect, it } from 'vitest';
import {
  AD_CAPABILITY,
  groupByNameFilter,
  inChainMembersFilter,
  isActiveDirectory,
  isComputerEntry,
  isDisabledAccount,
  isDistinguishedName,
  isGroupEntry,
  memberRangeOf,
} from '../../../src/directory-groups/group-query.js';

describe('group queries', () => {
  it('asks AD for every nested member in one search with LDAP_MATCHING_RULE_IN_CHAIN', () => {
    expect(inChainMembersFilter('CN=WorkSpaces-Dev,OU=Groups,DC=corp,DC=example,DC=com')).toBe(
      '(&(objectCategory=person)(objectClass=user)(memberOf:1.2.840.113556.1.4.1941:=CN=WorkSpaces-Dev,OU=Groups,DC=corp,DC=example,DC=com))',
    );
  });

  it('escapes filter metacharacters of a DN or name (RFC 4515), so a name cannot widen the search', () => {
    expect(inChainMembersFilter('CN=R&D (Berlin)*,DC=corp')).toContain('memberOf:1.2.840.113556.1.4.1941:=CN=R&D \\28Berlin\\29\\2a,DC=corp)');
    expect(groupByNameFilter('*)(cn=*')).toBe(
      '(&(|(objectClass=group)(objectClass=groupOfNames))(|(cn=\\2a\\29\\28cn=\\2a)(sAMAccountName=\\2a\\29\\28cn=\\2a)))',
    );
  });

  it('tells AD by its rootDSE capability', () => {
    expect(isActiveDirectory(['1.2.840.113556.1.4.1670', AD_CAPABILITY])).toBe(true);
    expect(isActiveDirectory([])).toBe(false);
  });

  it('reads bit 2 of userAccountControl as disabled', () => {
    expect(isDisabledAccount('512')).toBe(false);
    expect(isDisabledAccount('514')).toBe(true);
    expect(isDisabledAccount('66050')).toBe(true); // 0x10202: DONT_EXPIRE_PASSWORD | NORMAL_ACCOUNT | ACCOUNTDISABLE
    expect(isDisabledAccount(undefined)).toBe(false);
  });

  it('tells a DN from a group name', () => {
    expect(isDistinguishedName('CN=WorkSpaces-Dev,OU=Groups,DC=corp')).toBe(true);
    expect(isDistinguishedName('cn=Smith\\, John,ou=People')).toBe(true);
    expect(isDistinguishedName('WorkSpaces-Dev')).toBe(false);
  });

  it('classifies entries by object class', () => {
    expect(isGroupEntry(['top', 'group'])).toBe(true);
    expect(isGroupEntry(['groupOfNames'])).toBe(true);
    expect(isGroupEntry(['top', 'person', 'user'])).toBe(false);
    expect(isComputerEntry(['top', 'person', 'user', 'computer'])).toBe(true);
  });

  it('follows AD ranged retrieval of large groups (member;range=0-1499 → ask for 1500-*)', () => {
    expect(memberRangeOf({ dn: 'x', 'member;range=0-1499': ['a', 'b'] })).toEqual({ values: ['a', 'b'], next: 'member;range=1500-*' });
    expect(memberRangeOf({ dn: 'x', 'member;range=1500-*': ['c'] })).toEqual({ values: ['c'] });
    expect(memberRangeOf({ dn: 'x', member: 'only' })).toEqual({ values: ['only'] });
    expect(memberRangeOf({ dn: 'x' })).toEqual({ values: [] });
  });
});
