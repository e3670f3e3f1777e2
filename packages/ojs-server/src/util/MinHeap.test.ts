import { describe, expect, it } from 'vitest';
import { MinHeap } from './MinHeap';

describe('MinHeap', () => {
  it('pops in key order', () => {
    const heap = new MinHeap<string>();
    const keys = [5, 3, 9, 1, 7, 3, 8, 2, 6, 4, 0];
    keys.forEach((k) => heap.push(k, `v${k}`));
    expect(heap.size).toBe(keys.length);
    expect(heap.peekKey()).toBe(0);
    const out: number[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) {
      expect(e.value).toBe(`v${e.key}`);
      out.push(e.key);
    }
    expect(out).toEqual([...keys].sort((a, b) => a - b));
    expect(heap.pop()).toBeUndefined();
  });
});
