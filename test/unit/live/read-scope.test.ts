/** Which kinds a plan lists (live/read-scope.ts): the spec's, what prune may remove, the targets' closure. */
import { describe, expect, it } from 'vitest';
import { kindsToRead } from '../../../src/live/read-scope.js';
import { aDesiredState, aDirectory, anIpGroup, aWorkspace } from '../../helpers/builders.js';

const names = (kinds: readonly { kind: string }[]) => kinds.map((definition) => definition.kind);

describe('kindsToRead', () => {
  it('prune off: the declared kinds and what they are read with (desktops need their directory)', () => {
    expect(names(kindsToRead(aDesiredState([aWorkspace()], { prune: false })))).toEqual(['directory', 'workspace']);
  });

  it('prune on: an undeclared kind is listed only when this environment owns resources of it', () => {
    const desired = aDesiredState([aDirectory(), aWorkspace()], { prune: true });
    const none = names(kindsToRead(desired, { ownedTypes: new Set() }));
    expect(none).not.toContain('pool');
    expect(none).not.toContain('ipGroup');
    // owned through the directory this environment declares: branding and add-ins may be pruned
    expect(none).toEqual(expect.arrayContaining(['clientBranding', 'connectClientAddIn', 'applicationAssociation']));
    expect(names(kindsToRead(desired, { ownedTypes: new Set(['workspacespool']) }))).toContain('pool');
  });

  it('prune on without an ownership answer (GetResources denied): every tagged kind is listed, as before', () => {
    const listed = names(kindsToRead(aDesiredState([aWorkspace()], { prune: true })));
    expect(listed).toEqual(expect.arrayContaining(['ipGroup', 'directory', 'image', 'bundle', 'workspace', 'pool', 'connectionAlias']));
  });

  it('desktops used in a directory by id: the branding of that directory is not ours to prune, so it is not listed', () => {
    expect(names(kindsToRead(aDesiredState([aWorkspace()], { prune: true }), { ownedTypes: new Set() }))).toEqual([
      'directory',
      'workspace',
      'applicationAssociation',
    ]);
  });

  it('--target: a desktop is read with its directory and what may hold on to it, not the IP groups the spec declares', () => {
    const desired = aDesiredState([anIpGroup(), aDirectory(), aWorkspace()], { prune: true });
    expect(names(kindsToRead(desired, { targets: ['workspace/d-1111111111/alice'], ownedTypes: new Set() }))).toEqual([
      'directory',
      'workspace',
      'applicationAssociation',
    ]);
    // a directory target reads what lives in it (its desktops) and its IP groups' associations
    expect(names(kindsToRead(desired, { targets: ['directory/d-1111111111'], ownedTypes: new Set() }))).toEqual(
      expect.arrayContaining(['ipGroup', 'directory', 'workspace']),
    );
  });
});
