import type { StatsHistory, StatsPoint } from './StatsHistory';

/** The queue counters the sampler reads (a subset of the per-state counts). */
export interface SampledCounts {
  available: number;
  completed: number;
  discarded: number;
  scheduled?: number;
  pending?: number;
  active?: number;
  retryable?: number;
  cancelled?: number;
}

const EMPTY_COUNTS: SampledCounts = { available: 0, completed: 0, discarded: 0 };

export interface EventTally {
  completed: number;
  failed: number;
  enqueued: number;
}

function total(c: SampledCounts): number {
  return (
    c.available +
    c.completed +
    c.discarded +
    (c.scheduled ?? 0) +
    (c.pending ?? 0) +
    (c.active ?? 0) +
    (c.retryable ?? 0) +
    (c.cancelled ?? 0)
  );
}

/**
 * One interval's point for a queue. With a live event tally the counters are exact; without one they are
 * estimated from count deltas (completed and discarded growth, and growth of the total), clamped at 0
 * because retention and purges shrink counts.
 */
export function samplePoint(
  t: number,
  previous: SampledCounts | undefined,
  next: SampledCounts,
  tally: EventTally | undefined,
): StatsPoint {
  if (tally) return { t, ...tally, depth: next.available };
  if (!previous) return { t, completed: 0, failed: 0, enqueued: 0, depth: next.available };
  return {
    t,
    completed: Math.max(0, next.completed - previous.completed),
    failed: Math.max(0, next.discarded - previous.discarded),
    enqueued: Math.max(0, total(next) - total(previous)),
    depth: next.available,
  };
}

export interface StatsSamplerOptions {
  history: StatsHistory;
  intervalMs: number;
  /** Cluster ids to sample now. */
  clusters: () => string[];
  /** Per-queue counts of a cluster (throws when the cluster is unreachable; that tick is skipped). */
  loadQueueCounts: (cluster: string) => Promise<Record<string, SampledCounts>>;
  /** Whether the cluster's live stream delivers job events (so tallies are exact). */
  hasLiveEvents: (cluster: string) => boolean;
  now?: () => number;
}

/** Samples every cluster's queue counts on an interval into {@link StatsHistory}. */
export class StatsSampler {
  private readonly previous = new Map<string, Record<string, SampledCounts>>();
  private readonly tallies = new Map<string, Map<string, EventTally>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: StatsSamplerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Key of a cluster's total series, or of one queue's series. */
  static key(cluster: string, queue?: string): string {
    return queue === undefined ? `${cluster}\u0000*` : `${cluster}\u0000q:${queue}`;
  }

  /** Counts a live job event into the current interval. */
  recordEvent(cluster: string, type: string, queue: string | undefined): void {
    const kind =
      type === 'job.completed'
        ? 'completed'
        : type === 'job.failed'
          ? 'failed'
          : type === 'job.enqueued' || type === 'job.scheduled'
            ? 'enqueued'
            : undefined;
    if (kind === undefined || queue === undefined) return;
    let byQueue = this.tallies.get(cluster);
    if (!byQueue) {
      byQueue = new Map();
      this.tallies.set(cluster, byQueue);
    }
    let tally = byQueue.get(queue);
    if (!tally) {
      tally = { completed: 0, failed: 0, enqueued: 0 };
      byQueue.set(queue, tally);
    }
    tally[kind]++;
  }

  /** Takes one sample of every cluster (overlapping ticks are skipped). */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.sampleAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async sampleAll(): Promise<void> {
    await Promise.all(this.options.clusters().map((cluster) => this.sampleCluster(cluster)));
  }

  private async sampleCluster(cluster: string): Promise<void> {
    let counts: Record<string, SampledCounts>;
    try {
      counts = await this.options.loadQueueCounts(cluster);
    } catch {
      return;
    }
    const t = this.now();
    const live = this.options.hasLiveEvents(cluster);
    const tallies = this.tallies.get(cluster);
    this.tallies.delete(cluster);
    const previous = this.previous.get(cluster);
    this.previous.set(cluster, counts);
    const points: StatsPoint[] = [];
    for (const [queue, next] of Object.entries(counts)) {
      const tally = live ? (tallies?.get(queue) ?? { completed: 0, failed: 0, enqueued: 0 }) : undefined;
      // A queue that appeared since the last sample started from nothing.
      const before = previous === undefined ? undefined : (previous[queue] ?? EMPTY_COUNTS);
      const point = samplePoint(t, before, next, tally);
      this.options.history.add(StatsSampler.key(cluster, queue), point);
      points.push(point);
    }
    const sum: StatsPoint = { t, completed: 0, failed: 0, enqueued: 0, depth: 0 };
    for (const p of points) {
      sum.completed += p.completed;
      sum.failed += p.failed;
      sum.enqueued += p.enqueued;
      sum.depth = (sum.depth ?? 0) + (p.depth ?? 0);
    }
    this.options.history.add(StatsSampler.key(cluster), sum);
  }
}
