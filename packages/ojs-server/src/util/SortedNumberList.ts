const MAX_CHUNK = 512;

function lowerBound(arr: readonly number[], value: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A sorted set of numbers stored as a list of sorted chunks (at most 512 values each). Insert, delete and
 * rank are O(log n + chunk), positional access walks the chunk sizes. Appending a value larger than all
 * others (the common case: sequences) is O(1) amortised.
 */
export class SortedNumberList {
  #chunks: number[][] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Index of the chunk that holds (or would hold) `value`. */
  #chunkFor(value: number): number {
    const chunks = this.#chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid] as number[];
      if ((chunk[chunk.length - 1] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(value: number): boolean {
    const chunks = this.#chunks;
    if (chunks.length === 0) {
      chunks.push([value]);
      this.#size = 1;
      return true;
    }
    const last = chunks[chunks.length - 1] as number[];
    if ((last[last.length - 1] as number) < value) {
      if (last.length >= MAX_CHUNK) chunks.push([value]);
      else last.push(value);
      this.#size++;
      return true;
    }
    const ci = this.#chunkFor(value);
    const chunk = chunks[ci] as number[];
    const i = lowerBound(chunk, value);
    if (chunk[i] === value) return false;
    chunk.splice(i, 0, value);
    this.#size++;
    if (chunk.length > MAX_CHUNK * 2) {
      chunks.splice(ci + 1, 0, chunk.splice(MAX_CHUNK));
    }
    return true;
  }

  delete(value: number): boolean {
    const chunks = this.#chunks;
    if (chunks.length === 0) return false;
    const ci = this.#chunkFor(value);
    const chunk = chunks[ci] as number[];
    const i = lowerBound(chunk, value);
    if (chunk[i] !== value) return false;
    chunk.splice(i, 1);
    this.#size--;
    if (chunk.length === 0) chunks.splice(ci, 1);
    return true;
  }

  has(value: number): boolean {
    const chunks = this.#chunks;
    if (chunks.length === 0) return false;
    const chunk = chunks[this.#chunkFor(value)] as number[];
    return chunk[lowerBound(chunk, value)] === value;
  }

  /** Number of values strictly smaller than `value`. */
  rank(value: number): number {
    const chunks = this.#chunks;
    if (chunks.length === 0) return 0;
    const ci = this.#chunkFor(value);
    let r = 0;
    for (let k = 0; k < ci; k++) r += (chunks[k] as number[]).length;
    return r + lowerBound(chunks[ci] as number[], value);
  }

  /** Value at sorted position `index` (0-based), or undefined. */
  at(index: number): number | undefined {
    if (index < 0 || index >= this.#size) return undefined;
    let rest = index;
    for (const chunk of this.#chunks) {
      if (rest < chunk.length) return chunk[rest];
      rest -= chunk.length;
    }
    return undefined;
  }

  /** Values from position `start` upward (ascending). */
  *ascendingFrom(start: number): Generator<number> {
    if (start >= this.#size) return;
    let rest = Math.max(0, start);
    for (const chunk of this.#chunks) {
      if (rest >= chunk.length) {
        rest -= chunk.length;
        continue;
      }
      for (let i = rest; i < chunk.length; i++) yield chunk[i] as number;
      rest = 0;
    }
  }

  /** Values from position `start` downward (descending). */
  *descendingFrom(start: number): Generator<number> {
    if (start < 0) return;
    const pos = Math.min(start, this.#size - 1);
    const chunks = this.#chunks;
    // locate the chunk of `pos`
    let ci = 0;
    let rest = pos;
    while (ci < chunks.length && rest >= (chunks[ci] as number[]).length) {
      rest -= (chunks[ci] as number[]).length;
      ci++;
    }
    for (; ci >= 0; ci--) {
      const chunk = chunks[ci] as number[];
      for (let i = rest; i >= 0; i--) yield chunk[i] as number;
      if (ci > 0) rest = (chunks[ci - 1] as number[]).length - 1;
    }
  }

  first(): number | undefined {
    return this.#chunks[0]?.[0];
  }

  last(): number | undefined {
    const chunk = this.#chunks[this.#chunks.length - 1];
    return chunk?.[chunk.length - 1];
  }

  clear(): void {
    this.#chunks = [];
    this.#size = 0;
  }
}
