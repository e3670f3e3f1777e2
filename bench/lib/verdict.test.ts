import { describe, expect, it } from 'vitest';
import { formatValue, meets, percentile, withVerdict } from './verdict';

describe('verdict', () => {
  it('judges figures against their targets', () => {
    expect(meets(40_000, { op: '>=', value: 40_000 })).toBe(true);
    expect(meets(39_999, { op: '>=', value: 40_000 })).toBe(false);
    expect(meets(5, { op: '<=', value: 5 })).toBe(true);
    expect(
      withVerdict({ key: 'a', label: 'A', value: 3, unit: 'ms', target: { op: '<=', value: 5 } }).met,
    ).toBe(true);
    expect(withVerdict({ key: 'a', label: 'A', value: 3, unit: 'ms' }).met).toBeUndefined();
    expect(
      withVerdict({ key: 'a', label: 'A', value: Number.NaN, unit: 'ms', target: { op: '<=', value: 5 } })
        .met,
    ).toBeUndefined();
  });

  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('formats values for tables', () => {
    expect(formatValue(41_234.6)).toBe('41,235');
    expect(formatValue(123.4)).toBe('123');
    expect(formatValue(12.345)).toBe('12.3');
    expect(formatValue(1.234)).toBe('1.23');
    expect(formatValue(Number.NaN)).toBe('n/a');
  });
});
