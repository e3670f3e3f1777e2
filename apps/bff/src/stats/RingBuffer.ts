/** Fixed-capacity FIFO: pushing beyond capacity drops the oldest item. O(1) push, ordered iteration. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const index = (this.start + this.count) % this.capacity;
    this.items[index] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Item by age: 0 is the oldest kept. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.items[(this.start + index) % this.capacity];
  }

  last(): T | undefined {
    return this.at(this.count - 1);
  }

  /** Replaces the newest item (e.g. to update an open aggregation bucket). */
  replaceLast(item: T): void {
    if (this.count === 0) throw new RangeError('buffer is empty');
    this.items[(this.start + this.count - 1) % this.capacity] = item;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }

  /**
   * Index of the first item for which `isAtOrAfter` holds, assuming items are sorted so the predicate is
   * false then true (binary search). Returns `size` when none.
   */
  lowerBound(isAtOrAfter: (item: T) => boolean): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (isAtOrAfter(this.items[(this.start + mid) % this.capacity] as T)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
