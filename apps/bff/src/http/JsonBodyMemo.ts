/**
 * Response bodies built from shared, cached inputs (cluster snapshots): serialised once per generation of
 * those inputs and served as text to every browser asking in the meantime, so 100 browsers polling a
 * 1,000-queue list cost one `JSON.stringify`, not 100. An entry is reused while every input is the very
 * same object it was built from.
 */
export class JsonBodyMemo {
  private readonly entries = new Map<string, { inputs: readonly object[]; text: string }>();

  constructor(private readonly maxEntries = 256) {}

  text(key: string, inputs: readonly object[], build: () => unknown): string {
    const hit = this.entries.get(key);
    if (hit && hit.inputs.length === inputs.length && hit.inputs.every((input, i) => input === inputs[i])) {
      return hit.text;
    }
    const text = JSON.stringify(build());
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { inputs, text });
    return text;
  }
}

/** The content type Hono's `c.json()` sets, for bodies sent as prepared text. */
export const JSON_CONTENT_TYPE = { 'Content-Type': 'application/json' } as const;
