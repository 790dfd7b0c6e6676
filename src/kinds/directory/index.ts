/** The directory kind: WorkSpaces registration of a directory and all its directory-level properties. */
import type { DirectoryProperties } from './properties.js';
import type { KindDefinition } from '../kind.js';
import { destroysMember } from '../destroying-call.js';
import { directoryExport } from './export.js';
import { directorySpec } from './spec.js';
import { diffDirectory } from './diff.js';
import { readDirectories } from './read.js';
import { directorySteps, directoryWarnings } from './rules.js';
import { suspiciousEmptyDirectories } from './suspicious-read.js';
import { directoryCreateRecovery } from './create-recovery.js';

export const directoryKind: KindDefinition<DirectoryProperties> = {
  kind: 'directory',
  spec: directorySpec,
  description: 'directory registrations (d-…) with their properties and IP group associations',
  destroyingCalls: { DeregisterWorkspaceDirectory: destroysMember('DirectoryId') },
  tagging: { resourceType: 'directory', idPrefixes: ['d-', 'wsd-'] },
  export: directoryExport,
  read: readDirectories,
  diff: diffDirectory,
  steps: directorySteps,
  warnings: directoryWarnings,
  suspiciousReads: suspiciousEmptyDirectories,
  createRecovery: directoryCreateRecovery,
  waiter: {
    operation: 'DescribeWorkspaceDirectories',
    idsMember: 'DirectoryIds',
    max: 25,
    listMember: 'Directories',
    idField: 'DirectoryId',
    stateField: 'State',
  },
  idsFromOutput(step, output) {
    const id = output.DirectoryId ?? step.input.DirectoryId;
    return typeof id === 'string' ? { [step.key]: id } : {};
  },
  liveReferences(live) {
    return (live.properties.ipGroups ?? []).flatMap((ref) => ('id' in ref ? [ref.id] : []));
  },
  desiredReferences(desired) {
    return (desired.properties.ipGroups ?? []).flatMap((ref) => ('key' in ref ? [ref.key] : []));
  },
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    directory: DirectoryProperties;
  }
}
