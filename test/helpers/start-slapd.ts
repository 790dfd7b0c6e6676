/**
 * A real OpenLDAP server for the directory-group tests: `slapd` from the Debian package, started
 * on 127.0.0.1 on a free port with a throw-away config and database, loaded with an AD-like tree
 * (users with sAMAccountName and userAccountControl, groups with `member`, nested groups).
 * slapd has no AD matching rule (LDAP_MATCHING_RULE_IN_CHAIN), so wsr walks nested groups itself.
 *
 * `.ci/run` installs slapd with apt-get when it is missing. Only a machine with neither slapd nor
 * apt-get skips these tests, and never in CI (CI=true).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';

export const SLAPD_BASE_DN = 'DC=corp,DC=example,DC=com';
export const SLAPD_READER_DN = `CN=wsr-reader,OU=Service,${SLAPD_BASE_DN}`;
/** A password that must never show up in any output (the tests grep for it). */
export const SLAPD_READER_PASSWORD = 'Rd-9f3Kq2-never-log-me';
const ADMIN_DN = `CN=admin,${SLAPD_BASE_DN}`;
const ADMIN_PASSWORD = 'admin-secret';

const SLAPD_PATHS = ['/usr/sbin/slapd', '/usr/local/sbin/slapd', '/usr/local/libexec/slapd'];
const SLAPADD_PATHS = ['/usr/sbin/slapadd', '/usr/local/sbin/slapadd'];

/** Just enough of AD's schema, with AD's own OIDs (sAMAccountName, userAccountControl, user, group). */
const AD_SCHEMA = `
attributetype ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
objectclass ( 1.2.840.113556.1.5.9 NAME 'user' SUP inetOrgPerson STRUCTURAL MAY ( sAMAccountName $ userAccountControl ) )
objectclass ( 1.2.840.113556.1.5.8 NAME 'group' SUP top STRUCTURAL MUST cn MAY ( member $ sAMAccountName $ description ) )
`;

export interface AdUser {
  readonly sam: string;
  /** Under OU=Users unless given. */
  readonly ou?: string;
  readonly disabled?: boolean;
}

export interface AdGroup {
  readonly cn: string;
  /** Members: user sAMAccountNames or `group:<cn>` for a nested group. */
  readonly members: readonly string[];
}

export interface AdTree {
  readonly users: readonly AdUser[];
  readonly groups: readonly AdGroup[];
}

