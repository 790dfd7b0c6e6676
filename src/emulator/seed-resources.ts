/**
 * Resources a seed says already exist in a scope (one account, one Region) when the emulator
 * starts or is reset: directories registered beforehand (e.g. a WorkSpaces Pools directory, which
 * is registered once by an administrator) and the account's own images (e.g. one a spec adopts by id).
 */
import { directoryRecord } from './operations/directories.js';
import type { ResolvedScope } from './seed.js';
import type { Store } from './store.js';

export function populateScope(store: Store, scope: ResolvedScope, now: number): void {
  for (const directory of scope.directories.filter((d) => d.registered)) {
    const native = directory.id.startsWith('wsd-');
    const input = native
      ? { WorkspaceDirectoryName: directory.name, WorkspaceType: directory.workspaceType, UserIdentityType: 'CUSTOMER_MANAGED' }
      : { DirectoryId: directory.id, WorkspaceType: directory.workspaceType };
    const rec = directoryRecord(store, directory.id, input, directory.subnets, native ? undefined : directory);
    rec.data.State = 'REGISTERED';
    store.maps.directories.set(directory.id, rec);
  }
  for (const image of scope.images) {
    store.maps.images.set(image.id, {
      seq: store.nextSeq(),
      data: {
        ImageId: image.id,
        Name: image.name,
        ...(image.description !== undefined ? { Description: image.description } : {}),
        OperatingSystem: { Type: image.os ?? 'WINDOWS' },
        State: 'AVAILABLE',
        RequiredTenancy: image.tenancy ?? 'DEFAULT',
        Created: Math.floor(now),
        OwnerAccountId: store.account,
        Updates: {
          UpdateAvailable: image.updateAvailable === true,
          ...(image.updateAvailable ? { Description: 'Updated WorkSpaces agent and drivers are available.' } : {}),
        },
      },
      sharedWith: [...(image.sharedWith ?? [])],
    });
  }
}
