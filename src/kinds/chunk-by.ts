/** Splits a list into chunks of at most `size` (API id lists take ≤ 25). */
export function chunkBy<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
