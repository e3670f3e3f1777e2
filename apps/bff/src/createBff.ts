import type { FetchLike } from '@lookout/ojs-client';
import type { Hono } from 'hono';
import { createBffApp } from './app';
import type { AuthProvider } from './auth/AuthProvider';
import { noneAuth } from './auth/noneAuth';
import { SharedCache } from './cache/SharedCache';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import type { BffConfig, ClusterConfig } from './config/loadConfig';
import { EventHub } from './events/EventHub';
import { LiveIngest } from './events/LiveIngest';
import { stateChangeEventType } from './events/normalizeUpstreamEvent';
import type { BffDeps } from './http/BffDeps';
import type { BffEnv } from './http/BffEnv';
import { BffMetrics } from './metrics/BffMetrics';
import { DeadLetterService } from './services/DeadLetterService';
import { JobSearch } from './services/JobSearch';
import { OperationManager } from './services/OperationManager';
import { SnapshotService } from './services/SnapshotService';
import { StatsHistory } from './stats/StatsHistory';
import { StatsSampler } from './stats/StatsSampler';
import { AuditLog } from './audit/AuditLog';
import { createRedactor } from './security/createRedactor';
import { LoginRateLimiter } from './security/LoginRateLimiter';
import { clientAddressOf } from './http/clientIp';
import { createIpMatcher } from './security/createIpMatcher';

type OptionalSettings = 'dataDir' | 'redactKeys' | 'publicUrl' | 'trustedProxies';

/**
 * What the BFF needs from its configuration. Without `dataDir` the audit log lives in memory; without
 * `redactKeys` the default pattern hides secrets from viewers.
 */
export type BffSettings = Omit<BffConfig, 'port' | 'host' | 'embedded' | 'source' | OptionalSettings> &
  Partial<Pick<BffConfig, OptionalSettings>>;

export interface CreateBffOptions {
  /** A fetch per cluster (tests inject the embedded server's `fetch`). */
  fetchFor?: (cluster: ClusterConfig) => FetchLike | undefined;
  auth?: AuthProvider;
  now?: () => number;
  /** Process metrics (CPU, memory, GC) in /metrics; off in tests to keep them light. */
  defaultMetrics?: boolean;
  /** Interval of snapshot diffs and queue rediscovery for live feeds. */
  snapshotIntervalMs?: number;
  /** Poll interval of `/ojs/v1/events` feeds. */
  pollIntervalMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** The audit log (default: `<dataDir>/audit.db`, or in memory without a data dir). */
  audit?: AuditLog;
  loginLimiter?: LoginRateLimiter;
}

export interface Bff {
  app: Hono<BffEnv>;
  deps: BffDeps;
  sampler: StatsSampler;
  /** Checks every cluster, then starts live feeds, health checks and the stats sampler. */
  start(): Promise<void>;
  /** Stops everything and ends every live stream. */
  close(): Promise<void>;
}

/** Builds the BFF: clusters, caches, live fan-out, services and the HTTP app. */
export function createBff(settings: BffSettings, options: CreateBffOptions = {}): Bff {
  const now = options.now ?? Date.now;
  const metrics = new BffMetrics({ defaultMetrics: options.defaultMetrics ?? true });
  const cache = new SharedCache({ ttlMs: settings.cacheTtlMs, now });
  const registry = new ClusterRegistry(settings.clusters, {
    fetchFor: options.fetchFor,
    timeoutMs: settings.upstreamTimeoutMs,
    maxResponseBytes: settings.maxUpstreamBodyBytes,
    now,
    onChange: (change) => {
      metrics.clusterUp.set({ cluster: change.cluster.id }, change.cluster.state.reachable ? 1 : 0);
      if (change.cluster.state.latencyMs !== null) {
        metrics.upstreamLatency.observe(
          { cluster: change.cluster.id },
          change.cluster.state.latencyMs / 1000,
        );
      }
    },
  });
  const hub = new EventHub({
    replayBufferSize: settings.replayBufferSize,
    heartbeatMs: settings.heartbeatMs,
    coalesceMs: settings.coalesceMs,
    now,
  });
  const snapshots = new SnapshotService(registry, cache, now);
  const history = new StatsHistory(settings.sampleIntervalMs);
  const ingest = new LiveIngest(registry, hub, snapshots, {
    now,
    snapshotIntervalMs: options.snapshotIntervalMs,
    pollIntervalMs: options.pollIntervalMs,
  });
  const sampler = new StatsSampler({
    history,
    intervalMs: settings.sampleIntervalMs,
    clusters: () =>
      registry
        .list()
        .filter((c) => c.state.reachable)
        .map((c) => c.id),
    loadQueueCounts: async (id) => {
      const snap = await snapshots.snapshot(registry.get(id));
      if (!snap.reachable) throw new Error(snap.error?.message ?? 'unreachable');
      return Object.fromEntries(snap.queues.map((q) => [q.name, q.counts]));
    },
    hasLiveEvents: (id) => ingest.feed(id)?.deliversJobEvents === true && ingest.feed(id)?.healthy === true,
    now,
  });
  const deadLetters = new DeadLetterService(cache);
  const operations = new OperationManager({
    now,
    onFinish: (op) => {
      for (const cluster of registry.list()) {
        snapshots.invalidate(cluster.id);
        deadLetters.invalidate(cluster.id);
      }
      hub.publish({
        cluster: op.cluster ?? '*',
        type: 'operation.finished',
        time: new Date(now()).toISOString(),
        data: { operation: op },
      });
    },
  });

  hub.onEvent((event) => {
    metrics.sseEvents.inc();
    const type = event.type === 'job.state_changed' ? stateChangeEventType(event.to) : event.type;
    const failed =
      event.type === 'job.state_changed' &&
      event.from === 'active' &&
      (event.to === 'retryable' || event.to === 'discarded');
    if (type) sampler.recordEvent(event.cluster, failed ? 'job.failed' : type, event.queue);
  });
  registry.onChange((change) => {
    if (change.kind === 'unreachable') {
      metrics.upstreamErrors.inc({
        cluster: change.cluster.id,
        code: change.cluster.state.error?.code ?? 'unknown',
      });
    }
  });

  const deps: BffDeps = {
    registry,
    hub,
    cache,
    snapshots,
    jobs: new JobSearch(registry),
    deadLetters,
    operations,
    history,
    ingest,
    auth: options.auth ?? noneAuth(),
    audit:
      options.audit ??
      (settings.dataDir ? AuditLog.inDir(settings.dataDir, { now }) : new AuditLog(null, { now })),
    redactor: createRedactor(settings.redactKeys),
    loginLimiter: options.loginLimiter ?? new LoginRateLimiter({ now }),
    clientAddress: clientAddressOf(settings.trustedProxies ? createIpMatcher(settings.trustedProxies) : null),
    metrics,
    readOnly: settings.readOnly,
    bulkLimit: 100_000,
    typedConfirmationThreshold: 100,
    now,
  };
  const app = createBffApp(deps, {
    webDir: settings.webDir,
    publicUrl: settings.publicUrl ?? null,
    log: options.log,
  });
  let started = false;
  return {
    app,
    deps,
    sampler,
    async start() {
      if (started) return;
      started = true;
      await registry.start(settings.healthIntervalMs);
      ingest.start();
      sampler.start();
    },
    async close() {
      await sampler.stop();
      await ingest.stop();
      await registry.stop();
      hub.close();
      await operations.drain();
      deps.audit.close();
      deps.auth.close?.();
    },
  };
}
