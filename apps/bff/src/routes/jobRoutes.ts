import type {
  JobActionResponse,
  JobDeleteResponse,
  JobDetailResponse,
  JobsResponse,
  WhyResponse,
} from '../api/schemas';
import { jobsQuerySchema } from '../api/schemas';
import type { Cluster } from '../clusters/ClusterRegistry';
import { ApiError } from '../errors/ApiError';
import type { BffDeps } from '../http/BffDeps';
import { parseQuery } from '../http/validate';
import { explainWaiting, type WaitFacts } from '../services/explainWaiting';
import { jobTimeline } from '../services/jobTimeline';
import { lookupUniqueHolders } from '../services/uniqueHolders';
import { workflowGraph } from '../services/workflowGraph';
import { route, type RouteSpec } from './routeTable';
import { assertSearchable, redactsFor, redactSummaries } from '../security/viewerRedaction';

/** States in which a job waits to run (a unique key held elsewhere may be why). */
const WAITING_STATES = new Set(['available', 'scheduled', 'pending', 'retryable']);

type JobRecord = Record<string, unknown> & { id: string; type: string; state: string; queue: string };

/** Loads the full job: admin detail when offered (retry policy, timestamps block), else the core GET. */
export async function loadJob(cluster: Cluster, id: string): Promise<JobRecord> {
  if (cluster.capabilities.admin_api) {
    return await cluster.call((c) => c.admin.jobs.get(id));
  }
  return await cluster.call((c) => c.jobs.get(id));
}

/** Retries one job: the admin retry where offered, else the dead-letter retry. */
export async function retryJob(cluster: Cluster, id: string): Promise<void> {
  if (cluster.capabilities.admin_api) {
    await cluster.call((c) => c.admin.jobs.retry(id));
    return;
  }
  cluster.require('dead_letter', 'retrying jobs');
  await cluster.call((c) => c.deadLetter.retry(id));
}

export async function cancelJob(cluster: Cluster, id: string): Promise<void> {
  await cluster.call((c) => c.jobs.cancel(id));
}

/** Deletes one terminal job: admin bulk delete by id, else the dead-letter delete. */
export async function deleteJob(cluster: Cluster, id: string): Promise<void> {
  if (cluster.capabilities.admin_api) {
    const res = await cluster.call((c) =>
      c.admin.jobs.bulkDelete({ filter: { job_ids: [id] }, confirm: true }),
    );
    if (res.succeeded === 0) {
      const first = 'errors' in res ? res.errors?.[0] : undefined;
      const reason =
        first === undefined
          ? 'it is not in a terminal state'
          : typeof first.error === 'string'
            ? first.error
            : JSON.stringify(first.error);
      if (res.matched === 0)
        throw ApiError.notFound(`job ${id} not found or not deletable (${reason})`, { cluster: cluster.id });
      throw ApiError.conflict(`job ${id} could not be deleted: ${reason}`, { cluster: cluster.id });
    }
    return;
  }
  cluster.require('dead_letter', 'deleting jobs');
  await cluster.call((c) => c.deadLetter.delete(id));
}

