/**
 * Operations of the Resource Groups Tagging API wsr calls (bulk tag reads; TagResources marks up to 20
 * desktops in one call, e.g. a rollout's `wsr:image`). It is another
 * service than WorkSpaces, with its own request budget, so limiters keep it apart.
 */
const TAGGING_OPERATIONS: ReadonlySet<string> = new Set(['GetResources', 'TagResources']);

export function isTaggingOperation(operation: string): boolean {
  return TAGGING_OPERATIONS.has(operation);
}
