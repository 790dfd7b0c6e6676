/** IP groups as spec entries for `wsr export`: `ipGroups.<name>` with description and rules sorted by CIDR. */
import type { IpGroupProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { SpecIpGroup } from './spec.js';
import { compact, compareText, nonEmptyMap, withTags } from '../export-entry.js';
import type { KindExport } from '../kind.js';

/** CreateIpGroup's GroupName is 1–255 characters (API model). */
const MAX_NAME_LENGTH = 255;

export const ipGroupExport: KindExport<IpGroupProperties> = {
  readFor: 'everything',
  inScope: (group, scope) => scope.everything || scope.isUsed(group.id!),
  cannotExport(group) {
    const name = props(group).name ?? '';
    return name === '' || name.length > MAX_NAME_LENGTH ? 'IP group name cannot be written in a spec' : undefined;
  },
  names: (adopted) => new Map(adopted.map((group) => [group.id!, props(group).name])),
  toSpec: (adopted) => ({ ipGroups: nonEmptyMap(adopted.map((group) => [props(group).name, ipGroupEntry(group)])) }),
};

function ipGroupEntry(group: LiveResource<IpGroupProperties>): SpecIpGroup {
  const p = props(group);
  return withTags(
    compact({
      description: p.description,
      rules:
        p.rules.length > 0
          ? [...p.rules].sort((a, b) => compareText(a.cidr, b.cidr)).map((rule) => compact({ cidr: rule.cidr, description: rule.description }))
          : undefined,
    }),
    group,
  );
}

function props(group: LiveResource<IpGroupProperties>): IpGroupProperties {
  return group.properties;
}