/** Jobs: list, detail, why, retry, cancel, delete. */
export function jobRoutes(deps: BffDeps): RouteSpec[] {
  const { registry } = deps;

  const afterWrite = (cluster: Cluster) => {
    deps.snapshots.invalidate(cluster.id);
    deps.deadLetters.invalidate(cluster.id);
  };

  const why = async (cluster: Cluster, job: JobRecord): Promise<WhyResponse> => {
    const now = deps.now();
    const snap = await deps.snapshots.snapshot(cluster);
    const queue = snap.queues.find((q) => q.name === job.queue);
    const facts: WaitFacts = {
      cluster: cluster.id,
      job: {
        id: job.id,
        type: job.type,
        state: job.state,
        queue: job.queue,
        scheduled_at: job.scheduled_at as string | undefined,
        next_attempt_at: job.next_attempt_at as string | undefined,
        worker_id: job.worker_id as string | undefined,
        workflow_id: job.workflow_id as string | undefined,
        attempt: typeof job.attempt === 'number' ? job.attempt : undefined,
        max_attempts: typeof job.max_attempts === 'number' ? job.max_attempts : undefined,
        unique: (job.unique ?? undefined) as Record<string, unknown> | undefined,
      },
      queue: queue ? { paused: queue.paused } : undefined,
    };
    if (snap.workers !== undefined) {
      facts.liveWorkersOnQueue = snap.workers
        .filter(
          (w) =>
            !w.stale && w.state !== 'terminating' && (w.queues.includes(job.queue) || w.queues.includes('*')),
        )
        .map((w) => w.id);
      if (job.state === 'active' && typeof job.worker_id === 'string') {
        const worker = snap.workers.find((w) => w.id === job.worker_id);
        if (worker?.stale) {
          facts.workerStale = {
            id: worker.id,
            ...(worker.last_heartbeat_at ? { lastHeartbeatAt: worker.last_heartbeat_at } : {}),
          };
        }
      }
    }
    if (cluster.capabilities.admin_api) {
      const [detail, maintenance] = await Promise.all([
        cluster.callOptional((c) => c.admin.queues.get(job.queue)).catch(() => undefined),
        cluster.callOptional((c) => c.admin.system.getMaintenance()).catch(() => undefined),
      ]);
      const rate = detail?.configuration?.rate_limit;
      if (facts.queue && rate) facts.queue.rateLimit = { limit: rate.limit, period: rate.period };
      if (maintenance) facts.maintenance = { enabled: maintenance.maintenance, reason: maintenance.reason };
    }
    if (typeof job.workflow_id === 'string' && cluster.capabilities.workflows) {
      const wf = await cluster
        .callOptional((c) => c.workflows.get(job.workflow_id as string))
        .catch(() => undefined);
      if (wf?.type === 'chain') {
        const graph = workflowGraph(wf, []);
        const index = graph.nodes.findIndex((n) => n.job_id === job.id);
        if (index > 0) {
          facts.unfinishedParents = graph.nodes
            .slice(0, index)
            .filter((n) => n.state !== 'completed')
            .map((n) => ({ job_id: n.job_id, type: n.type, state: n.state }));
        }
      }
    }
    if (WAITING_STATES.has(job.state) && job.unique) {
      const holders = await lookupUniqueHolders(cluster, job, now).catch(() => undefined);
      if (holders) facts.uniqueHolders = holders;
    }
    return explainWaiting(facts, now);
  };

  return [
    route('GET', '/jobs', 'viewer', async (c) => {
      const query = parseQuery(c, jobsQuerySchema);
      const viewer = redactsFor(c);
      if (viewer) assertSearchable(query.q, deps.redactor);
      const page = await deps.jobs.search(query, {
        sort: query.sort,
        order: query.order,
        page: query.page,
        perPage: query.per_page,
      });
      const body: JobsResponse = {
        items: viewer ? redactSummaries(page.items, deps.redactor) : page.items,
        pagination: {
          total: page.total,
          page: query.page,
          per_page: query.per_page,
          has_more: query.page * query.per_page < page.total || (page.scan?.truncated ?? false),
        },
        ...(page.scan ? { scan: page.scan } : {}),
        errors: page.errors,
      };
      return c.json(body, 200);
    }),
    route('GET', '/clusters/:cluster/jobs/:id', 'viewer', async (c) => {
      const cluster = registry.get(c.req.param('cluster'));
      const job = await loadJob(cluster, c.req.param('id'));
      const live = deps.hub.recent({ clusters: [cluster.id], jobs: [job.id] });
      const events = jobTimeline(job, live);
      if (redactsFor(c)) {
        const hidden = deps.redactor.redact({ job, events });
        const body: JobDetailResponse = {
          cluster: cluster.id,
          ...hidden.value,
          ...(hidden.redacted ? { redacted: true } : {}),
        };
        return c.json(body, 200);
      }
      const body: JobDetailResponse = { cluster: cluster.id, job, events };
      return c.json(body, 200);
    }),
    route('GET', '/clusters/:cluster/jobs/:id/why', 'viewer', async (c) => {
      const cluster = registry.get(c.req.param('cluster'));
      const job = await loadJob(cluster, c.req.param('id'));
      const body = await why(cluster, job);
      return c.json(redactsFor(c) ? deps.redactor.redact(body).value : body, 200);
    }),
    route(
      'POST',
      '/clusters/:cluster/jobs/:id/retry',
      'operator',
      async (c) => {
        const cluster = registry.get(c.req.param('cluster'));
        const id = c.req.param('id');
        await retryJob(cluster, id);
        afterWrite(cluster);
        const body: JobActionResponse = {
          cluster: cluster.id,
          job: await loadJob(cluster, id).catch(() => ({ id })),
        };
        return c.json(body, 200);
      },
      { audit: { action: 'job.retry', target: (c) => `job:${c.req.param('id') ?? ''}` } },
    ),
    route(
      'POST',
      '/clusters/:cluster/jobs/:id/cancel',
      'operator',
      async (c) => {
        const cluster = registry.get(c.req.param('cluster'));
        const id = c.req.param('id');
        await cancelJob(cluster, id);
        afterWrite(cluster);
        const body: JobActionResponse = {
          cluster: cluster.id,
          job: await loadJob(cluster, id).catch(() => ({ id })),
        };
        return c.json(body, 200);
      },
      { audit: { action: 'job.cancel', target: (c) => `job:${c.req.param('id') ?? ''}` } },
    ),
    route(
      'DELETE',
      '/clusters/:cluster/jobs/:id',
      'admin',
      async (c) => {
        const cluster = registry.get(c.req.param('cluster'));
        const id = c.req.param('id');
        await deleteJob(cluster, id);
        afterWrite(cluster);
        const body: JobDeleteResponse = { cluster: cluster.id, deleted: true, job_id: id };
        return c.json(body, 200);
      },
      { audit: { action: 'job.delete', target: (c) => `job:${c.req.param('id') ?? ''}` } },
    ),
  ];
}
