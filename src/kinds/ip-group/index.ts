/** The ipGroup kind: IP access control groups and their rules. */
import type { KindDefinition } from '../kind.js';
import { diffIpGroup } from './diff.js';
import { readIpGroups } from './read.js';
import { ipGroupSteps, ipGroupWarnings } from './rules.js';

export const ipGroupKind: KindDefinition = {
  kind: 'ipGroup',
  order: 10,
  description: 'IP access control groups (wsipg-…) and their rules',
  read: readIpGroups,
  diff: diffIpGroup,
  steps: ipGroupSteps,
  warnings: ipGroupWarnings,
  idsFromOutput(step, output) {
    return typeof output.GroupId === 'string' ? { [step.key]: output.GroupId } : {};
  },
};
