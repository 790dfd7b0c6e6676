/** The ipGroup kind: IP access control groups and their rules. */
import type { IpGroupProperties } from './properties.js';
import type { KindDefinition } from '../kind.js';
import { destroysMember } from '../destroying-call.js';
import { ipGroupExport } from './export.js';
import { ipGroupSpec } from './spec.js';
import { diffIpGroup } from './diff.js';
import { readIpGroups } from './read.js';
import { ipGroupSteps, unchangeableDescriptionWarnings } from './rules.js';

export const ipGroupKind: KindDefinition<IpGroupProperties> = {
  kind: 'ipGroup',
  spec: ipGroupSpec,
  description: 'IP access control groups (wsipg-…) and their rules',
  destroyingCalls: { DeleteIpGroup: destroysMember('GroupId') },
  tagging: { resourceType: 'workspaceipgroup', idPrefixes: ['wsipg-'] },
  export: ipGroupExport,
  read: readIpGroups,
  diff: diffIpGroup,
  steps: ipGroupSteps,
  readWith: ['directory'],
  healthWarnings: unchangeableDescriptionWarnings,
  idsFromOutput(step, output) {
    return typeof output.GroupId === 'string' ? { [step.key]: output.GroupId } : {};
  },
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    ipGroup: IpGroupProperties;
  }
}
