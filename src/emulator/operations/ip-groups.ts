/** IP access control groups and their rules (≤ 10 per group, ≤ 100 groups). */
import { alreadyExists, associated, invalidParameter, limitExceeded } from '../errors.js';
import { ID_FORMAT, newId } from '../ids.js';
import { pageOf } from '../pagination.js';
import type { Json, Rec } from '../store.js';
import { limitOf, requireRec, tagOnCreate, type Context, type Handlers } from './context.js';

const requireGroup = (ctx: Context, id: string): Rec => requireRec(ctx, 'ipGroups', id, 'IP access control group');

function checkRuleCount(ctx: Context, rules: Json[]): void {
  if (rules.length > ctx.store.quotas.rulesPerIpGroup)
    throw limitExceeded(`An IP access control group can have at most ${ctx.store.quotas.rulesPerIpGroup} rules.`);
}

/**
 * An IPv4 range in CIDR notation ("The IP address range, in CIDR notation", API reference IpRuleItem):
 * four octets 0–255 and a prefix 0–32. A bare address is refused (emulator choice: the API asks for
 * CIDR notation; wsr sends a single address as /32). Host bits under the prefix are accepted.
 */
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function isIpv4Cidr(text: unknown): boolean {
  const match = typeof text === 'string' ? CIDR.exec(text) : null;
  if (!match) return false;
  const octets = match.slice(1, 5).map(Number);
  return octets.every((octet) => octet <= 255) && Number(match[5]) <= 32;
}

function ruleOf(rule: Json): Json {
  if (!isIpv4Cidr(rule.ipRule))
    throw invalidParameter(`The IP rule ${JSON.stringify(rule.ipRule)} is not an IPv4 range in CIDR notation (e.g. 198.51.100.0/24).`);
  return { ipRule: rule.ipRule, ...(rule.ruleDesc !== undefined ? { ruleDesc: rule.ruleDesc } : {}) };
}

function createIpGroup(input: Json, ctx: Context): Json {
  const { store } = ctx;
  if (store.maps.ipGroups.size >= store.quotas.ipGroups) throw limitExceeded(`At most ${store.quotas.ipGroups} IP access control groups per Region.`);
  if ([...store.maps.ipGroups.values()].some((g) => g.data.groupName === input.GroupName))
    throw alreadyExists(`An IP access control group named ${input.GroupName} already exists.`);
  const rules = ((input.UserRules ?? []) as Json[]).map(ruleOf);
  checkRuleCount(ctx, rules);
  const id = newId(ID_FORMAT.ipGroup[0], ID_FORMAT.ipGroup[1], (c) => store.maps.ipGroups.has(c));
  tagOnCreate(ctx, id, input.Tags);
  store.maps.ipGroups.set(id, {
    seq: store.nextSeq(),
    data: { groupId: id, groupName: input.GroupName, ...(input.GroupDesc !== undefined ? { groupDesc: input.GroupDesc } : {}), userRules: rules },
  });
  return { GroupId: id };
}

function deleteIpGroup(input: Json, ctx: Context): Json {
  requireGroup(ctx, input.GroupId);
  const user = [...ctx.store.maps.directories.values()].find((d) => d.data.ipGroupIds.includes(input.GroupId));
  if (user) throw associated(`IP access control group ${input.GroupId} is associated with directory ${user.data.DirectoryId}.`);
  ctx.store.remove('ipGroups', input.GroupId);
  return {};
}

function describeIpGroups(input: Json, ctx: Context): Json {
  let recs = [...ctx.store.maps.ipGroups.values()];
  if (input.GroupIds) recs = recs.filter((r) => input.GroupIds.includes(r.data.groupId));
  const page = pageOf('DescribeIpGroups', recs, input.NextToken, limitOf(ctx, input, 'MaxResults'));
  return { Result: page.items.map((r) => r.data), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

function authorizeIpRules(input: Json, ctx: Context): Json {
  const rec = requireGroup(ctx, input.GroupId);
  const byCidr = new Map<string, Json>(rec.data.userRules.map((r: Json) => [r.ipRule, r]));
  const added = (input.UserRules as Json[]).map(ruleOf); // all checked before any is added
  for (const rule of added) byCidr.set(rule.ipRule, rule);
  const rules = [...byCidr.values()];
  checkRuleCount(ctx, rules);
  rec.data.userRules = rules;
  return {};
}

function revokeIpRules(input: Json, ctx: Context): Json {
  const rec = requireGroup(ctx, input.GroupId);
  rec.data.userRules = rec.data.userRules.filter((r: Json) => !input.UserRules.includes(r.ipRule));
  return {};
}

function updateRulesOfIpGroup(input: Json, ctx: Context): Json {
  const rec = requireGroup(ctx, input.GroupId);
  const rules = (input.UserRules as Json[]).map(ruleOf);
  checkRuleCount(ctx, rules);
  rec.data.userRules = rules;
  return {};
}

export const ipGroupHandlers: Handlers = {
  CreateIpGroup: createIpGroup,
  DeleteIpGroup: deleteIpGroup,
  DescribeIpGroups: describeIpGroups,
  AuthorizeIpRules: authorizeIpRules,
  RevokeIpRules: revokeIpRules,
  UpdateRulesOfIpGroup: updateRulesOfIpGroup,
};
