/**
 * Reads every page of a NextToken-paginated Describe call through the ApiPort.
 * A missing page is never read as "nothing there": any error propagates and aborts the read.
 */
import type { ApiPort } from './kind.js';

export async function readPages(
  port: ApiPort,
  operation: string,
  input: Record<string, unknown>,
  listMember: string,
): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let nextToken: string | undefined;
  do {
    const output = await port.call(operation, nextToken === undefined ? { ...input } : { ...input, NextToken: nextToken });
    const page = output[listMember];
    if (Array.isArray(page)) items.push(...page);
    nextToken = typeof output.NextToken === 'string' && output.NextToken !== '' ? output.NextToken : undefined;
  } while (nextToken !== undefined);
  return items;
}
