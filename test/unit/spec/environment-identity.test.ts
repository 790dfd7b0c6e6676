import { describe, expect, it } from 'vitest';
import { crossSpecDiagnostics } from '../../../src/spec/environment-identity.js';
import { aDesiredState, aDirectory, aWorkspace } from '../../helpers/builders.js';

function spec(name: string, resources: Parameters<typeof aDesiredState>[0], account = '123456789012') {
  const desired = aDesiredState(resources);
  return { ...desired, environment: { ...desired.environment, name, account } };
}

describe('checks across spec files', () => {
  it('two files with one (name, account, Region) are both refused with ENV_DUPLICATE naming both', () => {
    const codes = crossSpecDiagnostics([
      { file: 'a.yaml', desired: spec('prod', []) },
      { file: 'b.yaml', desired: spec('prod', []) },
    ]);
    expect(codes.map((d) => `${d.location?.file} ${d.code}`)).toEqual(['a.yaml ENV_DUPLICATE', 'b.yaml ENV_DUPLICATE']);
    expect(codes[0]!.summary).toContain('a.yaml and b.yaml both define environment prod');
  });

  it('the same name in another account is another environment', () => {
    expect(
      crossSpecDiagnostics([
        { file: 'a.yaml', desired: spec('prod', []) },
        { file: 'b.yaml', desired: spec('prod', [], '210987654321') },
      ]),
    ).toEqual([]);
  });

  it('SPEC_DIRECTORY_MANAGED_TWICE when two environments declare one directory; a reference by id is fine', () => {
    const owner = { file: 'a.yaml', desired: spec('team-a', [aDirectory(), aWorkspace()]) };
    const twice = crossSpecDiagnostics([owner, { file: 'b.yaml', desired: spec('team-b', [aDirectory()]) }]);
    expect(twice.map((d) => d.code)).toEqual(['SPEC_DIRECTORY_MANAGED_TWICE']);
    expect(twice[0]!.summary).toContain('managed by environment team-a (a.yaml) and by team-b');
    expect(crossSpecDiagnostics([owner, { file: 'c.yaml', desired: spec('team-c', [aWorkspace({ userName: 'bob' })]) }])).toEqual([]);
  });
});
