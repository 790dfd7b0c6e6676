/** IP groups: DescribeIpGroups in pages of 25; skipped when the spec has none and prune is off. */
import type { IpGroupProperties, IpRule } from './properties.js';
import { ipGroupKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ReadContext } from '../kind.js';
import { readPages } from '../read-pages.js';

export function ipGroupToLive(item: Record<string, any>): LiveResource<IpGroupProperties> {
  const rules: IpRule[] = (item.userRules ?? []).map((rule: Record<string, any>) =>
    rule.ruleDesc === undefined || rule.ruleDesc === '' ? { cidr: rule.ipRule } : { cidr: rule.ipRule, description: rule.ruleDesc },
  );
  const properties: IpGroupProperties = {
    name: item.groupName,
    ...(item.groupDesc ? { description: item.groupDesc } : {}),
    rules,
  };
  return { kind: 'ipGroup', key: ipGroupKey(item.groupName), id: item.groupId, properties };
}

export async function readIpGroups(context: ReadContext): Promise<LiveResource<IpGroupProperties>[]> {
  const declared = context.desired.resources.some((resource) => resource.kind === 'ipGroup');
  if (!declared && !context.desired.policy.prune) return [];
  const items = await readPages(context.port, 'DescribeIpGroups', { MaxResults: 25 }, 'Result');
  return items.map(ipGroupToLive);
}
