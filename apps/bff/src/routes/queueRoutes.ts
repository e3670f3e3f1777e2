import { adminQueueDetailSchema } from '@lookout/ojs-types';
import { noteAudit, route, type RouteSpec } from './routeTable';
import { z } from 'zod';
import type { PurgeResponse, QueueActionResponse, QueueDetailResponse, QueuesResponse } from '../api/schemas';
import { clusterQuerySchema, purgeBodySchema } from '../api/schemas';
import type { Cluster } from '../clusters/ClusterRegistry';
import { ApiError, isApiError } from '../errors/ApiError';
import type { BffDeps } from '../http/BffDeps';
import { JSON_CONTENT_TYPE, JsonBodyMemo } from '../http/JsonBodyMemo';
import { parseBody, parseQuery } from '../http/validate';
import { toCounts } from '../services/mappers';
import type { QueueSnapshot } from '../services/SnapshotService';

/** Admin queue detail, read tolerantly (`latency_ms` is not used and may hold nulls). */
const tolerantQueueDetailSchema = adminQueueDetailSchema.extend({ latency_ms: z.unknown().optional() });

function queueRow(cluster: string, q: QueueSnapshot) {
  return {
    cluster,
    name: q.name,
    paused: q.paused,
    counts: q.counts,
    throughput: q.throughput,
    workers: q.workers,
    ...(q.oldestAvailableAt ? { oldest_available_at: q.oldestAvailableAt } : {}),
  };
}

/** Queues: list, detail, pause, resume, purge. */
export function queueRoutes(deps: BffDeps): RouteSpec[] {
  const { registry, snapshots } = deps;
  const bodies = new JsonBodyMemo();

  const afterWrite = (cluster: Cluster) => {
    snapshots.invalidate(cluster.id);
    deps.cache.invalidate(`queue:${cluster.id}:`, true);
  };

  const pauseOrResume = async (cluster: Cluster, name: string, pause: boolean) => {
    cluster.require('pause_resume', 'pausing queues');
    const result = await cluster.call((c) =>
      cluster.capabilities.admin_api
        ? pause
          ? c.admin.queues.pause(name)
          : c.admin.queues.resume(name)
        : pause
          ? c.queues.pause(name)
          : c.queues.resume(name),
    );
    afterWrite(cluster);
    return { cluster: cluster.id, name: result.name, paused: result.paused };
  };

  return [
    route('GET', '/queues', 'viewer', async (c) => {
      const { cluster } = parseQuery(c, clusterQuerySchema);
      const snaps = await snapshots.snapshots(registry.select(cluster));
      if (cluster !== undefined && snaps[0] && !snaps[0].reachable) {
        const cl = registry.get(cluster);
        throw new ApiError({
          status: 502,
          code: snaps[0].error?.code ?? 'backend_unavailable',
          message: snaps[0].error?.message ?? `OJS server "${cl.id}" is unavailable`,
          retryable: true,
          details: { cluster: cl.id },
        });
      }
      const text = bodies.text(`queues:${cluster ?? '*'}`, snaps, (): QueuesResponse => ({
        queues: snaps.flatMap((s) => s.queues.map((q) => queueRow(s.cluster, q))),
        errors: snaps
          .filter((s) => !s.reachable)
          .map((s) => ({
            cluster: s.cluster,
            code: s.error?.code ?? 'backend_unavailable',
            message: s.error?.message ?? '',
          })),
      }));
      return c.body(text, 200, JSON_CONTENT_TYPE);
    }),
    route('GET', '/clusters/:cluster/queues/:name', 'viewer', async (c) => {
      const cluster = registry.get(c.req.param('cluster'));
      const name = c.req.param('name');
      const snap = await snapshots.snapshot(cluster);
      let row = snap.queues.find((q) => q.name === name);
      let configuration: Record<string, unknown> | undefined;
      if (cluster.capabilities.admin_api) {
        const detail = await deps.cache
          .get(`queue:${cluster.id}:${name}`, () =>
            cluster.call((cl) =>
              cl.transport.request({
                method: 'GET',
                path: `/ojs/v1/admin/queues/${encodeURIComponent(name)}`,
                schema: tolerantQueueDetailSchema,
              }),
            ),
          )
          .catch((error: unknown) => {
            // A detail this BFF cannot read (unexpected shape) degrades to the snapshot row.
            if (isApiError(error) && error.code === 'bad_upstream_response' && row) return undefined;
            throw error;
          });
        configuration = detail?.configuration ?? undefined;
        if (detail)
          row ??= {
            name: detail.name,
            paused: detail.paused ?? false,
            counts: toCounts(detail.counts),
            throughput: {
              completed_per_min: detail.throughput?.processed_per_minute ?? 0,
              failed_per_min: detail.throughput?.failed_per_minute ?? 0,
            },
            workers: null,
          };
        if (detail?.oldest_available_at && row)
          row = { ...row, oldestAvailableAt: detail.oldest_available_at };
      }
      if (!row) {
        const stats = await cluster.call((cl) => cl.queues.stats(name));
        row = {
          name,
          paused: stats.paused ?? false,
          counts: toCounts(stats),
          throughput: { completed_per_min: 0, failed_per_min: 0 },
          workers: null,
        };
      }
      const workers = (snap.workers ?? []).filter((w) => w.queues.includes(name) || w.queues.includes('*'));
      const body: QueueDetailResponse = {
        ...queueRow(cluster.id, row),
        ...(configuration ? { configuration } : {}),
        workers_list: workers,
      };
      return c.json(body, 200);
    }),
    route(
      'POST',
      '/clusters/:cluster/queues/:name/pause',
      'operator',
      async (c) => {
        const cluster = registry.get(c.req.param('cluster'));
        const body: QueueActionResponse = { queue: await pauseOrResume(cluster, c.req.param('name'), true) };
        return c.json(body, 200);
      },
      { audit: { action: 'queue.pause', target: (c) => `queue:${c.req.param('name') ?? ''}` } },
    ),
    route(
      'POST',
      '/clusters/:cluster/queues/:name/resume',
      'operator',
      async (c) => {
        const cluster = registry.get(c.req.param('cluster'));
        const body: QueueActionResponse = { queue: await pauseOrResume(cluster, c.req.param('name'), false) };
        return c.json(body, 200);
      },
      { audit: { action: 'queue.resume', target: (c) => `queue:${c.req.param('name') ?? ''}` } },
    ),
    route(
      'POST',
      '/clusters/:cluster/queues/:name/purge',
      'admin',
      async (c) => {
        const cluster = registry.get(c.req.param('cluster'));
        const body = await parseBody(c, purgeBodySchema);
        cluster.require('purge', 'purging queues');
        const name = c.req.param('name');
        const result = await cluster.call((cl) =>
          cl.admin.queues.purge(name, {
            states: body.states,
            confirm: true,
            ...(body.older_than ? { older_than: body.older_than } : {}),
          }),
        );
        afterWrite(cluster);
        const response: PurgeResponse = {
          cluster: cluster.id,
          queue: name,
          purged: result.purged_count,
          states: body.states,
        };
        noteAudit(c, {
          count: result.purged_count,
          filter: { states: body.states, ...(body.older_than ? { older_than: body.older_than } : {}) },
        });
        return c.json(response, 200);
      },
      { audit: { action: 'queue.purge', target: (c) => `queue:${c.req.param('name') ?? ''}` } },
    ),
  ];
}
