/**
 * Parses an HTTP Retry-After header value (delta-seconds or an HTTP-date) into milliseconds from now.
 * Returns undefined when absent or malformed; never negative.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^[0-9]+$/.test(trimmed)) return Number.parseInt(trimmed, 10) * 1000;
  if (/^[0-9]*\.[0-9]+$/.test(trimmed)) return Math.round(Number.parseFloat(trimmed) * 1000);
  // An HTTP-date always names a month; this keeps Date.parse from reading "-3" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
