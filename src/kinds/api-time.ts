/** An API timestamp as ISO text: the SDK gives a Date, the raw JSON protocol epoch seconds. */
export function isoTimeOf(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string' && value !== '') return value;
  return undefined;
}
