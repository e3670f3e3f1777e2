import { describe, expect, it } from 'vitest';
import { SortedNumberList } from './SortedNumberList';

function reference(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

describe('SortedNumberList', () => {
  it('keeps values sorted and unique under random inserts and deletes', () => {
    const list = new SortedNumberList();
    const ref = new Set<number>();
    let seed = 42;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 20_000; i++) {
      const v = rnd() % 5000;
      if (rnd() % 3 === 0) {
        expect(list.delete(v)).toBe(ref.delete(v));
      } else {
        expect(list.add(v)).toBe(!ref.has(v));
        ref.add(v);
      }
    }
    const sorted = reference([...ref]);
    expect(list.size).toBe(sorted.length);
    expect([...list.ascendingFrom(0)]).toEqual(sorted);
    expect([...list.descendingFrom(list.size - 1)]).toEqual([...sorted].reverse());
    for (let i = 0; i < sorted.length; i += 97) {
      expect(list.at(i)).toBe(sorted[i]);
      expect(list.rank(sorted[i] as number)).toBe(i);
      expect(list.has(sorted[i] as number)).toBe(true);
    }
    expect(list.first()).toBe(sorted[0]);
    expect(list.last()).toBe(sorted[sorted.length - 1]);
  });

  it('appends increasing values in order and iterates from any position', () => {
    const list = new SortedNumberList();
    for (let i = 1; i <= 3000; i++) list.add(i * 2);
    expect(list.size).toBe(3000);
    expect([...list.ascendingFrom(2998)]).toEqual([5998, 6000]);
    expect([...list.descendingFrom(1)]).toEqual([4, 2]);
    expect(list.rank(7)).toBe(3);
    expect(list.at(3000)).toBeUndefined();
    expect([...list.ascendingFrom(5000)]).toEqual([]);
    expect([...list.descendingFrom(-1)]).toEqual([]);
  });
});
