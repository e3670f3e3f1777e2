import { createOjsClient, type FetchLike, type OjsClient } from '@lookout/ojs-client';
import type { Manifest } from '@lookout/ojs-types';
import type { Capabilities, Capability, LiveSource } from '../api/schemas';
import type { ClusterConfig } from '../config/loadConfig';
import { ApiError } from '../errors/ApiError';
import { asUpstreamError, toApiError } from '../errors/toApiError';
import { deriveCapabilities, NO_CAPABILITIES, type CapabilityProbes } from './capabilities';

export interface ClusterState {
  reachable: boolean;
  latencyMs: number | null;
  manifest: Manifest | undefined;
  capabilities: Capabilities;
  probes: CapabilityProbes;
  checkedAt: number | null;
  lastSeenAt: number | null;
  error: { code: string; message: string } | undefined;
  uptimeSeconds: number | undefined;
  liveSource: LiveSource | null;
}

/** Why a cluster's reachability changed. */
export type ClusterChange =
  | { kind: 'reachable'; cluster: Cluster }
  | { kind: 'unreachable'; cluster: Cluster }
  | { kind: 'restarted'; cluster: Cluster }
  | { kind: 'capabilities'; cluster: Cluster };

/** Statuses meaning "this endpoint does not exist here". */
function isMissingEndpoint(error: unknown): boolean {
  const upstream = asUpstreamError(error);
  return upstream !== null && (upstream.status === 404 || upstream.status === 405 || upstream.status === 501);
}

function isUnreachable(error: unknown): boolean {
  const upstream = asUpstreamError(error);
  return (
    upstream !== null &&
    (upstream.status === 0 ||
      upstream.status === 502 ||
      upstream.status === 503 ||
      upstream.status === 504 ||
      upstream.code === 'backend_unavailable' ||
      upstream.code === 'backend_timeout')
  );
}

/** One configured OJS server. */
export class Cluster {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly client: OjsClient;
  state: ClusterState = {
    reachable: false,
    latencyMs: null,
    manifest: undefined,
    capabilities: { ...NO_CAPABILITIES },
    probes: {},
    checkedAt: null,
    lastSeenAt: null,
    error: undefined,
    uptimeSeconds: undefined,
    liveSource: null,
  };

  constructor(
    config: ClusterConfig,
    client: OjsClient,
    private readonly onCallFailure: (cluster: Cluster, error: unknown) => void,
  ) {
    this.id = config.id;
    this.name = config.name;
    this.url = config.url;
    this.client = client;
  }

  get urlHost(): string {
    return new URL(this.url).host;
  }

  get capabilities(): Capabilities {
    return this.state.capabilities;
  }

  /** Throws 501 `unsupported` when the upstream lacks the capability. */
  require(capability: Capability, what: string): void {
    if (!this.state.capabilities[capability]) {
      throw ApiError.unsupported(capability, `OJS server "${this.id}" does not offer ${what}`);
    }
  }

  /**
   * Calls the upstream; any failure becomes an ApiError (502 `backend_unavailable`,
   * 502 `bad_upstream_response`, passthrough 4xx...). Unreachability is noted for health.
   */
  async call<T>(fn: (client: OjsClient) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client);
    } catch (error) {
      this.onCallFailure(this, error);
      throw toApiError(error, this.id);
    }
  }

  /** Like {@link call}, but a missing endpoint (404/405/501) resolves to `undefined`. */
  async callOptional<T>(fn: (client: OjsClient) => Promise<T>): Promise<T | undefined> {
    try {
      return await fn(this.client);
    } catch (error) {
      if (isMissingEndpoint(error)) return undefined;
      this.onCallFailure(this, error);
      throw toApiError(error, this.id);
    }
  }
}

export interface ClusterRegistryOptions {
  /** A fetch per cluster (tests inject the embedded server here); defaults to the global fetch. */
  fetchFor?: ((cluster: ClusterConfig) => FetchLike | undefined) | undefined;
  timeoutMs: number;
  maxResponseBytes: number;
  now?: () => number;
  onChange?: (change: ClusterChange) => void;
}

/** The configured clusters, their clients and their health / capabilities, refreshed periodically. */
export class ClusterRegistry {
  private readonly clusters = new Map<string, Cluster>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private refreshing = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(change: ClusterChange) => void>();

  constructor(
    configs: ClusterConfig[],
    private readonly options: ClusterRegistryOptions,
  ) {
    this.now = options.now ?? Date.now;
    if (options.onChange) this.listeners.add(options.onChange);
    for (const config of configs) {
      const client = createOjsClient({
        baseUrl: config.url,
        token: config.token,
        fetch: options.fetchFor?.(config),
        timeoutMs: options.timeoutMs,
        maxResponseBytes: options.maxResponseBytes,
        userAgent: 'lookout-bff',
      });
      this.clusters.set(
        config.id,
        new Cluster(config, client, (cluster, error) => this.noteFailure(cluster, error)),
      );
    }
  }

