import { cronJobExpression, type Workflow } from '@lookout/ojs-types';
import { redactsFor } from '../security/viewerRedaction';
import { noteAudit, route, type RouteSpec } from './routeTable';
import type {
  CronsResponse,
  MaintenanceResponse,
  WorkerDeregisterResponse,
  WorkerQuietResponse,
  WorkersResponse,
  WorkflowDetailResponse,
  WorkflowSummary,
  WorkflowsResponse,
} from '../api/schemas';
import { clusterQuerySchema, maintenanceBodySchema, workflowsQuerySchema } from '../api/schemas';
import type { Cluster } from '../clusters/ClusterRegistry';
import { isApiError } from '../errors/ApiError';
import { toApiError } from '../errors/toApiError';
import type { BffDeps } from '../http/BffDeps';
import { parseBody, parseQuery } from '../http/validate';
import { describeCron } from '../services/describeCron';
import type { ClusterError } from '../services/JobSearch';
import { workflowGraph, type WorkflowJob } from '../services/workflowGraph';

/** Runs `fn` on each cluster; with one cluster requested its error propagates, else it is collected. */
async function perCluster<T>(
  clusters: Cluster[],
  single: boolean,
  fn: (cluster: Cluster) => Promise<T[]>,
): Promise<{ items: T[]; errors: ClusterError[] }> {
  const items: T[] = [];
  const errors: ClusterError[] = [];
  await Promise.all(
    clusters.map(async (cluster) => {
      try {
        items.push(...(await fn(cluster)));
      } catch (error) {
        if (single) throw error;
        const mapped = isApiError(error) ? error : toApiError(error, cluster.id);
        errors.push({ cluster: cluster.id, code: mapped.code, message: mapped.message });
      }
    }),
  );
  return { items, errors };
}

export function workflowSummary(cluster: string, wf: Workflow): WorkflowSummary {
  const total = wf.type === 'chain' ? (wf.steps_total ?? 0) : (wf.jobs_total ?? 0);
  const completed = wf.type === 'chain' ? (wf.steps_completed ?? 0) : (wf.jobs_completed ?? 0);
  return {
    cluster,
    id: wf.id,
    name: wf.name ?? null,
    kind: wf.type,
    state: wf.state,
    total,
    completed,
    failed: wf.jobs_failed ?? 0,
    created_at: wf.created_at ?? null,
    ...(wf.completed_at ? { completed_at: wf.completed_at } : {}),
  };
}

const WORKFLOW_JOB_SCAN = 2000;

