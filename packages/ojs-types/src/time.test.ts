import { describe, expect, it } from 'vitest';
import {
  formatIsoDuration,
  isoDurationSchema,
  parseIsoDuration,
  resolveTimeInput,
  rfc3339Schema,
  timeInputSchema,
  toRfc3339,
} from './time';

describe('ISO 8601 durations', () => {
  it.each([
    ['PT1S', 1000],
    ['PT0.5S', 500],
    ['PT5M', 300000],
    ['PT1H', 3600000],
    ['PT24H', 86400000],
    ['P1D', 86400000],
    ['P1DT2H3M4.25S', 93784250],
    ['P1W', 604800000],
  ])('%s = %d ms', (s, ms) => {
    expect(parseIsoDuration(s)).toBe(ms);
  });
  it.each(['', 'P', 'PT', '1s', 'PT1.5M', 'pt1s', 'PT-1S', '300s', 'P1DT'])('rejects %j', (s) => {
    expect(isoDurationSchema.safeParse(s).success).toBe(false);
    expect(() => parseIsoDuration(s)).toThrow(RangeError);
  });
  it.each([
    [0, 'PT0S'],
    [500, 'PT0.5S'],
    [1000, 'PT1S'],
    [300000, 'PT5M'],
    [3600000, 'PT1H'],
    [3723001, 'PT1H2M3.001S'],
    [86400000, 'P1D'],
  ])('formats %d as %s and parses back', (ms, s) => {
    expect(formatIsoDuration(ms)).toBe(s);
    expect(parseIsoDuration(s)).toBe(ms);
  });
});

describe('time inputs', () => {
  const now = Date.parse('2026-02-12T10:30:00.000Z');
  it('resolves relative "+PT2S" from now', () => {
    expect(resolveTimeInput('+PT2S', now)).toBe(now + 2000);
    expect(resolveTimeInput('+PT1H', now)).toBe(now + 3600000);
    expect(timeInputSchema.safeParse('+PT2S').success).toBe(true);
  });
  it('resolves RFC 3339 with Z or an offset', () => {
    expect(resolveTimeInput('2026-02-12T10:30:05Z', now)).toBe(now + 5000);
    expect(resolveTimeInput('2026-02-12T11:30:00+01:00', now)).toBe(now);
  });
  it.each(['2026-02-12T10:30:00', '+2s', '+', 'tomorrow', '2026-02-12'])('rejects %j', (v) => {
    expect(timeInputSchema.safeParse(v).success).toBe(false);
    expect(() => resolveTimeInput(v, now)).toThrow(RangeError);
  });
  it('rfc3339Schema requires an offset; toRfc3339 emits ms precision UTC', () => {
    expect(rfc3339Schema.safeParse('2026-02-12T10:30:00Z').success).toBe(true);
    expect(rfc3339Schema.safeParse('2026-02-12T10:30:00').success).toBe(false);
    expect(toRfc3339(now)).toBe('2026-02-12T10:30:00.000Z');
  });
});
