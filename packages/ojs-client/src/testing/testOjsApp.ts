import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';

/**
 * A small in-memory OJS server used by the client's tests: real HTTP, the wire shapes of the spec
 * (openapi/conformance forms), and a log of the requests it received so tests can check what the
 * client sent. Not a conformant server: just enough behaviour for the endpoints under test.
 */

interface StoredJob {
  id: string;
  type: string;
  queue: string;
  args: unknown[];
  meta: Record<string, unknown>;
  state: string;
  priority: number;
  attempt: number;
  max_attempts: number;
  created_at: string;
  enqueued_at?: string;
  started_at?: string;
  completed_at?: string;
  cancelled_at?: string;
  discarded_at?: string;
  result?: unknown;
  error?: Record<string, unknown>;
  progress?: { progress: number; message?: string };
  [extra: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface TestOjsServer {
  app: Hono;
  requests: RecordedRequest[];
  jobs: Map<string, StoredJob>;
  setHealthy(healthy: boolean): void;
}

const TERMINAL = new Set(['completed', 'cancelled', 'discarded']);

export function createTestOjsApp(): TestOjsServer {
  const app = new Hono();
  const requests: RecordedRequest[] = [];
  const jobs = new Map<string, StoredJob>();
  const paused = new Set<string>();
  const deadLetter = new Set<string>();
  const crons = new Map<string, Record<string, unknown>>();
  const workflows = new Map<string, Record<string, unknown>>();
  const workers = new Map<string, Record<string, unknown>>();
  let maintenance = { maintenance: false, reason: null as string | null };
  let healthy = true;
  const now = () => new Date().toISOString();

  const send = (c: Context, body: unknown, status = 200) =>
    c.body(JSON.stringify(body), status as 200, {
      'Content-Type': 'application/openjobspec+json',
      'OJS-Version': '1.0',
    });
  const fail = (c: Context, status: number, code: string, message: string) =>
    send(c, { error: { code, type: code, message, retryable: false } }, status);
  const bodyOf = async (c: Context): Promise<Record<string, unknown>> => {
    const text = await c.req.text();
    if (text === '') return {};
    return JSON.parse(text) as Record<string, unknown>;
  };
  const findJob = (c: Context) => jobs.get(c.req.param('id') ?? '');
  const summary = (job: StoredJob) => ({
    id: job.id,
    type: job.type,
    queue: job.queue,
    state: job.state,
    priority: job.priority,
    attempt: job.attempt,
    created_at: job.created_at,
  });
  const createJob = (input: Record<string, unknown>): StoredJob => {
    const options = (input.options ?? {}) as Record<string, unknown>;
    const { type, args, meta, options: _o, id, ...extra } = input;
    const job: StoredJob = {
      ...extra,
      id: typeof id === 'string' ? id : randomUUID(),
      type: String(type),
      queue: typeof options.queue === 'string' ? options.queue : 'default',
      args: args as unknown[],
      meta: (meta ?? {}) as Record<string, unknown>,
      state: options.pending === true ? 'pending' : 'available',
      priority: typeof options.priority === 'number' ? options.priority : 0,
      attempt: 0,
      max_attempts: 3,
      created_at: now(),
      enqueued_at: now(),
    };
    jobs.set(job.id, job);
    return job;
  };
  const filtered = (c: Context, source: Iterable<StoredJob>) => {
    const states = c.req.query('state')?.split(',');
    const queue = c.req.query('queue');
    const type = c.req.query('type');
    let list = [...source].filter(
      (j) =>
        (states === undefined || states.includes(j.state)) &&
        (queue === undefined || j.queue === queue) &&
        (type === undefined || (type.endsWith('*') ? j.type.startsWith(type.slice(0, -1)) : j.type === type)),
    );
    if (c.req.query('sort') === 'priority') list.sort((a, b) => a.priority - b.priority);
    if (c.req.query('order') === 'desc') list = list.reverse();
    const page = Number(c.req.query('page') ?? '1');
    const perPage = Number(c.req.query('per_page') ?? '20');
    return {
      items: list.slice((page - 1) * perPage, page * perPage).map(summary),
      pagination: { total: list.length, page, per_page: perPage },
    };
  };
  const bulk = (action: string, targets: StoredJob[], apply: (job: StoredJob) => boolean) => {
    let succeeded = 0;
    const errors: { job_id: string; error: string }[] = [];
    for (const job of targets) {
      if (apply(job)) succeeded++;
      else errors.push({ job_id: job.id, error: `cannot ${action} a ${job.state} job` });
    }
    return { action, matched: targets.length, succeeded, failed: errors.length, errors };
  };
  const matchFilter = (filter: Record<string, unknown>) =>
    [...jobs.values()].filter(
      (j) =>
        (filter.queue === undefined || j.queue === filter.queue) &&
        (filter.state === undefined ||
          (Array.isArray(filter.state) ? filter.state.includes(j.state) : j.state === filter.state)),
    );

  app.use(async (c, next) => {
    const text = await c.req.raw.clone().text();
    requests.push({
      method: c.req.method,
      path: c.req.path,
      query: Object.fromEntries(new URL(c.req.url).searchParams.entries()),
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    });
    await next();
  });

  app.get('/ojs/manifest', (c) =>
    send(c, {
      specversion: '1.0',
      ojs_version: '1.0',
      implementation: { name: 'test-ojs', version: '0.0.1', language: 'typescript' },
      conformance_level: 4,
      protocols: ['http'],
      capabilities: { batch_enqueue: true, dead_letter: true },
      extensions: { official: [{ name: 'admin-api', uri: 'urn:ojs:ext:admin-api', version: '1.0.0' }] },
    }),
  );
  app.get('/ojs/v1/health', (c) =>
    send(
      c,
      {
        status: healthy ? 'ok' : 'degraded',
        version: '1.0',
        uptime_seconds: 12,
        backend: { type: 'memory' },
      },
      healthy ? 200 : 503,
    ),
  );

  // jobs
  app.post('/ojs/v1/jobs', async (c) => {
    const body = await bodyOf(c);
    if (typeof body.type !== 'string' || !Array.isArray(body.args)) {
      return fail(c, 400, 'invalid_request', 'type and args are required');
    }
    if (typeof body.id === 'string' && jobs.has(body.id)) {
      const meta = body.meta as Record<string, unknown> | undefined;
      if (meta?.on_conflict === 'ignore') return send(c, { job: jobs.get(body.id) }, 200);
      return send(
        c,
        {
          error: {
            code: 'duplicate',
            message: 'job exists',
            retryable: false,
            details: { existing_job_id: body.id },
          },
        },
        409,
      );
    }
    return send(c, { job: createJob(body) }, 201);
  });
  app.post('/ojs/v1/jobs/batch', async (c) => {
    const body = await bodyOf(c);
    const created = (body.jobs as Record<string, unknown>[]).map(createJob);
    return send(c, { jobs: created, count: created.length }, 201);
  });
  app.get('/ojs/v1/jobs/:id', (c) => {
    const job = findJob(c);
    return job ? send(c, { job }) : fail(c, 404, 'not_found', 'job not found');
  });
  app.delete('/ojs/v1/jobs/:id', (c) => {
    const job = findJob(c);
    if (!job) return fail(c, 404, 'not_found', 'job not found');
    if (TERMINAL.has(job.state)) return fail(c, 409, 'conflict', `job is ${job.state}`);
    const previous = job.state;
    job.state = 'cancelled';
    job.cancelled_at = now();
    return send(c, {
      job: { id: job.id, state: job.state, previous_state: previous, cancelled_at: job.cancelled_at },
    });
  });
  app.post('/ojs/v1/jobs/:id/activate', (c) => {
    const job = findJob(c);
    if (!job) return fail(c, 404, 'not_found', 'job not found');
    if (job.state !== 'pending') return fail(c, 409, 'conflict', 'job is not pending');
    job.state = 'available';
    return send(c, { job: { id: job.id, state: job.state, previous_state: 'pending', activated_at: now() } });
  });
  app.put('/ojs/v1/jobs/:id/progress', async (c) => {
    const job = findJob(c);
    if (!job) return fail(c, 404, 'not_found', 'job not found');
    const body = await bodyOf(c);
    job.progress = { progress: Math.min(1, Number(body.progress)), message: body.message as string };
    return send(c, job.progress);
  });
  app.get('/ojs/v1/jobs/:id/progress', (c) => {
    const job = findJob(c);
    if (!job) return fail(c, 404, 'not_found', 'job not found');
    return send(c, { progress: job.progress ?? { progress: 0 } });
  });

  // workers
  app.post('/ojs/v1/workers/fetch', async (c) => {
    const body = await bodyOf(c);
    const queues = body.queues as string[];
    const count = typeof body.count === 'number' ? body.count : 1;
    const claimed: StoredJob[] = [];
    for (const queue of queues) {
      if (paused.has(queue)) continue;
      for (const job of jobs.values()) {
        if (claimed.length >= count) break;
        if (job.queue !== queue || job.state !== 'available') continue;
        job.state = 'active';
        job.attempt++;
        job.started_at = now();
        job.worker_id = body.worker_id;
        claimed.push(job);
      }
    }
    return send(c, { jobs: claimed, job: claimed[0] ?? null });
  });
  app.post('/ojs/v1/workers/ack', async (c) => {
    const body = await bodyOf(c);
    const job = jobs.get(String(body.job_id));
    if (!job) return fail(c, 404, 'not_found', 'job not found');
    if (job.state !== 'active') return fail(c, 409, 'conflict', 'job is not active');
    job.state = 'completed';
    job.completed_at = now();
    job.result = body.result;
    return send(c, {
      acknowledged: true,
      id: job.id,
      job_id: job.id,
      state: 'completed',
      completed_at: job.completed_at,
    });
  });
  app.post('/ojs/v1/workers/nack', async (c) => {
    const body = await bodyOf(c);
    const job = jobs.get(String(body.job_id));
    if (!job) return fail(c, 404, 'not_found', 'job not found');
    job.error = body.error as Record<string, unknown>;
    if (job.attempt >= job.max_attempts) {
      job.state = 'discarded';
      job.discarded_at = job.completed_at = now();
      deadLetter.add(job.id);
    } else {
      job.state = 'retryable';
    }
    return send(c, {
      id: job.id,
      job_id: job.id,
      state: job.state,
      attempt: job.attempt,
      max_attempts: job.max_attempts,
      retry_delay_ms: job.state === 'retryable' ? 1000 : undefined,
      discarded_at: job.discarded_at,
    });
  });
  app.post('/ojs/v1/workers/heartbeat', async (c) => {
    const body = await bodyOf(c);
    const id = String(body.worker_id);
    const worker = workers.get(id) ?? { id, state: 'running', queues: ['default'], started_at: now() };
    worker.last_heartbeat_at = now();
    workers.set(id, worker);
    // Lite-style answer: state "active" + directive
    return send(c, {
      state: 'active',
      directive: worker.state === 'quiet' ? 'quiet' : 'continue',
      jobs_extended: body.active_jobs ?? [],
      server_time: now(),
    });
  });

  // queues
  const queueNames = () => [...new Set(['default', ...[...jobs.values()].map((j) => j.queue), ...paused])];
  const counts = (queue: string) => {
    const out: Record<string, number> = {};
    for (const job of jobs.values()) if (job.queue === queue) out[job.state] = (out[job.state] ?? 0) + 1;
    return out;
  };
  app.get('/ojs/v1/queues', (c) =>
    send(c, {
      queues: queueNames().map((name) => ({ name, status: paused.has(name) ? 'paused' : 'active' })),
      pagination: { total: queueNames().length, has_more: false },
    }),
  );
  app.get('/ojs/v1/queues/:name/stats', (c) => {
    // HB form, which the client normalises
    const name = c.req.param('name');
    return send(c, { queue: name, status: paused.has(name) ? 'paused' : 'active', stats: counts(name) });
  });
  app.post('/ojs/v1/queues/:name/pause', (c) => {
    paused.add(c.req.param('name'));
    return send(c, { queue: { name: c.req.param('name'), paused: true } });
  });
  app.post('/ojs/v1/queues/:name/resume', (c) => {
    paused.delete(c.req.param('name'));
    return send(c, { queue: c.req.param('name'), status: 'active', paused_at: null });
  });

  // dead letter
  const dlqJobs = () =>
    [...deadLetter].map((id) => jobs.get(id)).filter((j): j is StoredJob => j !== undefined);
  const retryFromDlq = (job: StoredJob) => {
    deadLetter.delete(job.id);
    job.state = 'available';
    job.attempt = 0;
    return job;
  };
  app.get('/ojs/v1/dead-letter', (c) => send(c, { jobs: dlqJobs(), pagination: { total: deadLetter.size } }));
  app.get('/ojs/v1/dead-letter/stats', (c) => send(c, { total: deadLetter.size, by_queue: {} }));
  app.post('/ojs/v1/dead-letter/:id/retry', (c) => {
    const job = findJob(c);
    if (!job || !deadLetter.has(job.id)) return fail(c, 404, 'not_found', 'not in the dead letter queue');
    return send(c, { job: retryFromDlq(job) });
  });
  app.delete('/ojs/v1/dead-letter/:id', (c) => {
    const job = findJob(c);
    if (!job || !deadLetter.has(job.id)) return fail(c, 404, 'not_found', 'not in the dead letter queue');
    deadLetter.delete(job.id);
    jobs.delete(job.id);
    return send(c, { deleted: true, job_id: job.id });
  });

  // cron
  app.get('/ojs/v1/cron', (c) => send(c, { cron_jobs: [...crons.values()] }));
  app.post('/ojs/v1/cron', async (c) => {
    const body = await bodyOf(c);
    const cron = { ...body, enabled: true, created_at: now(), next_run_at: now() };
    crons.set(String(body.name), cron);
    return send(c, { cron }, 201);
  });
  app.delete('/ojs/v1/cron/:name', (c) => {
    const name = c.req.param('name');
    if (!crons.delete(name)) return fail(c, 404, 'not_found', 'no such cron');
    return send(c, { deleted: true, name });
  });

  // workflows
  app.post('/ojs/v1/workflows', async (c) => {
    const body = await bodyOf(c);
    const steps = (body.steps ?? body.jobs ?? []) as unknown[];
    const workflow = {
      id: randomUUID(),
      name: body.name,
      type: body.type,
      state: 'running',
      steps_total: steps.length,
      steps_completed: 0,
      created_at: now(),
    };
    workflows.set(workflow.id, workflow);
    return send(c, { workflow }, 201);
  });
  app.get('/ojs/v1/workflows/:id', (c) => {
    const wf = workflows.get(c.req.param('id'));
    return wf ? send(c, { workflow: wf }) : fail(c, 404, 'not_found', 'no such workflow');
  });
  app.delete('/ojs/v1/workflows/:id', (c) => {
    const wf = workflows.get(c.req.param('id'));
    if (!wf) return fail(c, 404, 'not_found', 'no such workflow');
    wf.state = 'cancelled';
    return send(c, { workflow: wf });
  });

  // admin
  const adminQueue = (name: string) => ({
    name,
    state: paused.has(name) ? 'paused' : 'active',
    paused: paused.has(name),
    counts: counts(name),
  });
  app.get('/ojs/v1/admin/queues', (c) => send(c, queueNames().map(adminQueue)));
  app.get('/ojs/v1/admin/queues/:name', (c) =>
    send(c, { ...adminQueue(c.req.param('name')), configuration: { concurrency: 5 } }),
  );
  app.post('/ojs/v1/admin/queues/:name/pause', (c) => {
    paused.add(c.req.param('name'));
    return send(c, { name: c.req.param('name'), paused: true, paused_at: now() });
  });
  app.post('/ojs/v1/admin/queues/:name/resume', (c) => {
    paused.delete(c.req.param('name'));
    return send(c, { name: c.req.param('name'), paused: false, paused_at: null });
  });
  app.delete('/ojs/v1/admin/queues/:name/jobs', async (c) => {
    const body = await bodyOf(c);
    if (body.confirm !== true) return fail(c, 400, 'invalid_request', 'confirm must be true');
    const states = body.states as string[];
    let purged = 0;
    for (const job of [...jobs.values()]) {
      if (job.queue === c.req.param('name') && states.includes(job.state)) {
        jobs.delete(job.id);
        purged++;
      }
    }
    return send(c, { purged_count: purged, states });
  });
  app.put('/ojs/v1/admin/queues/:name/config', async (c) => {
    const body = await bodyOf(c);
    return send(c, { ...adminQueue(c.req.param('name')), configuration: body });
  });
  app.get('/ojs/v1/admin/jobs', (c) => send(c, filtered(c, jobs.values())));
  // registered before /admin/jobs/:id/* so that `bulk` is not read as a job id
  app.post('/ojs/v1/admin/jobs/bulk/:action', async (c) => {
    const body = await bodyOf(c);
    if (body.confirm !== true) return fail(c, 400, 'invalid_request', 'confirm must be true');
    const targets = matchFilter((body.filter ?? {}) as Record<string, unknown>);
    const action = c.req.param('action');
    if (action === 'retry') {
      return send(
        c,
        bulk(action, targets, (j) => (j.state === 'discarded' ? (retryFromDlq(j), true) : false)),
      );
    }
    if (action === 'cancel') {
      return send(
        c,
        bulk(action, targets, (j) => (TERMINAL.has(j.state) ? false : ((j.state = 'cancelled'), true))),
      );
    }
    return send(
      c,
      bulk(action, targets, (j) => TERMINAL.has(j.state) && jobs.delete(j.id)),
    );
  });
  app.get('/ojs/v1/admin/jobs/:id', (c) => {
    const job = findJob(c);
    return job ? send(c, job) : fail(c, 404, 'not_found', 'job not found');
  });
  app.post('/ojs/v1/admin/jobs/:id/cancel', (c) => {
    const job = findJob(c);
    if (!job) return fail(c, 404, 'not_found', 'job not found');
    job.state = 'cancelled';
    return send(c, { job });
  });
  app.post('/ojs/v1/admin/jobs/:id/retry', (c) => {
    const job = findJob(c);
    if (!job) return fail(c, 404, 'not_found', 'job not found');
    job.state = 'available';
    job.attempt = 0;
    return send(c, job);
  });
  app.get('/ojs/v1/admin/workers', (c) =>
    send(c, {
      items: [...workers.values()],
      summary: { total: workers.size },
      pagination: { total: workers.size, page: 1, per_page: 20 },
    }),
  );
  app.get('/ojs/v1/admin/workers/:id', (c) => {
    const worker = workers.get(c.req.param('id'));
    return worker ? send(c, { ...worker, jobs: [] }) : fail(c, 404, 'not_found', 'no such worker');
  });
  app.post('/ojs/v1/admin/workers/:id/quiet', (c) => {
    const worker = workers.get(c.req.param('id'));
    if (!worker) return fail(c, 404, 'not_found', 'no such worker');
    worker.state = 'quiet';
    return send(c, { worker });
  });
  app.delete('/ojs/v1/admin/workers/:id', (c) => {
    if (!workers.delete(c.req.param('id'))) return fail(c, 404, 'not_found', 'no such worker');
    return c.body(null, 204);
  });
  app.get('/ojs/v1/admin/stats', (c) => {
    const byState: Record<string, number> = {};
    for (const job of jobs.values()) byState[job.state] = (byState[job.state] ?? 0) + 1;
    return send(c, { queues: queueNames().length, workers: workers.size, jobs: byState, uptime_seconds: 5 });
  });
  app.get('/ojs/v1/admin/stats/history', (c) =>
    send(c, {
      period: c.req.query('period') ?? '5m',
      data: [{ timestamp: '2026-03-01T10:00:00Z', processed: 3, failed: 1, enqueued: 4 }],
    }),
  );
  app.get('/ojs/v1/admin/dead-letter', (c) => send(c, filtered(c, dlqJobs())));
  app.get('/ojs/v1/admin/dead-letter/stats', (c) =>
    send(c, { total: deadLetter.size, by_queue: { default: deadLetter.size }, by_error_type: {} }),
  );
  app.post('/ojs/v1/admin/dead-letter/retry', async (c) => {
    const body = await bodyOf(c);
    if (body.confirm !== true) return fail(c, 400, 'invalid_request', 'confirm must be true');
    const targets = dlqJobs();
    targets.forEach(retryFromDlq);
    return send(c, { retried: targets.length });
  });
  app.post('/ojs/v1/admin/dead-letter/:id/retry', (c) => {
    const job = findJob(c);
    if (!job || !deadLetter.has(job.id)) return fail(c, 404, 'not_found', 'not in the dead letter queue');
    return send(c, { job: retryFromDlq(job) });
  });
  app.delete('/ojs/v1/admin/dead-letter/:id', (c) => {
    const job = findJob(c);
    if (!job || !deadLetter.has(job.id)) return fail(c, 404, 'not_found', 'not in the dead letter queue');
    deadLetter.delete(job.id);
    return c.body(null, 204);
  });
  app.delete('/ojs/v1/admin/dead-letter', async (c) => {
    const body = await bodyOf(c);
    if (body.confirm !== true) return fail(c, 400, 'invalid_request', 'confirm must be true');
    const purged = deadLetter.size;
    deadLetter.clear();
    return send(c, { purged_count: purged });
  });
  app.post('/ojs/v1/admin/system/maintenance', async (c) => {
    const body = await bodyOf(c);
    maintenance = { maintenance: body.enabled === true, reason: (body.reason as string | undefined) ?? null };
    return send(c, { ...maintenance, enabled_at: now() });
  });
  app.get('/ojs/v1/admin/system/maintenance', (c) => send(c, maintenance));
  app.get('/ojs/v1/admin/system/config', (c) =>
    send(c, { backend: 'memory', retention: { completed: 'PT1H' } }),
  );

  return {
    app,
    requests,
    jobs,
    setHealthy(value: boolean) {
      healthy = value;
    },
  };
}
