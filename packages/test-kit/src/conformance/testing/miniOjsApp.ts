/**
 * A deliberately small OJS server used to test the conformance harness itself: in-memory jobs, enqueue, info,
 * fetch, ack, the admin job detail and a reset endpoint. It implements just enough of the protocol for a few
 * real cases (L0-ENV-001, L0-OPS-008, L0-OPS-020, L0-OPS-032, EXT-ADM-004) and can be told to misbehave in
 * precise ways so the tests can check that the harness reports each fault exactly.
 *
 * Not exported from the package: it is a test fixture, not an OJS server.
 */

import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { makeUuidV7 } from '../../factories/makeUuidV7';

export interface MiniOjsFaults {
  /** Answer a successful enqueue with this status instead of 201. */
  enqueueStatus?: number;
  /** Leave this field out of every job in responses. */
  omitJobField?: string;
  /** Send this Content-Type instead of application/openjobspec+json. */
  contentType?: string;
  /** Fetch does not claim the job, so two concurrent fetches both get it. */
  fetchDoesNotClaim?: boolean;
  /** Every job read carries a field that changes on each read. */
  volatileReads?: boolean;
}

interface StoredJob {
  [key: string]: unknown;
  id: string;
  type: string;
  queue: string;
  args: unknown[];
  meta: Record<string, unknown>;
  state: string;
  attempt: number;
}

const enqueueSchema = z.looseObject({
  type: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/),
  args: z.array(z.unknown()),
  meta: z.record(z.string(), z.unknown()).optional(),
  options: z.looseObject({ queue: z.string().optional() }).optional(),
});
const fetchSchema = z.object({ queues: z.array(z.string()).min(1), worker_id: z.string().optional() });
const ackSchema = z.object({ job_id: z.string(), result: z.unknown().optional() });

export interface MiniOjsApp {
  app: Hono;
  /** Number of POSTs to /test/reset so far. */
  resets(): number;
}

export function createMiniOjsApp(faults: MiniOjsFaults = {}): MiniOjsApp {
  const jobs = new Map<string, StoredJob>();
  let reads = 0;
  let resets = 0;
  const app = new Hono();

  const send = (c: Context, body: unknown, status: number) => {
    c.header('OJS-Version', '1.0');
    return c.body(JSON.stringify(body), status as 200, {
      'Content-Type': faults.contentType ?? 'application/openjobspec+json',
    });
  };
  const error = (c: Context, status: number, code: string, message: string) =>
    send(c, { error: { code, message, retryable: false } }, status);
  const view = (job: StoredJob): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...job };
    if (faults.omitJobField) delete out[faults.omitJobField];
    if (faults.volatileReads) out.read_sequence = ++reads;
    return out;
  };
  const readJson = async (c: Context): Promise<unknown> => {
    try {
      return (await c.req.json()) as unknown;
    } catch {
      return undefined;
    }
  };

  app.post('/test/reset', (c) => {
    resets++;
    jobs.clear();
    return c.body(null, 204);
  });

  app.post('/ojs/v1/jobs', async (c) => {
    const parsed = enqueueSchema.safeParse(await readJson(c));
    if (!parsed.success)
      return error(c, 400, 'invalid_request', parsed.error.issues[0]?.message ?? 'invalid');
    const { type, args, meta, options, ...extra } = parsed.data;
    const now = new Date().toISOString();
    const job: StoredJob = {
      ...extra,
      specversion: '1.0',
      id: makeUuidV7(),
      type,
      queue: options?.queue ?? 'default',
      args,
      meta: meta ?? {},
      priority: 0,
      state: 'available',
      attempt: 0,
      max_attempts: 3,
      created_at: now,
      enqueued_at: now,
    };
    jobs.set(job.id, job);
    return send(c, { job: view(job) }, faults.enqueueStatus ?? 201);
  });

  app.get('/ojs/v1/jobs/:id', (c) => {
    const job = jobs.get(c.req.param('id'));
    return job ? send(c, { job: view(job) }, 200) : error(c, 404, 'not_found', 'job not found');
  });

  app.get('/ojs/v1/admin/jobs/:id', (c) => {
    const job = jobs.get(c.req.param('id'));
    return job ? send(c, view(job), 200) : error(c, 404, 'not_found', 'job not found');
  });

  app.post('/ojs/v1/workers/fetch', async (c) => {
    const parsed = fetchSchema.safeParse(await readJson(c));
    if (!parsed.success) return error(c, 400, 'invalid_request', 'queues required');
    // Yield once so that concurrent fetches really interleave.
    await new Promise((resolve) => setImmediate(resolve));
    const job = [...jobs.values()].find(
      (j) => j.state === 'available' && parsed.data.queues.includes(j.queue),
    );
    if (!job) return send(c, { jobs: [] }, 200);
    if (!faults.fetchDoesNotClaim) {
      job.state = 'active';
      job.attempt += 1;
      job.started_at = new Date().toISOString();
      if (parsed.data.worker_id) job.worker_id = parsed.data.worker_id;
    }
    return send(c, { jobs: [view({ ...job, state: 'active' })] }, 200);
  });

  app.post('/ojs/v1/workers/ack', async (c) => {
    const parsed = ackSchema.safeParse(await readJson(c));
    if (!parsed.success) return error(c, 400, 'invalid_request', 'job_id required');
    const job = jobs.get(parsed.data.job_id);
    if (!job) return error(c, 404, 'not_found', 'job not found');
    if (job.state !== 'active') return error(c, 409, 'conflict', `job is ${job.state}, not active`);
    job.state = 'completed';
    job.result = parsed.data.result;
    job.completed_at = new Date().toISOString();
    return send(c, { acknowledged: true, id: job.id, job_id: job.id, state: job.state }, 200);
  });

  return { app, resets: () => resets };
}
