/**
 * Operations of the Resource Groups Tagging API wsr calls (bulk tag reads). It is another
 * service than WorkSpaces, with its own request budget, so limiters keep it apart.
 */
const TAGGING_OPERATIONS: ReadonlySet<string> = new Set(['GetResources']);

export function isTaggingOperation(operation: string): boolean {
  return TAGGING_OPERATIONS.has(operation);
}
