import type {
  ClusterHealth,
  ClustersResponse,
  HealthResponse,
  MeResponse,
  OverviewResponse,
  SignalsResponse,
  StatsHistoryResponse,
} from '../api/schemas';
import { clusterQuerySchema, statsHistoryQuerySchema } from '../api/schemas';
import type { Cluster } from '../clusters/ClusterRegistry';
import { computeSignals, type ClusterSnapshot as SignalSnapshot } from '../health/computeSignals';
import type { BffDeps } from '../http/BffDeps';
import { JSON_CONTENT_TYPE, JsonBodyMemo } from '../http/JsonBodyMemo';
import { parseQuery } from '../http/validate';
import { addCounts, emptyCounts } from '../services/mappers';
import type { ClusterSnapshot } from '../services/SnapshotService';
import { StatsHistory, WINDOW_MS, type StatsPoint } from '../stats/StatsHistory';
import { StatsSampler } from '../stats/StatsSampler';
import { withSampledDepth } from '../stats/withSampledDepth';
import { route, type RouteSpec } from './routeTable';

export function clusterHealth(cluster: Cluster): ClusterHealth {
  const s = cluster.state;
  const impl = s.manifest?.implementation;
  return {
    id: cluster.id,
    name: cluster.name,
    reachable: s.reachable,
    latency_ms: s.latencyMs,
    conformance_level: s.manifest?.conformance_level ?? null,
    ...(impl
      ? { implementation: { name: impl.name, ...(impl.version ? { version: impl.version } : {}) } }
      : {}),
    capabilities: s.capabilities,
    live_source: s.liveSource,
    ...(s.error ? { error: s.error } : {}),
    checked_at: s.checkedAt === null ? null : new Date(s.checkedAt).toISOString(),
  };
}

function toSignalSnapshot(snap: ClusterSnapshot, history: StatsHistory, now: number): SignalSnapshot {
  const queueFailures: NonNullable<SignalSnapshot['queueFailures']> = {};
  for (const queue of snap.queues) {
    const points = history.query(StatsSampler.key(snap.cluster, queue.name), '1h', now);
    if (points.length === 0) continue;
    const recentFrom = now - 5 * 60_000;
    const sum = (list: StatsPoint[], key: 'completed' | 'failed') => list.reduce((n, p) => n + p[key], 0);
    const recent = points.filter((p) => p.t >= recentFrom);
    const baseline = points.filter((p) => p.t < recentFrom);
    queueFailures[queue.name] = {
      recentCompleted: sum(recent, 'completed'),
      recentFailed: sum(recent, 'failed'),
      baselineCompleted: sum(baseline, 'completed'),
      baselineFailed: sum(baseline, 'failed'),
    };
  }
  return {
    cluster: snap.cluster,
    reachable: snap.reachable,
    error: snap.error?.message,
    lastSeenAt: snap.lastSeenAt,
    queues: snap.queues.map((q) => ({
      name: q.name,
      paused: q.paused,
      available: q.counts.available,
      oldestAvailableAt: q.oldestAvailableAt,
    })),
    workers: snap.workers?.map((w) => ({
      id: w.id,
      queues: w.queues,
      lastHeartbeatAt: w.last_heartbeat_at ?? undefined,
      state: w.state,
    })),
    queueFailures,
  };
}

const UPSTREAM_PERIOD: Record<StatsHistoryResponse['window'], '1m' | '5m' | '1h'> = {
  '15m': '1m',
  '1h': '1m',
  '24h': '5m',
  '7d': '1h',
};
const PERIOD_SECONDS = { '1m': 60, '5m': 300, '1h': 3600 } as const;

