import { adminQueueSchema, paginationSchema } from '@lookout/ojs-types';
import { z } from 'zod';
import type { Counts, Throughput, Worker } from '../api/schemas';
import type { SharedCache } from '../cache/SharedCache';
import type { Cluster, ClusterRegistry } from '../clusters/ClusterRegistry';
import { isApiError } from '../errors/ApiError';
import { toApiError } from '../errors/toApiError';
import { toCounts, toWorker } from './mappers';

export interface QueueSnapshot {
  name: string;
  paused: boolean;
  counts: Counts;
  throughput: Throughput;
  /** Live workers serving the queue, or null when workers cannot be listed. */
  workers: number | null;
  oldestAvailableAt?: string | undefined;
}

export interface ClusterSnapshot {
  cluster: string;
  reachable: boolean;
  error?: { code: string; message: string } | undefined;
  lastSeenAt?: string | undefined;
  queues: QueueSnapshot[];
  /** Undefined when the upstream cannot list workers. */
  workers: Worker[] | undefined;
  takenAt: number;
}

/**
 * Admin queue list, read tolerantly: only the fields the BFF uses must have their types; `latency_ms` (not
 * used here) may hold nulls for queues without samples. Bare arrays are lifted to `{items}`.
 */
const tolerantAdminQueueSchema = adminQueueSchema.extend({ latency_ms: z.unknown().optional() });
type TolerantAdminQueue = z.infer<typeof tolerantAdminQueueSchema>;
const tolerantAdminQueuesSchema = z.union([
  z.looseObject({ items: z.array(tolerantAdminQueueSchema), pagination: paginationSchema.optional() }),
  z.array(tolerantAdminQueueSchema).transform((items) => ({ items, pagination: undefined })),
]);

const MAX_QUEUES = 1000;
/** Queue details read per snapshot for the oldest waiting job. */
const MAX_DETAILS = 100;
const MAX_WORKERS = 2000;
const CORE_STATS_CONCURRENCY = 8;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index] as T);
    }
  });
  await Promise.all(workers);
  return out;
}

export { mapLimit };

/**
 * The shared read of a cluster's queues and workers: one upstream round per cache period, whoever asks
 * (overview, queues, signals, health, the stats sampler, every browser). An unreachable cluster gives a
 * snapshot with `reachable: false` instead of an error.
 */
export class SnapshotService {
  constructor(
    private readonly registry: ClusterRegistry,
    private readonly cache: SharedCache,
    private readonly now: () => number = Date.now,
  ) {}

  snapshot(cluster: Cluster): Promise<ClusterSnapshot> {
    return this.cache.get(`snapshot:${cluster.id}`, () => this.load(cluster));
  }

  snapshots(clusters: Cluster[]): Promise<ClusterSnapshot[]> {
    return Promise.all(clusters.map((cluster) => this.snapshot(cluster)));
  }

  invalidate(clusterId: string): void {
    this.cache.invalidate(`snapshot:${clusterId}`);
  }

  private async load(cluster: Cluster): Promise<ClusterSnapshot> {
    try {
      const [queues, workers] = await Promise.all([this.loadQueues(cluster), this.loadWorkers(cluster)]);
      const workerCount = (queue: string): number | null =>
        workers === undefined
          ? null
          : workers.filter((w) => !w.stale && (w.queues.includes(queue) || w.queues.includes('*'))).length;
      return {
        cluster: cluster.id,
        reachable: true,
        queues: queues.map((q) => ({ ...q, workers: q.workers ?? workerCount(q.name) })),
        workers,
        takenAt: this.now(),
      };
    } catch (error) {
      const mapped = isApiError(error) ? error : toApiError(error, cluster.id);
      const lastSeen = cluster.state.lastSeenAt;
      return {
        cluster: cluster.id,
        reachable: false,
        error: { code: mapped.code, message: mapped.message },
        ...(lastSeen === null ? {} : { lastSeenAt: new Date(lastSeen).toISOString() }),
        queues: [],
        workers: undefined,
        takenAt: this.now(),
      };
    }
  }

