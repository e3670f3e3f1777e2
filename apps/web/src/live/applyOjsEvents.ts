import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { ALL_CLUSTERS } from '../api/ojsKeys';
import type { JobDetail, TimelineEvent } from '../features/job/jobDetail.mapper';
import { jobKeys } from '../features/jobs/jobKeys';
import type { StatsHistory } from '../features/overview/overview.mapper';
import { overviewKeys } from '../features/overview/overviewKeys';
import type { WorkflowDetail } from '../features/workflows/workflow.mapper';
import { workflowKeys } from '../features/workflows/workflowKeys';
import { eventKeys } from '../features/events/eventKeys';
import type { OjsEvent } from './ojsEvent.mapper';

/** How many events the live tail keeps. */
export const EVENT_TAIL_CAP = 500;
/** How many timeline entries a cached job detail keeps. */
export const TIMELINE_CAP = 1000;

export interface ApplyContext {
  /** Throttled invalidation (see invalidationThrottle.model.ts). */
  invalidate: (key: QueryKey) => void;
  /** Invalidate every server-data query at once (after a gap). */
  invalidateAll: () => void;
}

/**
 * Applies a batch of live events to the query cache: patches cached job details and workflow graphs in place,
 * appends to the live tail and to cached metric series, and throttle-invalidates lists and counts.
 * Pure with respect to its inputs: no timers, no network of its own.
 */
export function applyOjsEvents(
  queryClient: QueryClient,
  events: readonly OjsEvent[],
  ctx: ApplyContext,
): void {
  if (events.length === 0) return;
  if (events.some((e) => e.type === 'system.gap')) {
    appendTail(queryClient, events);
    ctx.invalidateAll();
    return;
  }
  const touched = new Set<string>();
  const touch = (cluster: string, resource: string) => touched.add(`${cluster}\u0000${resource}`);

  for (const event of events) {
    const cluster = event.cluster;
    if (event.type === 'system.cluster') {
      touch(cluster, 'health');
      touch(cluster, 'overview');
      continue;
    }
    if (event.type.startsWith('job.')) {
      if (event.jobId) patchJobDetail(queryClient, event);
      if (event.workflowId && event.jobId) patchWorkflowNode(queryClient, event);
      if (event.type !== 'job.heartbeat' && event.type !== 'job.progress') {
        touch(cluster, 'jobs');
        touch(cluster, 'queues');
        touch(cluster, 'overview');
        if (event.to === 'discarded' || event.from === 'discarded' || event.type === 'job.discarded') {
          touch(cluster, 'dead-letter');
        }
        if (event.workflowId) touch(cluster, 'workflows');
        if (event.type === 'job.started' || event.to === 'completed' || event.from === 'active') {
          touch(cluster, 'workers');
        }
        if (event.jobId) touch(cluster, `why:${event.jobId}`);
      }
      appendMetric(queryClient, event);
    } else if (event.type.startsWith('queue.')) {
      touch(cluster, 'queues');
      touch(cluster, 'overview');
    } else if (event.type.startsWith('worker.')) {
      touch(cluster, 'workers');
      if (event.type !== 'worker.heartbeat') touch(cluster, 'overview');
    } else if (event.type.startsWith('workflow.')) {
      touch(cluster, 'workflows');
      if (event.workflowId) touch(cluster, `workflow:${event.workflowId}`);
    } else if (event.type.startsWith('cron.')) {
      touch(cluster, 'crons');
    } else if (event.type.startsWith('dead_letter.')) {
      touch(cluster, 'dead-letter');
      touch(cluster, 'jobs');
    }
  }
  appendTail(queryClient, events);

  for (const entry of touched) {
    const [cluster = '', resource = ''] = entry.split('\u0000');
    for (const key of keysFor(cluster, resource)) ctx.invalidate(key);
  }
}

function keysFor(cluster: string, resource: string): QueryKey[] {
  if (resource === 'health')
    return [
      ['ojs', ALL_CLUSTERS, 'health'],
      ['ojs', ALL_CLUSTERS, 'clusters'],
    ];
  if (resource.startsWith('why:')) return [jobKeys.why(cluster, resource.slice(4))];
  if (resource.startsWith('workflow:')) return [workflowKeys.detail(cluster, resource.slice(9))];
  if (resource === 'overview') {
    return [['ojs', cluster, 'overview'], ['ojs', ALL_CLUSTERS, 'overview'], overviewKeys.signals()];
  }
  if (resource === 'jobs') return [jobKeys.lists(cluster), jobKeys.lists(undefined)];
  const scoped: QueryKey[] = [['ojs', cluster, resource]];
  if (cluster !== ALL_CLUSTERS) scoped.push(['ojs', ALL_CLUSTERS, resource]);
  // Lists only: a job detail is patched in place, and workflow details have their own key.
  if (resource === 'workflows') return scoped.map((k) => [...k, 'list']);
  return scoped;
}

