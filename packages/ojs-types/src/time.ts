import { z } from 'zod';

/** RFC 3339 timestamp with a mandatory offset (`Z` or `±hh:mm`); naive timestamps are rejected (JF §4). */
export const rfc3339Schema = z.iso.datetime({
  offset: true,
  error: 'must be an RFC 3339 timestamp with an offset',
});

/**
 * ISO 8601 duration, the pattern of retry.md §14 (plus weeks): `PT1S`, `PT0.5S`, `PT5M`, `P1DT2H`.
 * Only seconds may carry a fraction. `P`/`PT` alone are invalid.
 */
export const ISO_DURATION_PATTERN =
  /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export const isoDurationSchema = z
  .string()
  .regex(ISO_DURATION_PATTERN, { error: 'must be an ISO 8601 duration such as "PT1S" or "PT5M"' });

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Milliseconds of an ISO 8601 duration. Date components use fixed lengths (Y = 365 d, M = 30 d, W = 7 d,
 * D = 24 h); retry.md §4.2 discourages them for exactly this ambiguity. Throws RangeError on bad syntax.
 */
export function parseIsoDuration(value: string): number {
  const m = ISO_DURATION_PATTERN.exec(value);
  if (!m) throw new RangeError(`invalid ISO 8601 duration: ${JSON.stringify(value)}`);
  const n = (part: string | undefined): number => (part === undefined ? 0 : Number.parseFloat(part));
  const ms =
    n(m[1]) * 365 * DAY +
    n(m[2]) * 30 * DAY +
    n(m[3]) * 7 * DAY +
    n(m[4]) * DAY +
    n(m[6]) * HOUR +
    n(m[7]) * MINUTE +
    n(m[8]) * SECOND;
  return Math.round(ms);
}

/** Format milliseconds as an ISO 8601 time duration: 1000 -> "PT1S", 300000 -> "PT5M", 500 -> "PT0.5S". */
export function formatIsoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot format duration of ${ms} ms`);
  let rest = Math.round(ms);
  if (rest === 0) return 'PT0S';
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = rest / SECOND;
  let out = 'P';
  if (days > 0) out += `${days}D`;
  if (hours === 0 && minutes === 0 && seconds === 0) return out;
  out += 'T';
  if (hours > 0) out += `${hours}H`;
  if (minutes > 0) out += `${minutes}M`;
  if (seconds > 0) out += `${Number.parseFloat(seconds.toFixed(3))}S`;
  return out;
}

/** Relative time form `+<ISO duration>` accepted for scheduled_at / expires_at (CT L2-DEL-002, L2-TTL-001). */
export const RELATIVE_TIME_PATTERN = /^\+(P.+)$/;

/**
 * A point in time given as RFC 3339 (with offset) or relative to "now" as `+PT2S`.
 * Resolve it with {@link resolveTimeInput}.
 */
export const timeInputSchema = z.string().check((ctx) => {
  const value = ctx.value;
  const rel = RELATIVE_TIME_PATTERN.exec(value);
  if (rel) {
    if (!ISO_DURATION_PATTERN.test(rel[1] ?? '')) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: 'relative time must be "+" followed by an ISO 8601 duration, e.g. "+PT5S"',
      });
    }
    return;
  }
  if (!rfc3339Schema.safeParse(value).success) {
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: 'must be an RFC 3339 timestamp with an offset or a relative duration such as "+PT5S"',
    });
  }
});

/** Epoch milliseconds of an RFC 3339 timestamp or of a relative `+PT2S` input measured from `nowMs`. */
export function resolveTimeInput(value: string, nowMs: number): number {
  const rel = RELATIVE_TIME_PATTERN.exec(value);
  if (rel) return nowMs + parseIsoDuration(rel[1] ?? '');
  if (!rfc3339Schema.safeParse(value).success) {
    throw new RangeError(`invalid time ${JSON.stringify(value)}: expected RFC 3339 with offset or "+PT…"`);
  }
  return Date.parse(value);
}

/** Wire form of a timestamp: UTC with millisecond precision, e.g. `2026-02-12T10:30:00.000Z` (digest §1.1). */
export function toRfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
