import { describe, expect, it } from 'vitest';
import { JsonBodyMemo } from './JsonBodyMemo';

describe('JsonBodyMemo', () => {
  it('serialises once while the inputs are the same objects, again when one changes', () => {
    const memo = new JsonBodyMemo();
    const a = { n: 1 };
    const b = { n: 2 };
    let builds = 0;
    const build = (x: { n: number }, y: { n: number }) => () => {
      builds++;
      return { sum: x.n + y.n };
    };
    expect(memo.text('k', [a, b], build(a, b))).toBe('{"sum":3}');
    expect(memo.text('k', [a, b], build(a, b))).toBe('{"sum":3}');
    expect(builds).toBe(1);
    const b2 = { n: 5 };
    expect(memo.text('k', [a, b2], build(a, b2))).toBe('{"sum":6}');
    expect(memo.text('k', [a], () => ({ only: a.n }))).toBe('{"only":1}');
    expect(builds).toBe(2);
  });

  it('keeps keys apart and forgets the oldest key beyond its size', () => {
    const memo = new JsonBodyMemo(2);
    const input = {};
    let builds = 0;
    const build = (v: string) => () => {
      builds++;
      return v;
    };
    memo.text('a', [input], build('a'));
    memo.text('b', [input], build('b'));
    memo.text('c', [input], build('c'));
    expect(builds).toBe(3);
    expect(memo.text('c', [input], build('c'))).toBe('"c"');
    expect(memo.text('b', [input], build('b'))).toBe('"b"');
    expect(builds).toBe(3);
    expect(memo.text('a', [input], build('a'))).toBe('"a"');
    expect(builds).toBe(4);
  });
});
