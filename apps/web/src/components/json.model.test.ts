import { describe, expect, it } from 'vitest';
import { buildJsonTree, DEFAULT_LIMITS, UNLIMITED } from './json.model';

describe('buildJsonTree', () => {
  it('keeps markup as plain string text', () => {
    const { node, truncated } = buildJsonTree({ html: '<img src=x onerror=alert(1)>' }, DEFAULT_LIMITS);
    expect(truncated).toBe(false);
    expect(node).toEqual({
      kind: 'object',
      total: 1,
      entries: [['html', { kind: 'scalar', type: 'string', text: '"<img src=x onerror=alert(1)>"' }]],
    });
  });

  it('cuts long strings and long arrays and says so', () => {
    const limits = { ...DEFAULT_LIMITS, maxString: 5, maxItems: 2 };
    const { node, truncated } = buildJsonTree(['abcdefgh', 2, 3, 4], limits);
    expect(truncated).toBe(true);
    if (node.kind !== 'array') throw new Error('expected array');
    expect(node.total).toBe(4);
    expect(node.items[0]).toEqual({ kind: 'scalar', type: 'string', text: '"abcde…" (+3 chars)' });
    expect(node.items[2]).toEqual({ kind: 'truncated', omitted: 2 });
  });

  it('shows everything when unlimited', () => {
    const big = Array.from({ length: 500 }, (_, i) => i);
    const { node, truncated } = buildJsonTree(big, UNLIMITED);
    expect(truncated).toBe(false);
    expect(node.kind === 'array' && node.items.length).toBe(500);
  });

  it('stops at the depth limit', () => {
    const deep = { a: { b: { c: 1 } } };
    const { node, truncated } = buildJsonTree(deep, { ...DEFAULT_LIMITS, maxDepth: 2 });
    expect(truncated).toBe(true);
    expect(JSON.stringify(node)).toContain('"kind":"truncated"');
  });
});

describe('redacted values', () => {
  it('become their own scalar type, never cut', () => {
    const { node } = buildJsonTree({ password: '[redacted]', user: 'ann' }, DEFAULT_LIMITS);
    expect(node).toEqual({
      kind: 'object',
      total: 2,
      entries: [
        ['password', { kind: 'scalar', text: '[redacted]', type: 'redacted' }],
        ['user', { kind: 'scalar', text: '"ann"', type: 'string' }],
      ],
    });
  });
});