export interface TestSlapd {
  readonly url: string;
  readonly port: number;
  userDn(sam: string): string;
  groupDn(cn: string): string;
  /** Removes members (user sAMAccountNames or `group:<cn>`) from a group, as an administrator would. */
  removeMembers(group: string, members: readonly string[]): Promise<void>;
  addMembers(group: string, members: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

/** Why the tests cannot run here, or undefined when slapd is available. Throws when they must run. */
export function slapdUnavailable(): string | undefined {
  if (findExecutable(SLAPD_PATHS) && findExecutable(SLAPADD_PATHS)) return undefined;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (process.env.CI || hasApt) {
    throw new Error('slapd is not installed: `.ci/run` installs it (apt-get install -y slapd); run `apt-get install -y slapd` to run these tests');
  }
  return 'skipped: no slapd and no apt-get on this machine to install it (OpenLDAP server needed for the directory-group tests)';
}

export async function startSlapd(tree: AdTree): Promise<TestSlapd> {
  const slapd = findExecutable(SLAPD_PATHS)!;
  const slapadd = findExecutable(SLAPADD_PATHS)!;
  const home = mkdtempSync(join(tmpdir(), 'wsr-slapd-'));
  mkdirSync(join(home, 'db'));
  writeFileSync(join(home, 'ad.schema'), AD_SCHEMA);
  const config = join(home, 'slapd.conf');
  writeFileSync(config, slapdConfig(home));
  const ldif = join(home, 'tree.ldif');
  writeFileSync(ldif, treeLdif(tree));
  const loaded = spawnSync(slapadd, ['-f', config, '-l', ldif], { encoding: 'utf8' });
  if (loaded.status !== 0) throw new Error(`slapadd failed: ${loaded.stderr}`);
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  // -d 0: stay in the foreground (no fork), so the test owns the process and can stop it
  const child = spawn(slapd, ['-h', `${url}/`, '-f', config, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  await waitForPort(port, child, () => stderr);
  const userDn = (sam: string) => `CN=${sam},OU=${tree.users.find((u) => u.sam === sam)?.ou ?? 'Users'},${SLAPD_BASE_DN}`;
  const groupDn = (cn: string) => `CN=${cn},OU=Groups,${SLAPD_BASE_DN}`;
  const memberDn = (member: string) => (member.startsWith('group:') ? groupDn(member.slice(6)) : userDn(member));
  const modifyMembers = async (group: string, members: readonly string[], operation: 'add' | 'delete') => {
    const admin = new Client({ url });
    try {
      await admin.bind(ADMIN_DN, ADMIN_PASSWORD);
      await admin.modify(groupDn(group), new Change({ operation, modification: new Attribute({ type: 'member', values: members.map(memberDn) }) }));
    } finally {
      await admin.unbind();
    }
  };
  return {
    url,
    port,
    userDn,
    groupDn,
    removeMembers: (group, members) => modifyMembers(group, members, 'delete'),
    addMembers: (group, members) => modifyMembers(group, members, 'add'),
    async stop() {
      await stopProcess(child);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function slapdConfig(home: string): string {
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include ${join(home, 'ad.schema')}
pidfile ${join(home, 'slapd.pid')}
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
suffix "${SLAPD_BASE_DN}"
rootdn "${ADMIN_DN}"
rootpw ${ADMIN_PASSWORD}
directory ${join(home, 'db')}
maxsize 33554432
access to attrs=userPassword by anonymous auth by * none
access to * by users read by * none
`;
}

function treeLdif(tree: AdTree): string {
  const entries: string[] = [`dn: ${SLAPD_BASE_DN}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\no: corp\ndc: corp`];
  const ous = new Set(['Users', 'Groups', 'Service', ...tree.users.map((u) => u.ou ?? 'Users')]);
  for (const ou of ous) entries.push(`dn: OU=${ou},${SLAPD_BASE_DN}\nobjectClass: organizationalUnit\nou: ${ou}`);
  entries.push(`dn: ${SLAPD_READER_DN}\nobjectClass: inetOrgPerson\ncn: wsr-reader\nsn: reader\nuserPassword: ${SLAPD_READER_PASSWORD}`);
  const userDn = (sam: string) => `CN=${sam},OU=${tree.users.find((u) => u.sam === sam)?.ou ?? 'Users'},${SLAPD_BASE_DN}`;
  const groupDn = (cn: string) => `CN=${cn},OU=Groups,${SLAPD_BASE_DN}`;
  for (const user of tree.users) {
    // 512 = NORMAL_ACCOUNT; 514 = NORMAL_ACCOUNT | ACCOUNTDISABLE (bit 2)
    entries.push(
      `dn: ${userDn(user.sam)}\nobjectClass: user\ncn: ${user.sam}\nsn: ${user.sam}\nsAMAccountName: ${user.sam}\nuserAccountControl: ${user.disabled ? 514 : 512}`,
    );
  }
  for (const group of tree.groups) {
    const members = group.members.map((m) => `member: ${m.startsWith('group:') ? groupDn(m.slice(6)) : userDn(m)}`);
    entries.push([`dn: ${groupDn(group.cn)}`, 'objectClass: group', `cn: ${group.cn}`, `sAMAccountName: ${group.cn}`, ...members].join('\n'));
  }
  return `${entries.join('\n\n')}\n`;
}

function findExecutable(paths: readonly string[]): string | undefined {
  return paths.find((path) => existsSync(path));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}: ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopProcess(child);
  throw new Error(`slapd did not listen on 127.0.0.1:${port} within 15 s: ${stderr()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
