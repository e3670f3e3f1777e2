import { RingBuffer } from './RingBuffer';

/** One bucket of a stats series. Counters are per bucket; `depth` is the largest waiting count seen. */
export interface StatsPoint {
  /** Bucket start, ms since epoch. */
  t: number;
  completed: number;
  failed: number;
  enqueued: number;
  depth?: number | undefined;
}

export const STATS_WINDOWS = ['15m', '1h', '24h', '7d'] as const;
export type StatsWindow = (typeof STATS_WINDOWS)[number];

export const WINDOW_MS: Readonly<Record<StatsWindow, number>> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
};

interface Tier {
  stepMs: number;
  spanMs: number;
}

interface Series {
  tiers: RingBuffer<StatsPoint>[];
}

function mergeInto(target: StatsPoint, point: StatsPoint): StatsPoint {
  const depth =
    point.depth === undefined
      ? target.depth
      : target.depth === undefined
        ? point.depth
        : Math.max(target.depth, point.depth);
  return {
    t: target.t,
    completed: target.completed + point.completed,
    failed: target.failed + point.failed,
    enqueued: target.enqueued + point.enqueued,
    depth,
  };
}

/**
 * Sampled stats kept in memory at three resolutions (sample interval for the last hour, one minute for
 * a day, one hour for a week), per series key (a cluster, or a cluster's queue). Pure: the caller passes
 * the sample time.
 */
export class StatsHistory {
  private readonly tiers: Tier[];
  private readonly series = new Map<string, Series>();

  constructor(
    sampleIntervalMs: number,
    private readonly maxSeries = 5000,
  ) {
    const raw = Math.max(1000, sampleIntervalMs);
    this.tiers = [
      { stepMs: raw, spanMs: WINDOW_MS['1h'] },
      { stepMs: 60_000, spanMs: WINDOW_MS['24h'] },
      { stepMs: 3_600_000, spanMs: WINDOW_MS['7d'] },
    ];
  }

  get keys(): string[] {
    return [...this.series.keys()];
  }

  /** Adds counters observed over one sample interval ending near `point.t`. */
  add(key: string, point: StatsPoint): void {
    let series = this.series.get(key);
    if (!series) {
      if (this.series.size >= this.maxSeries) return;
      series = {
        tiers: this.tiers.map((tier) => new RingBuffer<StatsPoint>(Math.ceil(tier.spanMs / tier.stepMs) + 2)),
      };
      this.series.set(key, series);
    }
    this.tiers.forEach((tier, index) => {
      const ring = series.tiers[index];
      if (!ring) return;
      const bucketStart = Math.floor(point.t / tier.stepMs) * tier.stepMs;
      const last = ring.last();
      if (last && last.t === bucketStart) {
        ring.replaceLast(mergeInto(last, point));
      } else if (!last || last.t < bucketStart) {
        ring.push(mergeInto({ t: bucketStart, completed: 0, failed: 0, enqueued: 0 }, point));
      }
      // A point older than the newest bucket (clock went backwards) is dropped.
    });
  }

  /** The resolution used for a window, in ms. */
  stepFor(window: StatsWindow): number {
    return this.tierFor(window).stepMs;
  }

  private tierIndex(window: StatsWindow): number {
    const span = WINDOW_MS[window];
    return this.tiers.findIndex((tier) => tier.spanMs >= span);
  }

  private tierFor(window: StatsWindow): Tier {
    return this.tiers[this.tierIndex(window)] ?? (this.tiers[this.tiers.length - 1] as Tier);
  }

  /** Buckets of one series in `(now - window, now]`, oldest first. Missing buckets are omitted. */
  query(key: string, window: StatsWindow, now: number): StatsPoint[] {
    const series = this.series.get(key);
    if (!series) return [];
    const ring = series.tiers[this.tierIndex(window)];
    if (!ring) return [];
    const tier = this.tierFor(window);
    const from = now - WINDOW_MS[window] + tier.stepMs;
    const first = ring.lowerBound((p) => p.t >= Math.floor(from / tier.stepMs) * tier.stepMs);
    const out: StatsPoint[] = [];
    for (let i = first; i < ring.size; i++) {
      const p = ring.at(i);
      if (p && p.t <= now) out.push({ ...p });
    }
    return out;
  }

  /** Sums several series bucket by bucket (e.g. every cluster for the aggregated chart). */
  static sum(seriesList: StatsPoint[][]): StatsPoint[] {
    const byT = new Map<number, StatsPoint>();
    for (const series of seriesList) {
      for (const point of series) {
        const existing = byT.get(point.t);
        if (!existing) {
          byT.set(point.t, { ...point });
        } else {
          existing.completed += point.completed;
          existing.failed += point.failed;
          existing.enqueued += point.enqueued;
          existing.depth = point.depth === undefined ? existing.depth : (existing.depth ?? 0) + point.depth;
        }
      }
    }
    return [...byT.values()].sort((a, b) => a.t - b.t);
  }

  delete(keyPrefix: string): void {
    for (const key of [...this.series.keys()]) if (key.startsWith(keyPrefix)) this.series.delete(key);
  }
}
