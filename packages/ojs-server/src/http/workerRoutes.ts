import {
  ackRequestSchema,
  fetchRequestSchema,
  heartbeatRequestSchema,
  nackRequestSchema,
  normalizeHeartbeatRequest,
  type JsonValue,
} from '@lookout/ojs-types';
import { Hono, type Context } from 'hono';
import { jobToWire } from '../engine/jobWire';
import { OjsEngine, type FetchRequestInput, type HeartbeatInput, type NackInput } from '../engine/OjsEngine';
import { notFound } from '../errors';
import type { AppEnv, HttpDeps } from './AppEnv';
import { readJsonObject } from './body';
import { ojsJson } from './response';
import { parseOr400 } from './validate';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Worker protocol endpoints (HB §10, worker-protocol §4, graceful-shutdown §3). */
export function workerRoutes(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { engine, options } = deps;
  const limit = options.maxBodyBytes;

  app.post('/workers/fetch', async (c) => {
    const body = await readJsonObject(c, { required: true, limit });
    const req = parseOr400(fetchRequestSchema, body, 'fetch');
    OjsEngine.checkQueues(req.queues);
    const input: FetchRequestInput = { queues: req.queues, count: req.count ?? 1 };
    if (req.worker_id !== undefined) input.workerId = req.worker_id;
    if (req.visibility_timeout_ms !== undefined) input.visibilityTimeoutMs = req.visibility_timeout_ms;
    const jobs = engine.fetch(input).map(jobToWire);
    const out: Record<string, unknown> = { jobs };
    if (jobs.length > 0) out['job'] = jobs[0];
    return ojsJson(c, out);
  });

  app.post('/workers/ack', async (c) => {
    const body = await readJsonObject(c, { required: true, limit });
    const req = parseOr400(ackRequestSchema, body, 'ack');
    const job = engine.ack(req.job_id, req.result as JsonValue | undefined);
    return ojsJson(c, {
      acknowledged: true,
      id: job.id,
      job_id: job.id,
      state: job.state,
      completed_at: iso(job.completedAt ?? engine.clock.now()),
      job: jobToWire(job),
    });
  });

  app.post('/workers/nack', async (c) => {
    const body = await readJsonObject(c, { required: true, limit });
    const req = parseOr400(nackRequestSchema, body, 'nack');
    const input: NackInput = { jobId: req.job_id };
    if (req.error !== undefined) input.error = req.error;
    if (req.requeue !== undefined) input.requeue = req.requeue;
    if (req.worker_id !== undefined) input.workerId = req.worker_id;
    const job = engine.nack(input);
    const out: Record<string, unknown> = {
      id: job.id,
      job_id: job.id,
      state: job.state,
      attempt: job.attempt,
      max_attempts: job.retry.maxAttempts,
    };
    if (job.state === 'retryable') {
      if (job.nextAttemptAt !== undefined) out['next_attempt_at'] = iso(job.nextAttemptAt);
      if (job.retryDelayMs !== undefined) out['retry_delay_ms'] = job.retryDelayMs;
    }
    if (job.state === 'discarded') {
      if (job.discardedAt !== undefined) out['discarded_at'] = iso(job.discardedAt);
      if (job.completedAt !== undefined) out['completed_at'] = iso(job.completedAt);
      out['dead_letter'] = job.deadLetterAt !== undefined;
    }
    out['job'] = jobToWire(job);
    return ojsJson(c, out);
  });

  const beat = async (c: Context<AppEnv>): Promise<Response> => {
    const body = await readJsonObject(c, { required: true, limit });
    const req = parseOr400(heartbeatRequestSchema, body, 'heartbeat');
    const n = normalizeHeartbeatRequest(req);
    const input: HeartbeatInput = {
      workerId: n.workerId,
      jobIds: n.jobIds,
      activeJobCount: n.activeJobCount,
    };
    if (n.visibilityTimeoutMs !== undefined) input.visibilityTimeoutMs = n.visibilityTimeoutMs;
    if (n.state !== undefined) input.state = n.state;
    if (req.hostname !== undefined) input.hostname = req.hostname;
    if (req.queues !== undefined) input.queues = req.queues;
    if (req.concurrency !== undefined) input.concurrency = req.concurrency;
    if (req.version !== undefined) input.version = req.version;
    if (req.metadata !== undefined) input.metadata = req.metadata;
    const out = engine.heartbeat(input);
    return ojsJson(c, {
      acknowledged: true,
      state: out.state,
      directive: out.state === 'running' ? '' : out.state,
      worker_state: engine.workers.stateOf(out.worker),
      jobs_extended: out.jobsExtended,
      server_time: iso(engine.clock.now()),
    });
  };
  app.post('/workers/heartbeat', beat);
  app.post('/workers/beat', beat);

  app.get('/workers/:id/health', (c) => {
    const id = c.req.param('id');
    const w = engine.workers.get(id);
    if (!w) throw notFound('Worker', id);
    const state = engine.workers.stateOf(w);
    const body = {
      worker_id: id,
      state,
      reported_state: w.reportedState ?? null,
      active_jobs: w.activeJobCount,
      last_heartbeat_at: w.lastHeartbeatAt !== undefined ? iso(w.lastHeartbeatAt) : null,
      last_seen_at: iso(w.lastSeenAt),
    };
    return ojsJson(c, body, state === 'running' || state === 'quiet' ? 200 : 503);
  });

  return app;
}