/** Health, clusters, me, overview, signals and stats history. */
export function systemRoutes(deps: BffDeps): RouteSpec[] {
  const { registry, snapshots, history } = deps;
  const bodies = new JsonBodyMemo();

  const signals = async (clusterId: string | undefined) => {
    const snaps = await snapshots.snapshots(registry.select(clusterId));
    const now = deps.now();
    return computeSignals(
      snaps.map((s) => toSignalSnapshot(s, history, now)),
      now,
    );
  };

  return [
    route('GET', '/health', 'public', async (c) => {
      const clusters = await deps.cache.get('health', async () => {
        await registry.refreshAll();
        return registry.list().map(clusterHealth);
      });
      const body: HealthResponse = {
        status: clusters.every((cl) => cl.reachable) ? 'ok' : 'degraded',
        clusters,
      };
      return c.json(body, 200);
    }),
    route('GET', '/clusters', 'viewer', (c) => {
      const body: ClustersResponse = {
        clusters: registry.list().map((cl) => ({
          id: cl.id,
          name: cl.name,
          url_host: cl.urlHost,
          capabilities: cl.capabilities,
        })),
      };
      return c.json(body, 200);
    }),
    route('GET', '/me', 'public', (c) => {
      const user = c.get('user');
      const body: MeResponse = {
        user,
        auth_mode: deps.auth.mode,
        read_only: deps.readOnly,
        csrf_token: deps.auth.csrfToken(c, user),
        login: deps.auth.login ?? null,
        redact_for_role: 'viewer',
      };
      c.header('Cache-Control', 'no-store');
      return c.json(body, 200);
    }),
    route('GET', '/overview', 'viewer', async (c) => {
      const { cluster } = parseQuery(c, clusterQuerySchema);
      const clusters = registry.select(cluster);
      const snaps = await snapshots.snapshots(clusters);
      // Built once per snapshot generation (the cache period) and shared by every browser.
      const text = bodies.text(`overview:${cluster ?? '*'}`, snaps, () => {
        const totals = emptyCounts();
        const byCluster = snaps.map((snap) => {
          const counts = emptyCounts();
          let completed = 0;
          let failed = 0;
          for (const q of snap.queues) {
            addCounts(counts, q.counts);
            completed += q.throughput.completed_per_min;
            failed += q.throughput.failed_per_min;
          }
          addCounts(totals, counts);
          const workers = snap.workers === undefined ? null : snap.workers.filter((w) => !w.stale).length;
          return {
            cluster: snap.cluster,
            reachable: snap.reachable,
            counts,
            queues: snap.queues.length,
            workers,
            throughput: { completed_per_min: completed, failed_per_min: failed },
            failure_rate:
              completed + failed === 0 ? 0 : Math.round((failed / (completed + failed)) * 1000) / 1000,
          };
        });
        const now = deps.now();
        const body: OverviewResponse = {
          generated_at: new Date(now).toISOString(),
          totals,
          by_cluster: byCluster,
          signals: computeSignals(
            snaps.map((s) => toSignalSnapshot(s, history, now)),
            now,
          ),
        };
        return body;
      });
      return c.body(text, 200, JSON_CONTENT_TYPE);
    }),
    route('GET', '/signals', 'viewer', async (c) => {
      const { cluster } = parseQuery(c, clusterQuerySchema);
      const body: SignalsResponse = { signals: await signals(cluster) };
      return c.json(body, 200);
    }),
    route('GET', '/stats/history', 'viewer', async (c) => {
      const query = parseQuery(c, statsHistoryQuerySchema);
      const clusters = registry.select(query.cluster);
      const now = deps.now();
      const upstreamCapable = clusters.length === 1 && clusters[0]?.capabilities.stats_history === true;
      if (upstreamCapable && clusters[0]) {
        const cl = clusters[0];
        const period = UPSTREAM_PERIOD[query.window];
        const key = `history:${cl.id}:${query.queue ?? '*'}:${query.window}`;
        const res = await deps.cache.get(key, () =>
          cl.call((client) =>
            client.admin.stats.history({
              period,
              since: new Date(now - WINDOW_MS[query.window]).toISOString(),
              queue: query.queue,
            }),
          ),
        );
        const upstream = res.data.map((p) => ({
          timestamp: p.timestamp,
          completed: p.processed ?? 0,
          failed: p.failed ?? 0,
          enqueued: p.enqueued ?? 0,
          ...(typeof p.latency_p50_ms === 'number' ? { run_p50_ms: p.latency_p50_ms } : {}),
          ...(typeof p.latency_p95_ms === 'number' ? { run_p95_ms: p.latency_p95_ms } : {}),
        }));
        // The upstream keeps no queue depth; the BFF's own samples fill it in.
        const sampled = history.query(StatsSampler.key(cl.id, query.queue), query.window, now);
        const body: StatsHistoryResponse = {
          window: query.window,
          step_seconds: PERIOD_SECONDS[period],
          source: 'upstream',
          series: withSampledDepth(upstream, PERIOD_SECONDS[period], sampled),
        };
        return c.json(body, 200);
      }
      const series = StatsHistory.sum(
        clusters.map((cl) => history.query(StatsSampler.key(cl.id, query.queue), query.window, now)),
      );
      const body: StatsHistoryResponse = {
        window: query.window,
        step_seconds: history.stepFor(query.window) / 1000,
        source: 'sampled',
        series: series.map((p) => ({
          timestamp: new Date(p.t).toISOString(),
          completed: p.completed,
          failed: p.failed,
          enqueued: p.enqueued,
          ...(p.depth === undefined ? {} : { depth: p.depth }),
        })),
      };
      return c.json(body, 200);
    }),
  ];
}