function patchJobDetail(queryClient: QueryClient, event: OjsEvent): void {
  if (!event.jobId) return;
  queryClient.setQueryData<JobDetail>(jobKeys.detail(event.cluster, event.jobId), (old) => {
    if (!old) return old;
    const id = event.seq ?? `${event.type}@${event.time}`;
    if (old.events.some((e) => e.id === id)) return old;
    const entry: TimelineEvent = {
      id,
      type: event.type,
      time: event.time,
      from: event.from ?? old.job.state,
      to: event.to,
      attempt: event.attempt,
      workerId: event.workerId,
      error: event.error,
      data: event.data,
    };
    const job = { ...old.job };
    if (event.to && event.type !== 'job.heartbeat' && event.type !== 'job.progress') job.state = event.to;
    if (event.attempt !== undefined) job.attempt = Math.max(job.attempt, event.attempt);
    if (event.workerId && event.type === 'job.started') job.workerId = event.workerId;
    if (event.progress !== undefined) job.progress = event.progress;
    const events = [...old.events, entry];
    return { job, events: events.length > TIMELINE_CAP ? events.slice(-TIMELINE_CAP) : events };
  });
}

function patchWorkflowNode(queryClient: QueryClient, event: OjsEvent): void {
  const to = event.to;
  if (!event.workflowId || !to || event.type === 'job.heartbeat' || event.type === 'job.progress') return;
  queryClient.setQueryData<WorkflowDetail>(workflowKeys.detail(event.cluster, event.workflowId), (old) => {
    if (!old) return old;
    let changed = false;
    const nodes = old.graph.nodes.map((node) => {
      if (node.jobId !== event.jobId || node.state === to) return node;
      changed = true;
      return { ...node, state: to };
    });
    return changed ? { ...old, graph: { ...old.graph, nodes } } : old;
  });
}

function appendTail(queryClient: QueryClient, events: readonly OjsEvent[]): void {
  queryClient.setQueryData<OjsEvent[]>(eventKeys.tail(), (old = []) => {
    const next = old.concat(events);
    return next.length > EVENT_TAIL_CAP ? next.slice(next.length - EVENT_TAIL_CAP) : next;
  });
}

/** Which metric a job event counts towards, if any. */
function metricOf(event: OjsEvent): 'completed' | 'failed' | 'enqueued' | undefined {
  if (event.type === 'job.completed') return 'completed';
  if (event.type === 'job.failed' || event.type === 'job.discarded' || event.type === 'job.retrying') {
    // A failure is counted once: on job.failed, or on retrying/discarded when the server sends no job.failed.
    return event.type === 'job.failed' ? 'failed' : undefined;
  }
  if (event.type === 'job.enqueued') return 'enqueued';
  return undefined;
}

/**
 * Adds the event to every cached stats series it belongs to (its cluster or all clusters; its queue or no
 * queue): increments the bucket it falls in, or appends new buckets and drops as many from the front.
 */
function appendMetric(queryClient: QueryClient, event: OjsEvent): void {
  const metric = metricOf(event);
  if (!metric) return;
  const at = Date.parse(event.time);
  if (!Number.isFinite(at)) return;
  const scopes = [overviewKeys.statsAll(event.cluster), overviewKeys.statsAll(undefined)];
  for (const scope of scopes) {
    for (const [key, data] of queryClient.getQueriesData<StatsHistory>({ queryKey: scope })) {
      if (!data) continue;
      const params = key[3];
      const queue = params && typeof params === 'object' && 'queue' in params ? params.queue : null;
      if (queue !== null && queue !== event.queue) continue;
      queryClient.setQueryData<StatsHistory>(key, appendToSeries(data, metric, at));
    }
  }
}

export function appendToSeries(
  history: StatsHistory,
  metric: 'completed' | 'failed' | 'enqueued',
  atMs: number,
): StatsHistory {
  const stepMs = history.stepSeconds * 1000;
  const bucket = Math.floor(atMs / stepMs) * stepMs;
  const series = history.series.slice();
  const last = series[series.length - 1];
  const lastAt = last ? Date.parse(last.timestamp) : Number.NaN;
  if (!last || !Number.isFinite(lastAt)) return history;
  if (bucket <= lastAt) {
    // Find the bucket the event falls in (searching from the end; events are mostly recent).
    for (let i = series.length - 1; i >= 0; i--) {
      const point = series[i];
      if (!point) continue;
      const start = Date.parse(point.timestamp);
      if (atMs >= start && atMs < start + stepMs) {
        series[i] = { ...point, [metric]: point[metric] + 1 };
        return { ...history, series };
      }
      if (start < bucket) break;
    }
    return history;
  }
  const gaps = Math.min(series.length, Math.round((bucket - lastAt) / stepMs));
  for (let i = 1; i <= gaps; i++) {
    const timestamp = new Date(lastAt + i * stepMs).toISOString();
    series.push({
      timestamp,
      completed: 0,
      failed: 0,
      enqueued: 0,
      depth: last.depth,
      waitP50Ms: undefined,
      waitP95Ms: undefined,
      runP50Ms: undefined,
      runP95Ms: undefined,
    });
  }
  const newest = series[series.length - 1];
  if (newest) series[series.length - 1] = { ...newest, [metric]: newest[metric] + 1 };
  return { ...history, series: series.slice(series.length - history.series.length) };
}