/** Workers, crons and workflows. */
export function resourceRoutes(deps: BffDeps): RouteSpec[] {
  const { registry } = deps;

  /** Jobs of a workflow, found in the admin job list (for rebuilding a graph from counters). */
  const workflowJobs = async (cluster: Cluster, id: string): Promise<WorkflowJob[]> => {
    if (!cluster.capabilities.admin_api) return [];
    const out: WorkflowJob[] = [];
    let order = 0;
    for (let page = 1; page * 100 <= WORKFLOW_JOB_SCAN; page++) {
      const res = await cluster.call((c) =>
        c.admin.jobs.list({ page, perPage: 100, sort: 'created_at', order: 'desc' }),
      );
      for (const item of res.items) {
        const wfId = (item as Record<string, unknown>).workflow_id;
        if (wfId === id) {
          out.push({
            id: item.id,
            type: item.type,
            state: item.state,
            created_at: item.created_at,
            order: order++,
          });
        }
      }
      if (res.items.length < 100) break;
    }
    return out;
  };

  return [
    route('GET', '/workers', 'viewer', async (c) => {
      const { cluster } = parseQuery(c, clusterQuerySchema);
      const { items, errors } = await perCluster(
        registry.select(cluster),
        cluster !== undefined,
        async (cl) => {
          cl.require('worker_admin', 'a worker list (admin API)');
          const snap = await deps.snapshots.snapshot(cl);
          if (!snap.reachable) {
            throw toApiError(
              {
                name: 'OjsError',
                code: 'backend_unavailable',
                status: 0,
                message: snap.error?.message ?? 'unreachable',
                retryable: true,
              },
              cl.id,
            );
          }
          return snap.workers ?? [];
        },
      );
      const body: WorkersResponse = { workers: items, errors };
      return c.json(body, 200);
    }),
    route(
      'POST',
      '/clusters/:cluster/workers/:id/quiet',
      'operator',
      async (c) => {
        const cluster = registry.get(c.req.param('cluster'));
        cluster.require('worker_admin', 'worker management');
        const id = c.req.param('id');
        await cluster.call((cl) => cl.admin.workers.quiet(id));
        deps.snapshots.invalidate(cluster.id);
        const body: WorkerQuietResponse = { cluster: cluster.id, worker_id: id, directive: 'quiet' };
        return c.json(body, 200);
      },
      { audit: { action: 'worker.quiet', target: (c) => `worker:${c.req.param('id') ?? ''}` } },
    ),
    route(
      'DELETE',
      '/clusters/:cluster/workers/:id',
      'admin',
      async (c) => {
        const cluster = registry.get(c.req.param('cluster'));
        cluster.require('worker_admin', 'worker management');
        const id = c.req.param('id');
        await cluster.call((cl) => cl.admin.workers.deregister(id));
        deps.snapshots.invalidate(cluster.id);
        const body: WorkerDeregisterResponse = { cluster: cluster.id, worker_id: id, deregistered: true };
        return c.json(body, 200);
      },
      { audit: { action: 'worker.deregister', target: (c) => `worker:${c.req.param('id') ?? ''}` } },
    ),
    route(
      'POST',
      '/clusters/:cluster/maintenance',
      'admin',
      async (c) => {
        const cluster = registry.get(c.req.param('cluster'));
        const body = await parseBody(c, maintenanceBodySchema);
        cluster.require('maintenance', 'maintenance mode');
        const state = await cluster.call((cl) =>
          cl.admin.system.setMaintenance({
            enabled: body.enabled,
            ...(body.reason === undefined ? {} : { reason: body.reason }),
          }),
        );
        deps.snapshots.invalidate(cluster.id);
        noteAudit(c, { filter: { enabled: body.enabled, ...(body.reason ? { reason: body.reason } : {}) } });
        const response: MaintenanceResponse = {
          cluster: cluster.id,
          maintenance: state.maintenance,
          reason: state.reason ?? null,
        };
        return c.json(response, 200);
      },
      { audit: { action: 'maintenance.set', target: (c) => `cluster:${c.req.param('cluster') ?? ''}` } },
    ),
    route('GET', '/crons', 'viewer', async (c) => {
      const { cluster } = parseQuery(c, clusterQuerySchema);
      const now = deps.now();
      const { items, errors } = await perCluster(
        registry.select(cluster),
        cluster !== undefined,
        async (cl) => {
          cl.require('cron', 'cron jobs');
          const crons = await deps.cache.get(`crons:${cl.id}`, () => cl.call((client) => client.cron.list()));
          return crons.map((cron) => {
            const expression = cronJobExpression(cron);
            const timezone = cron.timezone ?? 'UTC';
            const described = describeCron(expression, timezone, now);
            const template = cron.job_template ?? { type: cron.type ?? 'unknown', args: cron.args ?? [] };
            const lastJobId = (cron as Record<string, unknown>).last_job_id;
            const lastJobState = (cron as Record<string, unknown>).last_job_state;
            return {
              cluster: cl.id,
              name: cron.name,
              expression,
              description: cron.description ?? described.description,
              timezone,
              overlap_policy: cron.overlap_policy ?? null,
              enabled: cron.enabled ?? true,
              next_runs: described.nextRuns,
              ...(cron.last_run_at ? { last_run_at: cron.last_run_at } : {}),
              ...(typeof lastJobId === 'string'
                ? {
                    last_job: {
                      id: lastJobId,
                      state: typeof lastJobState === 'string' ? lastJobState : 'unknown',
                    },
                  }
                : {}),
              job_template: template,
            };
          });
        },
      );
      const body: CronsResponse = { crons: items, errors };
      // Cron job templates hold args: hidden values are redacted for viewers like job args.
      return c.json(redactsFor(c) ? deps.redactor.redact(body).value : body, 200);
    }),
    route('GET', '/workflows', 'viewer', async (c) => {
      const query = parseQuery(c, workflowsQuerySchema);
      const { items, errors } = await perCluster(
        registry.select(query.cluster),
        query.cluster !== undefined,
        async (cl) => {
          cl.require('workflows', 'workflows');
          const res = await deps.cache.get(`workflows:${cl.id}:${query.state ?? ''}`, () =>
            cl.callOptional((client) =>
              client.workflows.list({ limit: 200, ...(query.state ? { state: query.state } : {}) }),
            ),
          );
          return (res?.workflows ?? []).map((wf) => workflowSummary(cl.id, wf));
        },
      );
      const body: WorkflowsResponse = { workflows: items, errors };
      return c.json(body, 200);
    }),
    route('GET', '/clusters/:cluster/workflows/:id', 'viewer', async (c) => {
      const cluster = registry.get(c.req.param('cluster'));
      cluster.require('workflows', 'workflows');
      const id = c.req.param('id');
      const wf = await cluster.call((cl) => cl.workflows.get(id));
      const jobs = wf.nodes && wf.nodes.length > 0 ? [] : await workflowJobs(cluster, id);
      const body: WorkflowDetailResponse = {
        workflow: workflowSummary(cluster.id, wf),
        graph: workflowGraph(wf, jobs),
      };
      return c.json(redactsFor(c) ? deps.redactor.redact(body).value : body, 200);
    }),
  ];
}
