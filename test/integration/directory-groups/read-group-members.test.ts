/**
 * The LDAP group reader against a real OpenLDAP server with an AD-like tree: nested groups are
 * walked (slapd has no in-chain rule), disabled accounts are left out, and a group that cannot be
 * read is an error naming why, never an empty list — without the bind password in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGroupMembers } from '../../../src/directory-groups/read-group-members.js';
import type { LdapSettings } from '../../../src/model/desired.js';
import { SLAPD_BASE_DN, SLAPD_READER_DN, SLAPD_READER_PASSWORD, slapdUnavailable, startSlapd, type TestSlapd } from '../../helpers/start-slapd.js';

const skip = slapdUnavailable();
const developers = Array.from({ length: 29 }, (_, i) => `dev${String(i + 1).padStart(2, '0')}`);

describe.skipIf(skip !== undefined)(`LDAP group members from slapd${skip ? ` (${skip})` : ''}`, () => {
  let slapd: TestSlapd;
  let settings: LdapSettings;

  beforeAll(async () => {
    slapd = await startSlapd({
      users: [...developers.map((sam) => ({ sam })), { sam: 'contractor01', ou: 'Contractors' }, { sam: 'leaver01', disabled: true }, { sam: 'outsider01' }],
      groups: [
        { cn: 'WorkSpaces-Dev', members: [...developers, 'group:Contractors', 'leaver01'] },
        // a cycle back to the parent: the walk must end
        { cn: 'Contractors', members: ['contractor01', 'group:WorkSpaces-Dev'] },
        { cn: 'Deep-1', members: ['group:Deep-2'] },
        { cn: 'Deep-2', members: ['group:Deep-3'] },
        { cn: 'Deep-3', members: ['outsider01'] },
      ],
    });
    settings = {
      urls: [slapd.url],
      baseDn: SLAPD_BASE_DN,
      bindDn: SLAPD_READER_DN,
      userAttribute: 'sAMAccountName',
      nested: 'auto',
      maxDepth: 16,
      timeoutSeconds: 5,
    };
  });

  afterAll(async () => {
    await slapd?.stop();
  });

  it('reads direct and nested members by DN, leaving out the disabled account', async () => {
    const found = await readGroupMembers(settings, slapd.groupDn('WorkSpaces-Dev'), { password: SLAPD_READER_PASSWORD });
    expect(found.method).toBe('walk');
    expect(found.members).toEqual([...developers, 'contractor01'].sort());
    expect(found.members).not.toContain('leaver01');
    expect(found.disabled).toBe(1);
  });

  it('finds a group by name', async () => {
    const found = await readGroupMembers(settings, 'Contractors', { password: SLAPD_READER_PASSWORD });
    expect(found.dn.toLowerCase()).toBe(slapd.groupDn('Contractors').toLowerCase());
    // nested back into WorkSpaces-Dev: everyone there is a member of Contractors too
    expect(found.members).toContain('dev01');
    expect(found.members).toContain('contractor01');
  });

  it('refuses nesting deeper than maxDepth', async () => {
    await expect(readGroupMembers({ ...settings, maxDepth: 1 }, 'Deep-1', { password: SLAPD_READER_PASSWORD })).rejects.toThrow(/nested deeper than 1 levels/);
    expect((await readGroupMembers({ ...settings, maxDepth: 2 }, 'Deep-1', { password: SLAPD_READER_PASSWORD })).members).toEqual(['outsider01']);
  });

  it('an unknown group, a wrong password and an unreachable server are errors, not empty lists', async () => {
    await expect(readGroupMembers(settings, 'No-Such-Group', { password: SLAPD_READER_PASSWORD })).rejects.toThrow(/no group named No-Such-Group/);
    await expect(readGroupMembers(settings, `CN=Gone,OU=Groups,${SLAPD_BASE_DN}`, { password: SLAPD_READER_PASSWORD })).rejects.toThrow(/no group CN=Gone/);
    const wrong = await readGroupMembers(settings, 'Contractors', { password: `${SLAPD_READER_PASSWORD}-wrong` }).catch((error: Error) => error);
    expect(String(wrong)).toMatch(/invalid credentials/);
    expect(String(wrong)).not.toContain(SLAPD_READER_PASSWORD);
    // anonymous reads are denied by the server's ACL: the base does not show
    await expect(readGroupMembers({ ...settings, bindDn: undefined }, 'Contractors')).rejects.toThrow(/not visible to an anonymous bind/);
    await expect(readGroupMembers({ ...settings, urls: ['ldap://127.0.0.1:1'] }, 'Contractors', { password: SLAPD_READER_PASSWORD })).rejects.toThrow(
      /connection refused/,
    );
  });

  it('forced to the in-chain rule, which slapd lacks, refuses the empty answer instead of reading an empty group', async () => {
    await expect(readGroupMembers({ ...settings, nested: 'inChain' }, 'WorkSpaces-Dev', { password: SLAPD_READER_PASSWORD })).rejects.toThrow(
      /the in-chain search found no member of cn=WorkSpaces-Dev,ou=Groups,dc=corp,dc=example,dc=com, which has 31 direct member\(s\): the server does not seem to support LDAP_MATCHING_RULE_IN_CHAIN/,
    );
  });

  it('tries the next domain controller when one does not answer', async () => {
    const found = await readGroupMembers({ ...settings, urls: ['ldap://127.0.0.1:1', slapd.url] }, 'Contractors', { password: SLAPD_READER_PASSWORD });
    expect(found.url).toBe(slapd.url);
  });
});
