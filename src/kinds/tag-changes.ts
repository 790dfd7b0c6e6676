/**
 * Tags of every taggable kind: compared only when the spec declares tags and live tags were
 * read. `wsr:` tags are wsr's own (ownership, request tokens) and `aws:` tags are AWS's: never diffed.
 */
import { tagKeyOf, tagPath } from '../model/field-path.js';
import type { FieldChange } from '../model/change.js';
import type { DesiredResource, Tags } from '../model/desired.js';
import type { LiveResource } from '../model/live.js';
import { OWNERSHIP_TAG_KEY } from '../model/keys.js';
import type { IdRef, PlanStep } from '../model/plan-step.js';
import type { StepBuilder } from './step-builder.js';

/** `wsr:` tags are wsr's own records (ownership, group, grace period, request tokens, rollout marks), `aws:` AWS's. */
function isManagedTagKey(key: string): boolean {
  return !key.startsWith('wsr:') && !key.startsWith('aws:');
}

export function tagChanges(desired: DesiredResource, live: LiveResource): FieldChange[] {
  if (!desired.declaresTags || live.tags === undefined) return [];
  const changes: FieldChange[] = [];
  const liveTags = live.tags;
  for (const key of Object.keys(desired.tags).sort()) {
    if (liveTags[key] !== desired.tags[key]) changes.push({ path: tagPath(key), before: liveTags[key], after: desired.tags[key] });
  }
  for (const key of Object.keys(liveTags).sort()) {
    if (isManagedTagKey(key) && !(key in desired.tags)) changes.push({ path: tagPath(key), before: liveTags[key], after: undefined });
  }
  return changes;
}

/** Tags a create call carries: the ownership tag plus the declared ones, as the API's Tag list. */
export function creationTags(environmentName: string, tags: Tags): { Key: string; Value: string }[] {
  const all: Record<string, string> = { ...tags, [OWNERSHIP_TAG_KEY]: environmentName };
  return Object.keys(all)
    .sort()
    .map((key) => ({ Key: key, Value: all[key] }));
}

/** CreateTags for set/changed keys, DeleteTags for removed ones (one resource id per call). */
export function tagSteps(builder: StepBuilder, fields: readonly FieldChange[], resourceId: string | IdRef, dependsOn: readonly string[]): PlanStep[] {
  const tagFields = fields.flatMap((field) => {
    const key = tagKeyOf(field.path);
    return key === undefined ? [] : [{ key, after: field.after }];
  });
  const upserts = tagFields.filter((field) => field.after !== undefined);
  const removals = tagFields.filter((field) => field.after === undefined);
  const steps: PlanStep[] = [];
  if (upserts.length > 0) {
    steps.push(
      builder.step({
        operation: 'CreateTags',
        action: 'update',
        input: { ResourceId: resourceId, Tags: upserts.map((field) => ({ Key: field.key, Value: field.after as string })) },
        dependsOn,
        reason: `tags ${upserts.map((field) => field.key).join(', ')} set as the spec declares`,
      }),
    );
  }
  if (removals.length > 0) {
    steps.push(
      builder.step({
        operation: 'DeleteTags',
        action: 'update',
        input: { ResourceId: resourceId, TagKeys: removals.map((field) => field.key) },
        dependsOn,
        reason: `tags ${removals.map((field) => field.key).join(', ')} not in the spec`,
      }),
    );
  }
  return steps;
}
