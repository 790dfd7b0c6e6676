/**
 * Users read at plan time, in the pure core: a users file parsed (one column or a named CSV
 * column), templates expanded into desktops that say where they came from, and a user who would
 * get the same desktop from two places refused (SPEC_DUPLICATE_WORKSPACE) rather than picked.
 */
import { describe, expect, it } from 'vitest';
import { expandUserSources } from '../../../src/kinds/workspace/expand-user-sources.js';
import { loadSpecText } from '../../../src/spec/load-spec.js';
import { parseUsersFile } from '../../../src/spec/users-file.js';
import { groupTagValue } from '../../../src/model/keys.js';
import type { DesiredState } from '../../../src/model/desired.js';

const spec = (users: string, extra = '') => `apiVersion: wsr/v1
kind: Environment
metadata: {name: t, account: "123456789012", region: us-east-1}
policy: {prune: true, gracePeriod: 72h}
directories:
  corp:
    id: d-1234567890
    ldap: {url: [ldaps://dc1.corp.example.com, ldaps://dc2.corp.example.com], baseDn: "DC=corp,DC=example,DC=com", bindDn: "CN=svc,DC=corp", bindPasswordEnv: LDAP_PW}
workspaces:
  - users: ${users}
    directory: corp
    bundle: wsb-stdwin0001
    tags: {team: dev}
${extra}`;

function loaded(text: string): DesiredState {
  const result = loadSpecText(text, 'spec.yaml');
  expect(result.diagnostics).toEqual([]);
  return result.desired!;
}

describe('users files', () => {
  it('reads one name per line, skipping blanks and # comments', () => {
    expect(parseUsersFile('\uFEFF# developers\nalice\n\n bob \r\n"carol"\n')).toEqual({ users: ['alice', 'bob', 'carol'] });
  });

  it('reads a named CSV column (header row, quoted cells)', () => {
    const csv = 'name,username,team\n"Smith, Ann",asmith,dev\nBob Jones,bjones,ops\n';
    expect(parseUsersFile(csv, 'username')).toEqual({ users: ['asmith', 'bjones'] });
    expect(parseUsersFile(csv, 'UserName')).toEqual({ users: ['asmith', 'bjones'] });
  });

  it('says which line is wrong', () => {
    expect(parseUsersFile('a,b\n')).toEqual({ error: 'has several columns; name the one with the user names in users.column', line: 1 });
    expect(parseUsersFile('name,login\nx,alice\n', 'username')).toEqual({ error: 'has no column "username" (its header: name, login)', line: 1 });
    expect(parseUsersFile('alice\nbob\nAlice\n')).toEqual({ error: 'lists Alice twice (first at line 1)', line: 3 });
    expect(parseUsersFile('# nobody yet\n')).toEqual({ error: 'lists no users' });
  });
});

describe('templates whose users are read at plan time', () => {
  it('keeps a group template pending with its LDAP settings and the policy grace period', () => {
    const desired = loaded(spec('{fromGroup: "CN=WorkSpaces-Dev,OU=Groups,DC=corp,DC=example,DC=com"}'));
    expect(desired.resources.filter((r) => r.kind === 'workspace')).toEqual([]);
    expect(desired.policy.gracePeriodSeconds).toBe(72 * 3600);
    expect(desired.pendingUsers).toHaveLength(1);
    expect(desired.pendingUsers![0].source).toEqual({
      type: 'group',
      group: 'CN=WorkSpaces-Dev,OU=Groups,DC=corp,DC=example,DC=com',
      tag: 'CN=WorkSpaces-Dev/OU=Groups/DC=corp/DC=example/DC=com',
      directoryName: 'corp',
      ldap: {
        urls: ['ldaps://dc1.corp.example.com', 'ldaps://dc2.corp.example.com'],
        baseDn: 'DC=corp,DC=example,DC=com',
        bindDn: 'CN=svc,DC=corp',
        bindPassword: { env: 'LDAP_PW' },
        userAttribute: 'sAMAccountName',
        nested: 'auto',
        maxDepth: 16,
        timeoutSeconds: 10,
      },
    });
  });

  it('expands the members into desktops that carry their group and say where they came from', () => {
    const desired = expandUserSources(loaded(spec('{fromGroup: WorkSpaces-Dev}')), new Map([[0, ['alice', 'bob']]]));
    expect(desired.pendingUsers).toBeUndefined();
    expect(desired.userGroups).toEqual([{ group: 'WorkSpaces-Dev', tag: 'WorkSpaces-Dev', template: 0, members: 2 }]);
    const desktops = desired.resources.filter((r) => r.kind === 'workspace');
    expect(desktops.map((r) => r.key)).toEqual(['workspace/d-1234567890/alice', 'workspace/d-1234567890/bob']);
    expect(desktops[0]).toMatchObject({
      origin: 'group WorkSpaces-Dev (workspaces[0])',
      tags: { team: 'dev' },
      declaresTags: true,
      properties: { userName: 'alice', group: 'WorkSpaces-Dev', bundle: { id: 'wsb-stdwin0001' } },
    });
  });

  it('refuses a user who gets the same desktop from a list and from a group', () => {
    const desired = loaded(spec('{fromGroup: WorkSpaces-Dev}', '  - users: [alice]\n    directory: corp\n    bundle: wsb-stdwin0001\n'));
    expect(() => expandUserSources(desired, new Map([[0, ['alice']]]))).toThrow(
      expect.objectContaining({
        code: 'SPEC_DUPLICATE_WORKSPACE',
        message: expect.stringContaining('workspace/d-1234567890/alice comes from the spec (line 14) and from group WorkSpaces-Dev (workspaces[0])'),
      }),
    );
  });

  it('keeps a file template pending until the engine reads the file', () => {
    const desired = loaded(spec('{fromFile: people.csv, column: login}'));
    expect(desired.pendingUsers![0].source).toEqual({ type: 'file', file: 'people.csv', column: 'login' });
    expect(expandUserSources(desired, new Map([[0, ['x1']]])).resources.find((r) => r.kind === 'workspace')?.origin).toBe('file people.csv (workspaces[0])');
  });

  it('turns a DN into a tag value WorkSpaces accepts (no commas; 255 characters at most)', () => {
    expect(groupTagValue('CN=R&D (Berlin), OU=Groups,DC=corp')).toBe('CN=R_D _Berlin_/OU=Groups/DC=corp');
    expect(groupTagValue(`CN=${'x'.repeat(300)}`)).toHaveLength(255);
  });
});
