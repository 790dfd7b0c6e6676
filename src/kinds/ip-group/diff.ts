/** IP groups diff at rule level: a rule is identified by its CIDR. */
import { itemPath } from '../../model/field-path.js';
import type { Change, FieldChange } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { IpGroupProperties, IpRule } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { DiffContext } from '../kind.js';
import { tagChanges } from '../tag-changes.js';

export function rulePath(cidr: string): string {
  return itemPath('rules', cidr);
}

export function ruleChanges(desired: readonly IpRule[], live: readonly IpRule[]): FieldChange[] {
  const liveByCidr = new Map(live.map((rule) => [rule.cidr, rule]));
  const desiredByCidr = new Map(desired.map((rule) => [rule.cidr, rule]));
  const changes: FieldChange[] = [];
  for (const rule of desired) {
    const current = liveByCidr.get(rule.cidr);
    if (current === undefined) changes.push({ path: rulePath(rule.cidr), before: undefined, after: rule });
    else if ((current.description ?? '') !== (rule.description ?? '')) changes.push({ path: rulePath(rule.cidr), before: current, after: rule });
  }
  for (const rule of live) {
    if (!desiredByCidr.has(rule.cidr)) changes.push({ path: rulePath(rule.cidr), before: rule, after: undefined });
  }
  return changes;
}

export function diffIpGroup(
  desired: DesiredResource<IpGroupProperties> | undefined,
  live: LiveResource<IpGroupProperties> | undefined,
  _context: DiffContext,
): Change<IpGroupProperties> | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (live === undefined) {
    const properties = desired!.properties;
    return {
      kind: 'ipGroup',
      key: desired!.key,
      action: 'create',
      reason: `IP group ${properties.name} does not exist`,
      fields: ruleChanges(properties.rules, []),
      desired,
    };
  }
  if (desired === undefined) {
    return { kind: 'ipGroup', key: live.key, action: 'delete', reason: `IP group ${live.id} is no longer in the spec`, fields: [], live };
  }
  const want = desired.properties;
  const have = live.properties;
  // the description is fixed at create (no API call changes it): a warning on every plan (rules.ts), not a change
  const fields = [...ruleChanges(want.rules, have.rules), ...tagChanges(desired, live)];
  if (fields.length === 0) return { kind: 'ipGroup', key: desired.key, action: 'noop', reason: 'in sync', fields, desired, live };
  return { kind: 'ipGroup', key: desired.key, action: 'update', reason: `${fields.length} field(s) of IP group ${live.id} differ`, fields, desired, live };
}
