const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Log-scale latency histogram: bucket i holds values in [2^(i/4), 2^((i+1)/4)) ms. */
const HIST_BUCKETS = 96;

function histIndex(ms: number): number {
  if (ms < 1) return 0;
  return Math.min(HIST_BUCKETS - 1, Math.floor(Math.log2(ms) * 4) + 1);
}

function histUpper(i: number): number {
  return i === 0 ? 1 : Math.round(2 ** (i / 4));
}

export interface Bucket {
  start: number;
  enqueued: number;
  processed: number;
  failed: number;
  hist: Uint32Array;
}

function newBucket(start: number): Bucket {
  return { start, enqueued: 0, processed: 0, failed: 0, hist: new Uint32Array(HIST_BUCKETS) };
}

function percentile(hist: Uint32Array, total: number, p: number): number | null {
  if (total === 0) return null;
  const target = Math.ceil(total * p);
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i] as number;
    if (seen >= target) return histUpper(i);
  }
  return histUpper(hist.length - 1);
}

class Series {
  readonly #width: number;
  readonly #keep: number;
  #buckets = new Map<number, Bucket>();

  constructor(width: number, keep: number) {
    this.#width = width;
    this.#keep = keep;
  }

  bucket(now: number): Bucket {
    const start = now - (now % this.#width);
    let b = this.#buckets.get(start);
    if (!b) {
      b = newBucket(start);
      this.#buckets.set(start, b);
      const cutoff = start - this.#keep * this.#width;
      for (const k of this.#buckets.keys()) {
        if (k > cutoff) break;
        this.#buckets.delete(k);
      }
    }
    return b;
  }

  range(since: number, until: number): Bucket[] {
    const out: Bucket[] = [];
    for (const b of this.#buckets.values()) if (b.start >= since && b.start < until) out.push(b);
    return out.sort((a, b) => a.start - b.start);
  }
}

export interface HistoryPoint {
  timestamp: string;
  processed: number;
  failed: number;
  enqueued: number;
  latency_p50_ms: number | null;
  /** Beyond the spec's example (p50, p99): consoles commonly chart p95. */
  latency_p95_ms: number | null;
  latency_p99_ms: number | null;
}

export const HISTORY_PERIODS = { '1m': MINUTE, '5m': 5 * MINUTE, '1h': HOUR, '1d': 24 * HOUR } as const;
export type HistoryPeriod = keyof typeof HISTORY_PERIODS;

/**
 * Throughput and latency time series (admin §10.2): 1-minute buckets kept 24 h and 1-hour buckets kept
 * 30 days, per queue and overall.
 */
export class StatsRecorder {
  #minutes = new Map<string, Series>();
  #hours = new Map<string, Series>();

  #series(map: Map<string, Series>, key: string, width: number, keep: number): Series {
    let s = map.get(key);
    if (!s) {
      s = new Series(width, keep);
      map.set(key, s);
    }
    return s;
  }

  #each(queue: string, now: number, fn: (b: Bucket) => void): void {
    for (const key of ['*', queue]) {
      fn(this.#series(this.#minutes, key, MINUTE, 24 * 60).bucket(now));
      fn(this.#series(this.#hours, key, HOUR, 30 * 24).bucket(now));
    }
  }

  enqueued(queue: string, now: number, n = 1): void {
    this.#each(queue, now, (b) => {
      b.enqueued += n;
    });
  }

  processed(queue: string, now: number, durationMs: number): void {
    const i = histIndex(durationMs);
    this.#each(queue, now, (b) => {
      b.processed++;
      b.hist[i] = (b.hist[i] ?? 0) + 1;
    });
  }

  failed(queue: string, now: number): void {
    this.#each(queue, now, (b) => {
      b.failed++;
    });
  }

  /** Average per-minute throughput over the last `minutes` full minutes plus the current one. */
  throughput(
    now: number,
    queue = '*',
    minutes = 5,
  ): { processed_per_minute: number; failed_per_minute: number } {
    const series = this.#minutes.get(queue);
    if (!series) return { processed_per_minute: 0, failed_per_minute: 0 };
    const since = now - (now % MINUTE) - minutes * MINUTE;
    const buckets = series.range(since, now + 1);
    const elapsedMin = (now - since) / MINUTE;
    const p = buckets.reduce((s, b) => s + b.processed, 0);
    const f = buckets.reduce((s, b) => s + b.failed, 0);
    const round = (x: number): number => Math.round((x / elapsedMin) * 100) / 100;
    return { processed_per_minute: round(p), failed_per_minute: round(f) };
  }

  /** Latency percentiles of completed jobs over the last hour. */
  latency(now: number, queue = '*'): { p50: number | null; p95: number | null; p99: number | null } {
    const series = this.#minutes.get(queue);
    if (!series) return { p50: null, p95: null, p99: null };
    const hist = new Uint32Array(HIST_BUCKETS);
    let total = 0;
    for (const b of series.range(now - HOUR, now + 1)) {
      for (let i = 0; i < HIST_BUCKETS; i++) hist[i] = (hist[i] as number) + (b.hist[i] as number);
      total += b.processed;
    }
    return {
      p50: percentile(hist, total, 0.5),
      p95: percentile(hist, total, 0.95),
      p99: percentile(hist, total, 0.99),
    };
  }

  /** Aggregated series between `since` and `until` at `period` granularity. */
  history(period: HistoryPeriod, since: number, until: number, queue = '*'): HistoryPoint[] {
    const width = HISTORY_PERIODS[period];
    const useHours = width >= HOUR;
    const series = (useHours ? this.#hours : this.#minutes).get(queue);
    const start = since - (since % width);
    const points: HistoryPoint[] = [];
    const agg = new Map<number, { e: number; p: number; f: number; hist: Uint32Array }>();
    for (let t = start; t < until; t += width)
      agg.set(t, { e: 0, p: 0, f: 0, hist: new Uint32Array(HIST_BUCKETS) });
    if (series) {
      for (const b of series.range(start, until)) {
        const slot = b.start - (b.start % width);
        const a = agg.get(slot);
        if (!a) continue;
        a.e += b.enqueued;
        a.p += b.processed;
        a.f += b.failed;
        for (let i = 0; i < HIST_BUCKETS; i++) a.hist[i] = (a.hist[i] as number) + (b.hist[i] as number);
      }
    }
    for (const [t, a] of agg) {
      points.push({
        timestamp: new Date(t).toISOString(),
        processed: a.p,
        failed: a.f,
        enqueued: a.e,
        latency_p50_ms: percentile(a.hist, a.p, 0.5),
        latency_p95_ms: percentile(a.hist, a.p, 0.95),
        latency_p99_ms: percentile(a.hist, a.p, 0.99),
      });
    }
    return points;
  }

  clear(): void {
    this.#minutes.clear();
    this.#hours.clear();
  }
}
