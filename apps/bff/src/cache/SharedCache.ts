export interface SharedCacheOptions {
  /** Default time a value (or a failure) is shared, in ms. */
  ttlMs: number;
  /** Upper bound on entries; the oldest are evicted beyond it. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  /** Settled value or failure; undefined while in flight. */
  settled?: { ok: true; value: unknown } | { ok: false; error: unknown };
  promise: Promise<unknown>;
  /** When the entry stops being fresh (set when it settles). */
  expiresAt: number;
}

/**
 * Short-period read cache shared by every browser: within one period a key is loaded at most once,
 * concurrent callers share the in-flight load, and a failure is shared for the period too, so N
 * browsers polling a down upstream still cost it one request per period.
 */
export class SharedCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private loads = 0;

  constructor(options: SharedCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Number of loader calls made so far (for tests and metrics). */
  get loadCount(): number {
    return this.loads;
  }

  get size(): number {
    return this.entries.size;
  }

  async get<T>(key: string, loader: () => Promise<T>, ttlMs: number = this.ttlMs): Promise<T> {
    const now = this.now();
    const existing = this.entries.get(key);
    if (existing && (existing.settled === undefined || existing.expiresAt > now)) {
      return existing.promise as Promise<T>;
    }
    this.loads++;
    const entry: Entry = { promise: Promise.resolve(), expiresAt: Number.POSITIVE_INFINITY };
    entry.promise = (async () => {
      try {
        const value = await loader();
        entry.settled = { ok: true, value };
        return value;
      } catch (error) {
        entry.settled = { ok: false, error };
        throw error;
      } finally {
        entry.expiresAt = this.now() + ttlMs;
      }
    })();
    // The cache holds the promise; callers get their own handle, so no unhandled rejection arises here.
    entry.promise.catch(() => undefined);
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict(now);
    return entry.promise as Promise<T>;
  }

  /** Drops one key (e.g. after a write changed what it holds), or every key with a prefix. */
  invalidate(keyOrPrefix: string, prefix = false): void {
    if (!prefix) {
      this.entries.delete(keyOrPrefix);
      return;
    }
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(keyOrPrefix)) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  private evict(now: number): void {
    if (this.entries.size <= this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries) return;
      if (entry.settled !== undefined && entry.expiresAt <= now) this.entries.delete(key);
    }
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries) return;
      if (entry.settled !== undefined) this.entries.delete(key);
    }
  }
}
