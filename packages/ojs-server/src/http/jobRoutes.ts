import { z } from 'zod';
import { Hono } from 'hono';
import { jobToWire } from '../engine/jobWire';
import { parseEnqueueRequest, type ParsedEnqueue } from '../engine/parseEnqueue';
import { invalidRequest, isOjsServerError, OjsServerError } from '../errors';
import type { JobRecord } from '../store/records';
import type { AppEnv, HttpDeps } from './AppEnv';
import { readJsonObject } from './body';
import { ojsJson } from './response';
import { parseOr400 } from './validate';

const progressSchema = z.looseObject({
  progress: z.number({ error: 'must be a number between 0 and 1' }).optional(),
  message: z.string().max(10_000).optional(),
  data: z.json().optional(),
  checkpoint: z.json().optional(),
});

function jobsArray(body: Record<string, unknown>, max: number): unknown[] {
  const jobs = body['jobs'];
  if (!Array.isArray(jobs)) throw invalidRequest('jobs: must be an array of job envelopes');
  if (jobs.length === 0) throw invalidRequest('jobs: must contain at least one job');
  if (jobs.length > max) {
    throw new OjsServerError(413, 'batch_size_exceeded', `jobs: at most ${max} jobs per request`, {
      details: { max_batch_size: max, received: jobs.length },
      retryable: false,
    });
  }
  return jobs;
}

function progressWire(job: JobRecord): Record<string, unknown> {
  const p = job.progress;
  return {
    job_id: job.id,
    state: job.state,
    progress: p?.value ?? null,
    message: p?.message ?? null,
    data: p?.data ?? null,
    updated_at: p ? new Date(p.updatedAt).toISOString() : null,
  };
}

/** Data-plane job endpoints (HB §9-§10, bulk-operations §4, progress §6-§7). */
export function jobRoutes(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { engine, options } = deps;
  const limit = options.maxBodyBytes;
  const maxBatch = options.defaults.maxBatchSize;

  app.post('/jobs', async (c) => {
    const body = await readJsonObject(c, { required: true, limit });
    const parsed = parseEnqueueRequest(body, engine.clock.now());
    const { job, created, headers } = engine.enqueue(parsed);
    if (!created) return ojsJson(c, { job: jobToWire(job), deduplicated: true }, 200, headers);
    return ojsJson(c, { job: jobToWire(job) }, 201, { ...headers, Location: `/ojs/v1/jobs/${job.id}` });
  });

  app.post('/jobs/batch', async (c) => {
    const body = (await readJsonObject(c, { required: true, limit })) as Record<string, unknown>;
    const now = engine.clock.now();
    const parsed = jobsArray(body, maxBatch).map((j, i) => parseEnqueueRequest(j, now, `jobs[${i}]`));
    const jobs = engine.enqueueBatch(parsed);
    return ojsJson(c, { jobs: jobs.map(jobToWire), count: jobs.length }, 201);
  });

  app.post('/jobs/bulk', async (c) => {
    const body = (await readJsonObject(c, { required: true, limit })) as Record<string, unknown>;
    const atomicity = body['atomicity'] ?? 'partial';
    if (atomicity !== 'partial' && atomicity !== 'atomic') {
      throw invalidRequest(`atomicity: must be "partial" or "atomic"`);
    }
    const now = engine.clock.now();
    const list = jobsArray(body, maxBatch);
    if (atomicity === 'atomic') {
      const parsed = list.map((j, i) => parseEnqueueRequest(j, now, `jobs[${i}]`));
      const jobs = engine.enqueueBatch(parsed);
      return ojsJson(
        c,
        {
          total: jobs.length,
          succeeded: jobs.length,
          failed: 0,
          items: jobs.map((job, index) => ({ index, status: 'created', job: jobToWire(job) })),
        },
        201,
      );
    }
    const items: Record<string, unknown>[] = [];
    let succeeded = 0;
    list.forEach((raw, index) => {
      try {
        const parsed: ParsedEnqueue = parseEnqueueRequest(raw, now, `jobs[${index}]`);
        const { job, created } = engine.enqueue(parsed);
        succeeded++;
        items.push({ index, status: created ? 'created' : 'duplicate', job: jobToWire(job) });
      } catch (e) {
        if (!isOjsServerError(e)) throw e;
        items.push({
          index,
          status: e.code === 'duplicate' ? 'duplicate' : 'failed',
          error: {
            code: e.code,
            type: e.type,
            message: e.message,
            retryable: e.retryable,
            ...(e.details ? { details: e.details } : {}),
          },
        });
      }
    });
    const failed = list.length - succeeded;
    const status = failed === 0 ? 201 : succeeded === 0 ? 422 : 207;
    return ojsJson(c, { total: list.length, succeeded, failed, items }, status);
  });

  app.get('/jobs/:id', (c) => ojsJson(c, { job: jobToWire(engine.getJob(c.req.param('id'))) }));

  app.delete('/jobs/:id', (c) => {
    const job = engine.cancel(c.req.param('id'));
    return ojsJson(c, { job: jobToWire(job) });
  });

  app.post('/jobs/:id/activate', (c) => {
    const job = engine.activate(c.req.param('id'));
    return ojsJson(c, { job: jobToWire(job) });
  });

  app.on(['PUT', 'POST'], '/jobs/:id/progress', async (c) => {
    const body = await readJsonObject(c, { required: true, limit });
    const input = parseOr400(progressSchema, body, 'progress');
    if (input.progress === undefined && input.data === undefined && input.message === undefined) {
      throw invalidRequest('progress: send at least one of progress, data or message');
    }
    const update: Parameters<typeof engine.progress>[1] = {};
    if (input.progress !== undefined) update.progress = input.progress;
    if (input.message !== undefined) update.message = input.message;
    if (input.data !== undefined) update.data = input.data;
    const job = engine.progress(c.req.param('id'), update);
    const wire = progressWire(job);
    return ojsJson(c, wire, 200, progressHeaders(job));
  });

  app.get('/jobs/:id/progress', (c) => {
    const job = engine.getJob(c.req.param('id'));
    return ojsJson(c, progressWire(job), 200, progressHeaders(job));
  });

  return app;
}

function progressHeaders(job: JobRecord): Record<string, string> {
  const h: Record<string, string> = { 'Cache-Control': 'no-cache' };
  if (job.progress?.value !== undefined && job.progress.value !== null)
    h['X-OJS-Progress'] = String(job.progress.value);
  if (job.progress) h['Last-Modified'] = new Date(job.progress.updatedAt).toUTCString();
  return h;
}
