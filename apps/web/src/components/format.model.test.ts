import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
  formatRelative,
  shortId,
} from './format.model';

describe('format', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('formats relative times both ways', () => {
    expect(formatRelative('2026-01-01T11:59:48Z', now)).toBe('12 s ago');
    expect(formatRelative('2026-01-01T12:03:00Z', now)).toBe('in 3 min');
    expect(formatRelative('2026-01-01T12:00:00.200Z', now)).toBe('just now');
    expect(formatRelative('2026-01-01T12:00:04Z', now)).toBe('just now');
    expect(formatRelative(undefined, now)).toBe('—');
    expect(formatRelative('garbage', now)).toBe('—');
  });

  it('formats durations compactly', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4200)).toBe('4.2 s');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(formatDuration(2 * 86_400_000)).toBe('2 d');
  });

  it('formats counts, percentages and rates', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(120_000)).toBe('120K');
    expect(formatPercent(0.0004)).toBe('<0.1%');
    expect(formatPercent(0.053)).toBe('5.3%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatRate(0.5)).toBe('0.50/min');
    expect(formatRate(42)).toBe('42/min');
    expect(shortId('019a1234-5678-7abc-8def-0123456789ab')).toBe('019a1234…89ab');
  });
});
