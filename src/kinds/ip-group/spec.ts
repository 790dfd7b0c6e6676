/** `ipGroups:` — IP access control groups keyed by group name, and the rule-count quota. */
import type { IpGroupProperties } from './properties.js';
import { ipGroupKey } from '../../model/keys.js';
import { list, mapOf, obj, str, type SchemaType } from '../../spec/schema-builders.js';
import { TAGS } from '../../spec/schema-fragments.js';
import { compact, defineKindSpec, sectionOf } from '../kind-spec.js';
import { toCidrNotation } from './cidr-notation.js';

export const MAX_RULES_PER_IP_GROUP = 10;

const IPV4_CIDR = '^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?$';

const ipGroup = obj('An IP access control group.', {
  description: str('Description of the group.', { maxLength: 255 }),
  rules: list(
    'Allowed source ranges (at most 10).',
    obj(
      'One rule.',
      {
        cidr: str('An IPv4 address (sent as the /32 range) or CIDR range.', { title: 'IPv4 CIDR', pattern: IPV4_CIDR }),
        description: str('What the range is.', { maxLength: 255 }),
      },
      ['cidr'],
    ),
  ),
  tags: TAGS,
});

export type SpecIpGroup = SchemaType<typeof ipGroup>;

const ipGroups = mapOf('IP access control groups, keyed by group name.', ipGroup, { minLength: 1, maxLength: 255 });

export const ipGroupSpec = defineKindSpec({
  section: 'ipGroups',
  schema: ipGroups,
  referredToAs: 'IP group',
  toDesired(groups, context) {
    for (const [name, group] of Object.entries(groups)) {
      const properties: IpGroupProperties = compact({
        name,
        description: group.description,
        rules: (group.rules ?? []).map((rule) => compact({ cidr: toCidrNotation(rule.cidr), description: rule.description })),
      });
      context.add({ kind: 'ipGroup', key: ipGroupKey(name), properties, tags: group.tags ?? {}, path: ['ipGroups', name] });
    }
  },
  checks(spec, report) {
    for (const [name, group] of Object.entries(sectionOf(spec, 'ipGroups', ipGroups) ?? {})) {
      const rules = group.rules ?? [];
      if (rules.length > MAX_RULES_PER_IP_GROUP) {
        report('SPEC_IPGROUP_RULES', `IP group "${name}" has ${rules.length} rules; the API allows ${MAX_RULES_PER_IP_GROUP}`, [
          'ipGroups',
          name,
          'rules',
          MAX_RULES_PER_IP_GROUP,
        ]);
      }
    }
  },
});