  private async loadQueues(cluster: Cluster): Promise<QueueSnapshot[]> {
    if (cluster.capabilities.admin_api) {
      try {
        return await this.loadAdminQueues(cluster);
      } catch (error) {
        // An admin listing this BFF cannot read (unexpected shape) degrades to the core queue API.
        if (!(isApiError(error) && error.code === 'bad_upstream_response')) throw error;
      }
    }
    return this.loadCoreQueues(cluster);
  }

  private async loadAdminQueues(cluster: Cluster): Promise<QueueSnapshot[]> {
    {
      const items: TolerantAdminQueue[] = [];
      for (let page = 1; items.length < MAX_QUEUES; page++) {
        const res = await cluster.call((c) =>
          c.transport.request({
            method: 'GET',
            path: '/ojs/v1/admin/queues',
            query: { page, per_page: 100 },
            schema: tolerantAdminQueuesSchema,
          }),
        );
        items.push(...res.items);
        const total = res.pagination?.total;
        if (res.items.length < 100 || (total !== undefined && items.length >= total)) break;
      }
      // The list does not carry `oldest_available_at` (only the detail does): read it for queues with
      // waiting work, bounded, so the "oldest waiting job" signal works.
      const waiting = items
        .filter((q) => (q.counts?.available ?? 0) > 0 && !q.oldest_available_at)
        .slice(0, MAX_DETAILS);
      const oldest = new Map<string, string>();
      await mapLimit(waiting, CORE_STATS_CONCURRENCY, async (q) => {
        try {
          const detail = await cluster.client.transport.request({
            method: 'GET',
            path: `/ojs/v1/admin/queues/${encodeURIComponent(q.name)}`,
            schema: tolerantAdminQueueSchema,
          });
          if (detail.oldest_available_at) oldest.set(q.name, detail.oldest_available_at);
        } catch {
          // the signal is simply not raised for this queue
        }
      });
      return items.map((q) => ({
        name: q.name,
        paused: q.paused ?? q.state === 'paused',
        counts: toCounts(q.counts),
        throughput: {
          completed_per_min: q.throughput?.processed_per_minute ?? 0,
          failed_per_min: q.throughput?.failed_per_minute ?? 0,
        },
        workers: q.workers ?? null,
        oldestAvailableAt: q.oldest_available_at ?? oldest.get(q.name),
      }));
    }
  }

  private async loadCoreQueues(cluster: Cluster): Promise<QueueSnapshot[]> {
    const list = await cluster.call((c) => c.queues.list({ limit: 200 }));
    const names = list.queues.slice(0, MAX_QUEUES);
    return mapLimit(names, CORE_STATS_CONCURRENCY, async (info) => {
      const stats = await cluster.callOptional((c) => c.queues.stats(info.name));
      const perHour = (n: number | undefined) => (n === undefined ? 0 : Math.round((n / 60) * 100) / 100);
      return {
        name: info.name,
        paused:
          stats?.paused ??
          ('paused' in info ? info.paused : undefined) ??
          ('status' in info && info.status === 'paused'),
        counts: toCounts(stats),
        throughput: {
          completed_per_min: perHour(stats?.completed_last_hour),
          failed_per_min: perHour(stats?.failed_last_hour),
        },
        workers: null,
      };
    });
  }

  private async loadWorkers(cluster: Cluster): Promise<Worker[] | undefined> {
    if (!cluster.capabilities.worker_admin) return undefined;
    const now = this.now();
    const out: Worker[] = [];
    for (let page = 1; out.length < MAX_WORKERS; page++) {
      const res = await cluster.callOptional((c) => c.admin.workers.list({ page, perPage: 100 }));
      if (res === undefined) return undefined;
      out.push(...res.items.map((w) => toWorker(cluster.id, w, now)));
      const total = 'pagination' in res ? (res.pagination?.total ?? res.summary?.total) : undefined;
      if (res.items.length < 100 || (total !== undefined && out.length >= total)) break;
    }
    return out;
  }
}
