/** A binary min-heap of `(key, value)` pairs ordered by numeric key. */
export class MinHeap<V> {
  #keys: number[] = [];
  #values: V[] = [];

  get size(): number {
    return this.#keys.length;
  }

  push(key: number, value: V): void {
    const keys = this.#keys;
    const values = this.#values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((keys[parent] as number) <= key) break;
      keys[i] = keys[parent] as number;
      values[i] = values[parent] as V;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  peekKey(): number | undefined {
    return this.#keys[0];
  }

  pop(): { key: number; value: V } | undefined {
    const keys = this.#keys;
    const values = this.#values;
    if (keys.length === 0) return undefined;
    const top = { key: keys[0] as number, value: values[0] as V };
    const lastKey = keys.pop() as number;
    const lastValue = values.pop() as V;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (keys[r] as number) < (keys[l] as number) ? r : l;
        if ((keys[c] as number) >= lastKey) break;
        keys[i] = keys[c] as number;
        values[i] = values[c] as V;
        i = c;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }

  clear(): void {
    this.#keys = [];
    this.#values = [];
  }
}
