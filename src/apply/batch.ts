/**
 * Batch coalescing as pure functions: which steps may share one call, the merged input,
 * and how a batch answer (`FailedRequests`, `PendingRequests`) splits back to each step.
 *
 * Which answer item belongs to which request item is the kind's fact (KindDefinition.batchItems:
 * desktops by WorkspaceId, or by DirectoryId + UserName for creates, whose requests have no id yet).
 */
import { KINDS } from '../kinds/index.js';
import type { StepBatch } from '../model/plan-step.js';

export type BatchItem = Readonly<Record<string, unknown>>;

/** Steps may merge when operation, member and every other input member are equal. */
export function batchKeyOf(operation: string, batch: StepBatch, input: Readonly<Record<string, unknown>>): string {
  const rest = Object.keys(input)
    .filter((name) => name !== batch.member)
    .sort()
    .map((name) => [name, input[name]]);
  return `${operation}|${batch.member}|${batch.max}|${stableJson(rest)}`;
}

export function batchItemsOf(batch: StepBatch, input: Readonly<Record<string, unknown>>): BatchItem[] {
  const items = input[batch.member];
  if (!Array.isArray(items)) throw new TypeError(`batch member ${batch.member} is not a list`);
  return items as BatchItem[];
}

/** The input of one call: the shared members of the first step plus the concatenated items. */
export function mergeBatchInput(batch: StepBatch, template: Readonly<Record<string, unknown>>, items: readonly BatchItem[]): Record<string, unknown> {
  if (items.length > batch.max) throw new RangeError(`${items.length} items exceed the batch maximum ${batch.max}`);
  return { ...template, [batch.member]: [...items] };
}

/** Each kind's way of telling its batch items apart (KindDefinition.batchItems). */
const ITEM_IDENTITIES = KINDS.flatMap((definition) => (definition.batchItems ? [definition.batchItems] : []));

/** The identity of a request item or of an answer item (`FailedRequests[n]`, `PendingRequests[n]`). */
export function itemIdentity(item: unknown): string | undefined {
  for (const identities of ITEM_IDENTITIES) {
    const identity = identities.identityOf(item);
    if (identity !== undefined) return identity;
  }
  return undefined;
}

function answerMatches(identity: string, answer: unknown): boolean {
  return ITEM_IDENTITIES.some((identities) => identities.answerIdentities(answer).includes(identity));
}

export interface ItemResult {
  /** The answer members that concern this item (lists filtered to its entries). */
  readonly output: Record<string, unknown>;
  /** Its FailedRequests entry, if the API refused it. */
  readonly failure?: { readonly code: string; readonly message: string };
}

/** Split one batch answer into the part each item owns. Non-list members are shared. */
export function splitBatchOutput(items: readonly BatchItem[], output: Readonly<Record<string, unknown>>): ItemResult[] {
  return items.map((item) => {
    const identity = itemIdentity(item);
    const own: Record<string, unknown> = {};
    for (const [member, value] of Object.entries(output)) {
      own[member] = Array.isArray(value) && identity !== undefined ? value.filter((entry) => answerMatches(identity, entry)) : value;
    }
    const failed = Array.isArray(own.FailedRequests) ? (own.FailedRequests[0] as Record<string, unknown> | undefined) : failedResourceOf(item, output);
    if (!failed) return { output: own };
    return {
      output: own,
      failure: { code: String(failed.ErrorCode ?? 'Unknown'), message: String(failed.ErrorMessage ?? '') },
    };
  });
}

/**
 * The Resource Groups Tagging API answers TagResources with `FailedResourcesMap` {ARN → {ErrorCode,
 * ErrorMessage}} (the ARNs not listed were tagged): an item that is an ARN fails by its entry.
 */
function failedResourceOf(item: BatchItem, output: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const failures = output.FailedResourcesMap;
  if (typeof item !== 'string' || typeof failures !== 'object' || failures === null) return undefined;
  return (failures as Record<string, Record<string, unknown> | undefined>)[item];
}

/** Deterministic JSON (sorted object keys), so equal inputs give equal batch keys. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
