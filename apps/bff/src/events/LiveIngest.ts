import type { Cluster, ClusterChange, ClusterRegistry } from '../clusters/ClusterRegistry';
import type { SnapshotService } from '../services/SnapshotService';
import { ClusterFeed, chooseLiveSource } from './ClusterFeed';
import type { EventHub } from './EventHub';
import { SYSTEM_EVENT_TYPES } from './liveEvent';

export interface LiveIngestOptions {
  pollIntervalMs?: number;
  snapshotIntervalMs?: number;
  onInvalidEvent?: () => void;
  now?: () => number;
}

/**
 * Keeps one upstream feed per reachable cluster, restarts it when the upstream returns, restarts or
 * changes capabilities, and tells browsers (`system.cluster`, `system.gap`).
 */
export class LiveIngest {
  private readonly feeds = new Map<string, ClusterFeed>();
  private unsubscribe: (() => void) | undefined;
  private readonly now: () => number;
  private stopped = false;

  constructor(
    private readonly registry: ClusterRegistry,
    private readonly hub: EventHub,
    private readonly snapshots: SnapshotService,
    private readonly options: LiveIngestOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The feed of a cluster (for health and the stats sampler). */
  feed(clusterId: string): ClusterFeed | undefined {
    return this.feeds.get(clusterId);
  }

  start(): void {
    this.stopped = false;
    this.unsubscribe = this.registry.onChange((change) => void this.onChange(change));
    for (const cluster of this.registry.list()) {
      if (cluster.state.reachable) this.startFeed(cluster);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    const feeds = [...this.feeds.values()];
    this.feeds.clear();
    await Promise.all(feeds.map((feed) => feed.stop()));
  }

  private startFeed(cluster: Cluster): void {
    if (this.stopped) return;
    const feed = new ClusterFeed(cluster, {
      hub: this.hub,
      snapshots: this.snapshots,
      pollIntervalMs: this.options.pollIntervalMs,
      snapshotIntervalMs: this.options.snapshotIntervalMs,
      onDisconnect: () => void this.registry.refresh(cluster.id),
      onInvalidEvent: this.options.onInvalidEvent,
      now: this.now,
    });
    this.feeds.set(cluster.id, feed);
    cluster.state = { ...cluster.state, liveSource: feed.source };
    feed.start();
  }

  private async restartFeed(cluster: Cluster): Promise<void> {
    const old = this.feeds.get(cluster.id);
    this.feeds.delete(cluster.id);
    await old?.stop();
    this.startFeed(cluster);
  }

  private publishCluster(cluster: Cluster, reachable: boolean): void {
    this.hub.publish({
      cluster: cluster.id,
      type: SYSTEM_EVENT_TYPES.cluster,
      time: new Date(this.now()).toISOString(),
      data: {
        cluster: cluster.id,
        reachable,
        ...(cluster.state.error ? { error: cluster.state.error } : {}),
      },
    });
  }

  private publishGap(cluster: Cluster, reason: string): void {
    this.hub.publish({
      cluster: cluster.id,
      type: SYSTEM_EVENT_TYPES.gap,
      time: new Date(this.now()).toISOString(),
      data: { reason, cluster: cluster.id },
    });
  }

  private async onChange(change: ClusterChange): Promise<void> {
    const { cluster } = change;
    this.snapshots.invalidate(cluster.id);
    switch (change.kind) {
      case 'unreachable':
        this.publishCluster(cluster, false);
        return;
      case 'reachable':
        await this.restartFeed(cluster);
        this.publishCluster(cluster, true);
        // Whatever happened while it was away was not seen live.
        this.publishGap(cluster, 'upstream_reconnected');
        return;
      case 'restarted':
        await this.restartFeed(cluster);
        this.publishGap(cluster, 'upstream_restarted');
        return;
      case 'capabilities':
        if (this.feeds.get(cluster.id)?.source !== chooseLiveSource(cluster)) await this.restartFeed(cluster);
        return;
    }
  }
}
