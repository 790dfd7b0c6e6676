/**
 * A managed directory that reads empty while the spec has desktops in it is more likely a bad
 * read (wrong account, a permissions hole) than a real state: its destructive steps are held.
 */

import { isKind } from '../../model/kind-properties.js';
import type { DesiredState } from '../../model/desired.js';
import type { LiveResource } from '../../model/live.js';
import type { SuspiciousRead } from '../kind.js';

export function suspiciousEmptyDirectories(desired: DesiredState, live: readonly LiveResource[]): SuspiciousRead[] {
  const desiredDesktops = new Map<string, number>();
  for (const resource of desired.resources) {
    if (!isKind(resource, 'workspace')) continue;
    const directoryId = resource.properties.directoryId;
    desiredDesktops.set(directoryId, (desiredDesktops.get(directoryId) ?? 0) + 1);
  }
  const liveDesktops = new Map<string, number>();
  for (const resource of live) {
    if (!isKind(resource, 'workspace')) continue;
    const directoryId = resource.properties.directoryId;
    liveDesktops.set(directoryId, (liveDesktops.get(directoryId) ?? 0) + 1);
  }
  const managed = new Set(desired.resources.filter((resource) => resource.kind === 'directory').map((resource) => resource.key));
  return live
    .filter((resource) => resource.kind === 'directory' && managed.has(resource.key))
    .filter((resource) => (desiredDesktops.get(resource.id!) ?? 0) > 0 && (liveDesktops.get(resource.id!) ?? 0) === 0)
    .map((resource) => ({
      warning: `suspicious: directory ${resource.id} read empty while the spec has ${desiredDesktops.get(resource.id!)} desktop(s) in it; every step inside it is held unless --allow-destroy`,
      keyPrefixes: [resource.key, `workspace/${resource.id}`],
    }));
}
