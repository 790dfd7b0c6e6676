/** References to workspaces: an id (ws-…) or `directory/user[/workspaceName]` naming one this spec declares. */
import type { ResourceRef } from '../../model/desired.js';
import { workspaceKey } from '../../model/keys.js';
import type { SpecPath } from '../../spec/source-locator.js';
import { directoryId } from '../directory/ref.js';
import type { ToDesiredContext } from '../kind-spec.js';

export function workspaceRef(context: ToDesiredContext, ref: string, path: SpecPath): ResourceRef {
  if (/^ws-[0-9a-z]{8,63}$/.test(ref)) return { id: ref };
  const [directory, userName, workspaceName, ...rest] = ref.split('/');
  if (!userName || rest.length > 0) {
    context.error('SPEC_UNKNOWN_REF', `"${ref}" is not a workspace reference (use ws-… or directory/user)`, context.locator.value(path));
    return { id: ref };
  }
  const key = workspaceKey(directoryId(context, directory!, path) ?? directory!, userName, workspaceName);
  // workspaces are added by their own kind, possibly after the entry that refers to one
  context.afterAll(() => {
    if (context.isUnresolvable('workspace') || context.isDeclared(key)) return;
    context.error('SPEC_UNKNOWN_REF', `unknown workspace "${ref}" (no workspace for that directory and user in this spec)`, context.locator.value(path));
  });
  return { key };
}
