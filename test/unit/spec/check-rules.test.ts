/**
 * The API rules at their boundaries: what the bad corpus rejects just past the limit is accepted at it.
 * (Each rejection has its own file in test/fixtures/specs/bad.)
 */
import { describe, expect, it } from 'vitest';
import { loadSpecText } from '../../../src/spec/load-spec.js';

const HEADER = `apiVersion: wsr/v1
kind: Environment
metadata: {name: t, account: "123456789012", region: us-east-1}
`;

function codesOf(body: string): string[] {
  return loadSpecText(HEADER + body, 'spec.yaml').diagnostics.map((d) => d.code);
}

const workspace = (fields: string) => `workspaces:\n  - {users: [alice], directory: d-1234567890, bundle: wsb-stdwin0001, ${fields}}\n`;

describe('accepted at the limit', () => {
  it.each([
    ['root 80 with user 10', 'rootVolumeGib: 80, userVolumeGib: 10'],
    ['root 80 with user 100', 'rootVolumeGib: 80, userVolumeGib: 100'],
    ['root 175 with user 100', 'rootVolumeGib: 175, userVolumeGib: 100'],
    ['GPU types at 100/100', 'computeType: GRAPHICS_G4DN, rootVolumeGib: 100, userVolumeGib: 100'],
    ['only one volume given', 'userVolumeGib: 100'],
    ['auto-stop after two hours', 'runningMode: AUTO_STOP, autoStopTimeoutMinutes: 120'],
    ['ALWAYS_ON kept running', 'runningMode: ALWAYS_ON, state: running'],
    ['50 tags', `tags: {${Array.from({ length: 50 }, (_, i) => `t${i}: v`).join(', ')}}`],
    ['a tag value that starts with aws:', 'tags: {source: "aws:marketplace"}'],
  ])('%s', (_name, fields) => {
    expect(codesOf(workspace(fields))).toEqual([]);
  });

  it('10 rules in an IP group', () => {
    const rules = Array.from({ length: 10 }, (_, i) => `{cidr: 10.0.${i}.0/24}`).join(', ');
    expect(codesOf(`ipGroups: {office: {rules: [${rules}]}}\n`)).toEqual([]);
  });

  it('25 IP groups on a directory', () => {
    const groups = Array.from({ length: 25 }, (_, i) => `wsipg-${String(i).padStart(8, '0')}`).join(', ');
    expect(codesOf(`directories: {corp: {id: d-1234567890, ipGroups: [${groups}]}}\n`)).toEqual([]);
  });

  it('one Connect add-in on each of two directories', () => {
    expect(
      codesOf(`connectClientAddIns:
  - {directory: d-1234567890, name: a, url: https://a.example.com}
  - {directory: d-1234567891, name: b, url: https://b.example.com}
`),
    ).toEqual([]);
  });

  it('protect takes kinds, plural kinds and keys', () => {
    expect(codesOf('policy: {protect: [image, images, directories, bundle/golden, connectionAliases]}\n')).toEqual([]);
  });

  it('the same user in two directories is two workspaces', () => {
    expect(
      codesOf(`workspaces:
  - {users: [alice], directory: d-1234567890, bundle: wsb-stdwin0001}
  - {users: [alice], directory: d-1234567891, bundle: wsb-stdwin0001}
`),
    ).toEqual([]);
  });

  it('the same user twice in one directory with different workspace names', () => {
    expect(
      codesOf(`workspaces:
  - {users: [alice], workspaceName: alice-win, directory: d-1234567890, bundle: wsb-stdwin0001}
  - {users: [alice], workspaceName: alice-linux, directory: d-1234567890, bundle: wsb-stdlnx0001}
`),
    ).toEqual([]);
  });
});

describe('every error of a file at once', () => {
  it('reports each independent rule violation, in file order', () => {
    const codes = codesOf(`policy: {protect: [imagez]}
ipGroups: {office: {rules: []}}
directories: {corp: {id: d-1234567890, ipGroups: [ofice]}}
workspaces:
  - {users: [alice], directory: corp, bundle: wsb-stdwin0001, rootVolumeGib: 80, userVolumeGib: 20}
  - {users: [alice], directory: corp, bundle: wsb-stdwin0001}
`);
    expect(codes).toEqual(['SPEC_POLICY_PROTECT', 'SPEC_UNKNOWN_REF', 'SPEC_VOLUME_COMBO', 'SPEC_DUPLICATE_WORKSPACE']);
  });
});
