import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one BFF instance (its own registry, so several instances can coexist in tests). */
export class BffMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly sseClients: Gauge;
  readonly sseEvents: Counter;
  readonly upstreamErrors: Counter<'cluster' | 'code'>;
  readonly upstreamLatency: Histogram<'cluster'>;
  readonly invalidUpstreamEvents: Counter<'cluster'>;
  readonly clusterUp: Gauge<'cluster'>;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: 'lookout_' });
    this.httpDuration = new Histogram({
      name: 'lookout_http_request_duration_seconds',
      help: 'BFF request durations by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.sseClients = new Gauge({
      name: 'lookout_sse_clients',
      help: 'Browsers connected to /api/events',
      registers: [this.registry],
    });
    this.sseEvents = new Counter({
      name: 'lookout_sse_events_total',
      help: 'Events published to browsers',
      registers: [this.registry],
    });
    this.upstreamErrors = new Counter({
      name: 'lookout_upstream_errors_total',
      help: 'Failed upstream calls by cluster and error code',
      labelNames: ['cluster', 'code'],
      registers: [this.registry],
    });
    this.upstreamLatency = new Histogram({
      name: 'lookout_upstream_health_latency_seconds',
      help: 'Latency of upstream health checks',
      labelNames: ['cluster'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.invalidUpstreamEvents = new Counter({
      name: 'lookout_upstream_invalid_events_total',
      help: 'Upstream events that could not be understood',
      labelNames: ['cluster'],
      registers: [this.registry],
    });
    this.clusterUp = new Gauge({
      name: 'lookout_cluster_up',
      help: '1 when the cluster is reachable',
      labelNames: ['cluster'],
      registers: [this.registry],
    });
  }
}
