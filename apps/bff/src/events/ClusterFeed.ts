import type { LiveSource } from '../api/schemas';
import type { Cluster } from '../clusters/ClusterRegistry';
import type { ClusterSnapshot, SnapshotService } from '../services/SnapshotService';
import type { EventHub } from './EventHub';
import { SYSTEM_EVENT_TYPES, type LiveEvent } from './liveEvent';
import { normalizeUpstreamEvent } from './normalizeUpstreamEvent';

export interface ClusterFeedOptions {
  hub: EventHub;
  snapshots: SnapshotService;
  /** Poll interval of `/ojs/v1/events` once caught up. */
  pollIntervalMs?: number;
  /** Interval of snapshot diffs (the last-resort source) and of queue rediscovery for per-queue streams. */
  snapshotIntervalMs?: number;
  /** Called when the upstream connection drops (to re-check the cluster's health soon). */
  onDisconnect?: () => void;
  /** Counts events that could not be understood. */
  onInvalidEvent?: () => void;
  now?: () => number;
}

/** Chooses how to follow a cluster, best first. */
export function chooseLiveSource(cluster: Cluster): LiveSource {
  const caps = cluster.capabilities;
  if (caps.events_stream) return 'events_stream';
  if (caps.realtime_sse) return 'queue_streams';
  if (caps.events_poll) return 'events_poll';
  return 'snapshots';
}

