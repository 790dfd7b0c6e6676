/**
 * The ApiPort the reader hands to the kinds. It lets only read operations through
 * (Describe*, List*, Get*), so a plan can never mutate the account whatever a kind's read
 * recipe does, and it stops a paginated read that would go round in circles (a NextToken or
 * PaginationToken sent twice for the same query), which would otherwise never end or double-count resources.
 */
import type { ApiPort } from '../model/api-port.js';
import type { OperationInput, OperationName, OperationOutput } from '../model/api-operations.js';
import { WsrError } from '../errors.js';

const READ_PREFIXES = ['Describe', 'List', 'Get'];

export function isReadOperation(operation: string): boolean {
  return READ_PREFIXES.some((prefix) => operation.startsWith(prefix));
}

export class ReadOnlyPort implements ApiPort {
  private readonly counts: Record<string, number> = {};
  private readonly tokensSeen = new Map<string, Set<string>>();

  constructor(
    private readonly inner: ApiPort,
    /** Aborts the read between calls (daemon shutdown): no new call starts once it fires. */
    private readonly signal?: AbortSignal,
  ) {}

  /** Commands sent through this port, by operation. */
  calls(): Record<string, number> {
    return { ...this.counts };
  }

  async call<O extends OperationName>(operation: O, input: OperationInput<O>): Promise<OperationOutput<O>> {
    if (!isReadOperation(operation)) {
      throw new WsrError('INTERNAL_MUTATION_IN_READ', `the reader refused ${operation}: reading live state never calls a mutating operation`);
    }
    if (this.signal?.aborted) {
      throw new WsrError('READ_ABORTED', `the read was aborted before ${operation}; live state is incomplete and nothing was planned`);
    }
    this.guardAgainstPaginationLoop(operation, input as Readonly<Record<string, unknown>>);
    this.counts[operation] = (this.counts[operation] ?? 0) + 1;
    return this.inner.call(operation, input);
  }

  private guardAgainstPaginationLoop(operation: OperationName, input: Readonly<Record<string, unknown>>): void {
    // WorkSpaces pages with NextToken, the tagging API's GetResources with PaginationToken
    const token = input.NextToken ?? input.PaginationToken;
    if (typeof token !== 'string' || token === '') return;
    const { NextToken: _next, PaginationToken: _pagination, ...query } = input;
    const queryKey = `${operation} ${JSON.stringify(query)}`;
    const seen = this.tokensSeen.get(queryKey) ?? new Set<string>();
    if (seen.has(token)) {
      throw new WsrError(
        'READ_INCOMPLETE',
        `${operation} returned a NextToken it had already returned for the same query; the read was aborted rather than trusted`,
        {
          source: 'aws',
        },
      );
    }
    seen.add(token);
    this.tokensSeen.set(queryKey, seen);
  }
}