  onChange(listener: (change: ClusterChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: ClusterChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // listeners never break health checks
      }
    }
  }

  list(): Cluster[] {
    return [...this.clusters.values()];
  }

  ids(): string[] {
    return [...this.clusters.keys()];
  }

  /** The cluster, or 404 `not_found`. */
  get(id: string): Cluster {
    const cluster = this.clusters.get(id);
    if (!cluster) throw ApiError.notFound(`unknown cluster "${id}"`, { cluster: id, known: this.ids() });
    return cluster;
  }

  /** The clusters a request addresses: one (404 when unknown) or all. */
  select(id: string | undefined): Cluster[] {
    return id === undefined ? this.list() : [this.get(id)];
  }

  private noteFailure(cluster: Cluster, error: unknown): void {
    if (!isUnreachable(error) || !cluster.state.reachable) return;
    const upstream = asUpstreamError(error);
    cluster.state = {
      ...cluster.state,
      reachable: false,
      error: { code: 'backend_unavailable', message: upstream?.message ?? 'unreachable' },
    };
    this.emit({ kind: 'unreachable', cluster });
    // Check again soon to notice the return quickly.
    void this.refresh(cluster.id);
  }

  /** Checks health and manifest (and probes optional endpoints after a (re)connect). */
  refresh(id: string): Promise<void> {
    const running = this.refreshing.get(id);
    if (running) return running;
    const promise = this.doRefresh(this.get(id)).finally(() => this.refreshing.delete(id));
    this.refreshing.set(id, promise);
    return promise;
  }

  refreshAll(): Promise<void> {
    return Promise.all(this.ids().map((id) => this.refresh(id))).then(() => undefined);
  }

  private async doRefresh(cluster: Cluster): Promise<void> {
    const wasReachable = cluster.state.reachable;
    const start = performance.now();
    let uptime: number | undefined;
    try {
      const health = await cluster.client.health();
      uptime = health.uptime_seconds;
    } catch (error) {
      // A server without the health endpoint is still usable; anything else means unreachable.
      if (!isMissingEndpoint(error)) {
        this.markDown(cluster, error, wasReachable);
        return;
      }
    }
    const latencyMs = Math.round((performance.now() - start) * 10) / 10;
    let manifest = cluster.state.manifest;
    let probes = cluster.state.probes;
    const restarted =
      wasReachable &&
      uptime !== undefined &&
      cluster.state.uptimeSeconds !== undefined &&
      uptime + 1 < cluster.state.uptimeSeconds;
    const needsDiscovery = !wasReachable || restarted || manifest === undefined;
    if (needsDiscovery) {
      try {
        manifest = await cluster.client.manifest();
      } catch (error) {
        this.markDown(cluster, error, wasReachable);
        return;
      }
      probes = await this.probe(cluster);
    }
    const capabilities = deriveCapabilities(manifest, probes);
    const capabilitiesChanged = JSON.stringify(capabilities) !== JSON.stringify(cluster.state.capabilities);
    const now = this.now();
    cluster.state = {
      ...cluster.state,
      reachable: true,
      latencyMs,
      manifest,
      probes,
      capabilities,
      checkedAt: now,
      lastSeenAt: now,
      error: undefined,
      uptimeSeconds: uptime,
    };
    if (!wasReachable) this.emit({ kind: 'reachable', cluster });
    else if (restarted) this.emit({ kind: 'restarted', cluster });
    else if (capabilitiesChanged) this.emit({ kind: 'capabilities', cluster });
  }

  private markDown(cluster: Cluster, error: unknown, wasReachable: boolean): void {
    const mapped = toApiError(error, cluster.id);
    cluster.state = {
      ...cluster.state,
      reachable: false,
      latencyMs: null,
      checkedAt: this.now(),
      error: { code: mapped.code, message: mapped.message },
    };
    if (wasReachable) this.emit({ kind: 'unreachable', cluster });
  }

  private async probe(cluster: Cluster): Promise<CapabilityProbes> {
    const attempt = async (fn: () => Promise<unknown>): Promise<boolean | undefined> => {
      try {
        await fn();
        return true;
      } catch (error) {
        return isMissingEndpoint(error) ? false : undefined;
      }
    };
    const c = cluster.client;
    const [adminApi, eventsPoll, statsHistory] = await Promise.all([
      attempt(() => c.admin.queues.list({ page: 1, perPage: 1 })),
      attempt(() => c.events.poll({ limit: 1 })),
      attempt(() =>
        c.admin.stats.history({ period: '1m', since: new Date(this.now() - 60_000).toISOString() }),
      ),
    ]);
    return { adminApi, eventsPoll, statsHistory };
  }

  /** Refreshes every cluster now and then every `intervalMs`. */
  start(intervalMs: number): Promise<void> {
    if (!this.timer) {
      this.timer = setInterval(() => void this.refreshAll(), intervalMs);
      this.timer.unref();
    }
    return this.refreshAll();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all([...this.refreshing.values()]);
  }
}