/** Remembers recently seen upstream event ids, to drop replays after a reconnect. */
class RecentIds {
  private readonly set = new Set<string>();
  private readonly order: string[] = [];
  constructor(private readonly capacity: number) {}
  /** True when the id was new. */
  add(id: string): boolean {
    if (this.set.has(id)) return false;
    this.set.add(id);
    this.order.push(id);
    if (this.order.length > this.capacity) {
      const old = this.order.shift();
      if (old !== undefined) this.set.delete(old);
    }
    return true;
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * One upstream subscription for one cluster: the all-events SSE stream where offered, else per-queue
 * streams re-subscribed as queues appear, else `/ojs/v1/events` polling, else snapshot diffs. Every event
 * is normalised, de-duplicated and published to the hub.
 */
export class ClusterFeed {
  readonly source: LiveSource;
  private readonly controller = new AbortController();
  private readonly seen = new RecentIds(8192);
  private readonly queueStreams = new Map<string, AbortController>();
  private running: Promise<void> | undefined;
  private readonly now: () => number;
  private startedAt: number;
  /** Whether the source is currently connected. */
  healthy = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly options: ClusterFeedOptions,
  ) {
    this.source = chooseLiveSource(cluster);
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  /** True when this feed delivers job events (not only snapshot diffs). */
  get deliversJobEvents(): boolean {
    return this.source !== 'snapshots';
  }

  start(): void {
    if (this.running) return;
    this.startedAt = this.now();
    this.running = this.run().catch(() => undefined);
  }

  /**
   * Stops the feed. An upstream call in flight that ignores the abort (e.g. a long poll served in-process)
   * is not waited for beyond `graceMs`; whatever it returns later is dropped.
   */
  async stop(graceMs = 1000): Promise<void> {
    this.controller.abort();
    for (const c of this.queueStreams.values()) c.abort();
    this.queueStreams.clear();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.running,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  private publish(sseType: string | undefined, payload: unknown, upstreamId: string | undefined): void {
    if (this.signal.aborted) return;
    if (upstreamId !== undefined && !this.seen.add(upstreamId)) return;
    const event = normalizeUpstreamEvent(this.cluster.id, sseType, payload, this.now);
    if (!event) {
      if (sseType !== 'heartbeat' && sseType !== 'server.shutdown') this.options.onInvalidEvent?.();
      return;
    }
    this.options.hub.publish(event);
  }

  private publishGap(reason: string): void {
    this.options.hub.publish({
      cluster: this.cluster.id,
      type: SYSTEM_EVENT_TYPES.gap,
      time: new Date(this.now()).toISOString(),
      data: { reason, cluster: this.cluster.id },
    });
  }

  private onState = (state: string): void => {
    const wasHealthy = this.healthy;
    this.healthy = state === 'open';
    if (wasHealthy && !this.healthy) this.options.onDisconnect?.();
  };

  private async run(): Promise<void> {
    switch (this.source) {
      case 'events_stream':
        return this.followStream('/ojs/v1/events/stream');
      case 'queue_streams':
        return this.followQueues();
      case 'events_poll':
        return this.followPoll();
      case 'snapshots':
        return this.followSnapshots();
    }
  }

  private async followStream(path: string): Promise<void> {
    const stream = this.cluster.client.events.stream(path, {
      signal: this.signal,
      onState: (change) => this.onState(change.state),
    });
    await this.consume(stream);
  }

  private async consume(
    stream: AsyncIterable<{ kind: string; id: string | undefined; type: string; data: unknown }>,
  ): Promise<void> {
    try {
      for await (const event of stream) {
        if (event.kind === 'gap') {
          this.publishGap('upstream_gap');
          continue;
        }
        this.publish(event.type, event.data, event.id);
      }
    } catch {
      // A stream that ends with an error (e.g. 404 after a capability change) stops this feed; the
      // registry notices capability or reachability changes and starts a new one.
      this.healthy = false;
    }
  }

  private async followQueues(): Promise<void> {
    const interval = this.options.snapshotIntervalMs ?? 5000;
    while (!this.signal.aborted) {
      const snapshot = await this.options.snapshots.snapshot(this.cluster).catch(() => undefined);
      if (snapshot?.reachable) {
        for (const queue of snapshot.queues) {
          if (this.queueStreams.has(queue.name)) continue;
          const controller = new AbortController();
          this.signal.addEventListener('abort', () => controller.abort(), { once: true });
          this.queueStreams.set(queue.name, controller);
          const stream = this.cluster.client.queues.events(queue.name, {
            signal: controller.signal,
            onState: (change) => this.onState(change.state),
          });
          void this.consume(stream).finally(() => {
            if (this.queueStreams.get(queue.name) === controller) this.queueStreams.delete(queue.name);
          });
        }
      }
      await abortableSleep(interval, this.signal);
    }
  }

  private async followPoll(): Promise<void> {
    const poller = this.cluster.client.events.poller({
      intervalMs: this.options.pollIntervalMs ?? 1000,
      limit: 1000,
      signal: this.signal,
      onState: (change) => this.onState(change.state),
    });
    // Events from before this feed started are history, not live: skip them while catching up.
    const horizon = this.startedAt - 2000;
    try {
      for await (const envelope of poller) {
        const t = Date.parse(envelope.time);
        if (!Number.isNaN(t) && t < horizon) continue;
        this.publish(envelope.type, envelope, envelope.id);
      }
    } catch {
      this.healthy = false;
    }
  }

  private async followSnapshots(): Promise<void> {
    const interval = this.options.snapshotIntervalMs ?? 5000;
    let previous: ClusterSnapshot | undefined;
    while (!this.signal.aborted) {
      const snapshot = await this.options.snapshots.snapshot(this.cluster).catch(() => undefined);
      this.onState(snapshot?.reachable ? 'open' : 'reconnecting');
      if (snapshot?.reachable) {
        if (previous)
          for (const event of diffSnapshots(this.cluster.id, previous, snapshot))
            this.options.hub.publish(event);
        previous = snapshot;
      }
      await abortableSleep(interval, this.signal);
    }
  }
}

/** Events describing what changed between two snapshots of a cluster (the last-resort live source). */
export function diffSnapshots(cluster: string, before: ClusterSnapshot, after: ClusterSnapshot): LiveEvent[] {
  const time = new Date(after.takenAt).toISOString();
  const events: LiveEvent[] = [];
  const old = new Map(before.queues.map((q) => [q.name, q]));
  for (const queue of after.queues) {
    const prev = old.get(queue.name);
    if (prev && prev.paused !== queue.paused) {
      events.push({
        cluster,
        type: queue.paused ? 'queue.paused' : 'queue.resumed',
        time,
        queue: queue.name,
        data: { queue: queue.name, source: 'snapshot' },
      });
    }
    const changed =
      !prev ||
      (Object.keys(queue.counts) as (keyof typeof queue.counts)[]).some(
        (k) => queue.counts[k] !== prev.counts[k],
      );
    if (changed) {
      const delta: Record<string, number> = {};
      for (const key of Object.keys(queue.counts) as (keyof typeof queue.counts)[]) {
        const d = queue.counts[key] - (prev?.counts[key] ?? 0);
        if (d !== 0) delta[key] = d;
      }
      events.push({
        cluster,
        type: 'queue.counts',
        time,
        queue: queue.name,
        data: { queue: queue.name, counts: queue.counts, delta, source: 'snapshot' },
      });
    }
  }
  const oldWorkers = new Set((before.workers ?? []).map((w) => w.id));
  const newWorkers = new Set((after.workers ?? []).map((w) => w.id));
  for (const worker of after.workers ?? []) {
    if (!oldWorkers.has(worker.id)) {
      events.push({
        cluster,
        type: 'worker.started',
        time,
        worker_id: worker.id,
        data: { source: 'snapshot' },
      });
    }
  }
  for (const id of oldWorkers) {
    if (!newWorkers.has(id)) {
      events.push({ cluster, type: 'worker.stopped', time, worker_id: id, data: { source: 'snapshot' } });
    }
  }
  return events;
}
