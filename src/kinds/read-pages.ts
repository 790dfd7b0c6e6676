/**
 * Reads every page of a NextToken-paginated Describe call through the ApiPort.
 * A missing page is never read as "nothing there": any error propagates and aborts the read.
 */
import type { OperationInput, OperationName, OperationOutput } from '../model/api-operations.js';
import type { ApiPort } from '../model/api-port.js';

/** Operations that page with NextToken. */
export type PagedOperation = { [O in OperationName]: 'NextToken' extends keyof OperationInput<O> ? O : never }[OperationName];

/** Output members of `O` that hold a list (`Workspaces` of DescribeWorkspaces). */
export type ListMember<O extends OperationName> = {
  [Member in keyof OperationOutput<O>]-?: NonNullable<OperationOutput<O>[Member]> extends readonly unknown[] ? Member : never;
}[keyof OperationOutput<O>];

/** One item of the list member `M` of `O`'s output. */
export type ListItem<O extends OperationName, M extends ListMember<O>> = NonNullable<OperationOutput<O>[M]> extends readonly (infer Item)[] ? Item : never;

export async function readPages<O extends PagedOperation, M extends ListMember<O>>(
  port: ApiPort,
  operation: O,
  input: Omit<OperationInput<O>, 'NextToken'>,
  listMember: M,
): Promise<ListItem<O, M>[]> {
  const items: ListItem<O, M>[] = [];
  let nextToken: string | undefined;
  do {
    const pageInput = (nextToken === undefined ? { ...input } : { ...input, NextToken: nextToken }) as OperationInput<O>;
    const output = (await port.call(operation, pageInput)) as Partial<Record<string, unknown>>;
    const page = output[listMember as string];
    if (Array.isArray(page)) items.push(...(page as ListItem<O, M>[]));
    nextToken = typeof output.NextToken === 'string' && output.NextToken !== '' ? output.NextToken : undefined;
  } while (nextToken !== undefined);
  return items;
}
