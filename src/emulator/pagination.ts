/**
 * Opaque NextTokens. A token remembers the sequence number of the last item returned, so a page
 * resumes correctly even when items before it were deleted meanwhile.
 */
import { invalidParameter } from './errors.js';

export function encodeToken(scope: string, lastSeq: number): string {
  return Buffer.from(JSON.stringify({ v: 1, p: scope, s: lastSeq })).toString('base64url');
}

/** The sequence number to resume after (0 without a token). */
export function decodeToken(scope: string, token: unknown): number {
  if (token === undefined || token === null) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as { v?: number; p?: string; s?: number };
    if (parsed.v === 1 && parsed.p === scope && typeof parsed.s === 'number') return parsed.s;
  } catch {
    // fall through: any undecodable token is the caller's mistake
  }
  throw invalidParameter('The NextToken is not valid.');
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** One page of `items` (in creation order, each with a `seq`) after the token's position. */
export function pageOf<T extends { seq: number }>(scope: string, items: Iterable<T>, token: unknown, limit: number): Page<T> {
  const after = decodeToken(scope, token);
  const page: T[] = [];
  for (const item of items) {
    if (item.seq <= after) continue;
    if (page.length === limit) return { items: page, nextToken: encodeToken(scope, page[page.length - 1].seq) };
    page.push(item);
  }
  return { items: page };
}
