import { Hono } from 'hono';
import { z } from 'zod';
import { jobToWire } from '../engine/jobWire';
import { notFound } from '../errors';
import type { AppEnv, HttpDeps } from './AppEnv';
import { readJsonObject } from './body';
import { noContent, ojsJson } from './response';
import { checkQueueName, pageParams } from './queueRoutes';
import { parseOr400, queryObject } from './validate';

const overrideSchema = z.looseObject({
  override: z
    .looseObject({
      queue: z
        .string()
        .regex(/^[a-z0-9][a-z0-9\-.]*$/)
        .max(128)
        .optional(),
      priority: z.int().min(-100).max(100).optional(),
    })
    .optional(),
});

/** Data-plane dead letter endpoints (HB Appendix A, dead-letter §10). */
export function deadLetterRoutes(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { engine } = deps;

  app.get('/dead-letter', (c) => {
    const q = queryObject(c.req.url);
    const { limit, offset } = pageParams(q, 50, 1000);
    const queue = q['queue'] !== undefined ? checkQueueName(q['queue']) : undefined;
    const query: Parameters<typeof engine.store.listJobs>[0] = {
      deadLetter: true,
      sort: 'created_at',
      order: 'desc',
      offset,
      limit,
      ...(queue !== undefined ? { queue } : {}),
    };
    if (q['cursor'] !== undefined) query.cursor = q['cursor'];
    const page = engine.store.listJobs(query);
    return ojsJson(c, {
      jobs: page.items.map(jobToWire),
      pagination: {
        total: page.total,
        limit,
        offset,
        has_more: page.nextCursor !== undefined || offset + page.items.length < page.total,
        ...(page.nextCursor !== undefined ? { next_cursor: page.nextCursor } : {}),
      },
    });
  });

  app.post('/dead-letter/:id/retry', async (c) => {
    const body = await readJsonObject(c, { required: false, limit: deps.options.maxBodyBytes });
    const input = parseOr400(overrideSchema, body ?? {}, 'retry');
    const id = c.req.param('id');
    const job = engine.tx(() => {
      const current = engine.findJob(id);
      if (!current || current.deadLetterAt === undefined) throw notFound('Dead letter job', id);
      const retried = engine.retryInTx(current, { component: 'api' });
      const o = input.override;
      if (!o || (o.queue === undefined && o.priority === undefined)) return retried;
      const moved = {
        ...retried,
        ...(o.queue !== undefined ? { queue: o.queue } : {}),
        ...(o.priority !== undefined ? { priority: o.priority } : {}),
      };
      if (o.queue !== undefined) engine.ensureQueue(o.queue);
      engine.store.updateJob(moved, retried);
      return moved;
    });
    return ojsJson(c, { job: jobToWire(job) });
  });

  app.delete('/dead-letter/:id', (c) => {
    const id = c.req.param('id');
    engine.tx(() => {
      const job = engine.findJob(id);
      if (!job || job.deadLetterAt === undefined) throw notFound('Dead letter job', id);
      engine.deleteInTx(job, { component: 'api', reason: 'dead_letter_delete' });
    });
    return ojsJson(c, { deleted: true, job_id: id, id });
  });

  return app;
}

/** Shared by the admin routes: DELETE answers 204 there. */
export function deleteDeadLetter(deps: HttpDeps, id: string): Response {
  deps.engine.tx(() => {
    const job = deps.engine.findJob(id);
    if (!job || job.deadLetterAt === undefined) throw notFound('Dead letter job', id);
    deps.engine.deleteInTx(job, { component: 'admin', reason: 'dead_letter_delete' });
  });
  return noContent();
}
