import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, type ClientEvent } from './Client';
import { NonRetryable } from './JobError';
import { silentLogger } from './logger';
import { startEmbeddedServer, waitFor, type EmbeddedServer } from './testing/embeddedServer';
import {
  ConflictError,
  DuplicateJobError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from './typedErrors';
import { Worker } from './Worker';
import { batch, chain, group, step } from './workflowBuilders';

let env: EmbeddedServer;
const workers: Worker[] = [];
beforeAll(async () => {
  env = await startEmbeddedServer();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop({ gracePeriodMs: 0 })));
});
afterAll(async () => {
  await env.close();
});

let seq = 0;
const freshQueue = (): string => `c${++seq}-${Date.now().toString(36)}`;

function startWorker(queues: string[], setup: (w: Worker) => void): Worker {
  const w = new Worker({
    url: env.url,
    queues,
    pollIntervalMs: 20,
    heartbeatIntervalMs: 500,
    shutdownSignals: false,
    logger: silentLogger,
  });
  setup(w);
  w.start();
  workers.push(w);
  return w;
}

describe('Client against the embedded server', () => {
  it('enqueues with every option the server understands', async () => {
    const queue = freshQueue();
    const job = await env.client.enqueue('report.generate', [{ month: '2026-01' }], {
      queue,
      priority: 7,
      tags: ['finance'],
      meta: { tenant_id: 'acme' },
      timeoutMs: 60_000,
      retry: { maxAttempts: 5, initialIntervalMs: 2000, onExhaustion: 'dead_letter' },
    });
    expect(job).toMatchObject({
      type: 'report.generate',
      state: 'available',
      queue,
      priority: 7,
      tags: ['finance'],
      meta: { tenant_id: 'acme' },
      max_attempts: 5,
      args: [{ month: '2026-01' }],
    });
    expect(job.retry).toMatchObject({
      max_attempts: 5,
      initial_interval: 'PT2S',
      on_exhaustion: 'dead_letter',
    });
    const delayed = await env.client.enqueue('report.generate', [], { queue, delayMs: 60_000 });
    expect(delayed.state).toBe('scheduled');
    const fetched = await env.client.get(job.id);
    expect(fetched.id).toBe(job.id);
  });

  it('throws typed errors that say whether a retry can help', async () => {
    const queue = freshQueue();
    const first = await env.client.enqueue('payment.charge', [{ invoice: 'inv_1' }], {
      queue,
      unique: { keys: ['type', 'args'], onConflict: 'reject' },
    });
    const dup = await env.client
      .enqueue('payment.charge', [{ invoice: 'inv_1' }], { queue, unique: { keys: ['type', 'args'] } })
      .catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(DuplicateJobError);
    expect((dup as DuplicateJobError).retryable).toBe(false);
    expect((dup as DuplicateJobError).existingJobId).toBe(first.id);

    const missing = await env.client.get('01900000-0000-7000-8000-000000000000').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);

    await env.client.cancel(first.id);
    const again = await env.client.cancel(first.id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);

    const before = env.requests.get('/ojs/v1/jobs') ?? 0;
    await expect(env.client.enqueue('Bad Type', [])).rejects.toBeInstanceOf(ValidationError);
    await expect(env.client.enqueue('a.b', [], { priority: 1000 })).rejects.toThrow(/priority/);
    expect(env.requests.get('/ojs/v1/jobs') ?? 0).toBe(before);

    const away = new Client({ url: 'http://127.0.0.1:1', timeoutMs: 2000 });
    const down = await away.enqueue('a.b', []).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(UnavailableError);
    expect((down as UnavailableError).retryable).toBe(true);
  });

  it('enqueues a batch atomically', async () => {
    const queue = freshQueue();
    const jobs = await env.client.enqueueBatch([
      { type: 'email.send', args: [1], options: { queue } },
      { type: 'email.send', args: [2], options: { queue, priority: 3 } },
    ]);
    expect(jobs.map((j) => j.args)).toEqual([[1], [2]]);
    await expect(
      env.client.enqueueBatch([
        { type: 'email.send', args: [3], options: { queue } },
        { type: 'email.send', args: [4], options: { queue: 'NOT VALID' } },
      ]),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('runs a chain, passing each result to the next step', async () => {
    const queue = freshQueue();
    startWorker([queue], (w) => {
      w.register('etl.fetch', () => ({ rows: 100 }));
      w.register('etl.transform', (ctx) => {
        const parents = ctx.job.parent_results as { rows: number }[];
        return { rows: (parents.at(-1)?.rows ?? 0) - 10 };
      });
      w.register('etl.load', (ctx) => ({
        loaded: (ctx.job.parent_results as { rows: number }[]).at(-1)?.rows,
      }));
    });
    const wf = await env.client.workflow(
      chain(
        step('etl.fetch', [], { queue }),
        step('etl.transform', [], { queue }),
        step('etl.load', [], { queue }),
      ),
      { name: 'nightly' },
    );
    expect(wf).toMatchObject({ type: 'chain', name: 'nightly' });
    const done = await waitFor(async () => {
      const w = await env.client.getWorkflow(wf.id);
      return w.state === 'completed' ? w : undefined;
    });
    const last = done.nodes?.find((n) => n.type === 'etl.load');
    expect(last?.result ?? (await env.client.get(last?.job_id ?? '')).result).toEqual({ loaded: 90 });
  });

  it('runs a group of parallel jobs', async () => {
    const queue = freshQueue();
    startWorker([queue], (w) => w.register('thumb.make', (ctx) => ({ size: ctx.args[0] })));
    const g = await env.client.workflow(
      group(step('thumb.make', [64], { queue }), step('thumb.make', [128], { queue })),
    );
    expect(g).toMatchObject({ type: 'group', jobs_total: 2 });
    const done = await waitFor(async () => {
      const w = await env.client.getWorkflow(g.id);
      return w.state === 'completed' ? w : undefined;
    });
    expect(done.jobs_completed).toBe(2);
  });

  it('runs a batch whose callbacks see the failure', async () => {
    const queue = freshQueue();
    const callbacks: string[] = [];
    startWorker([queue], (w) => {
      w.register('thumb.make', (ctx) => {
        if (ctx.args[0] === 'broken') throw NonRetryable(new Error('corrupt image'));
        return { ok: ctx.args[0] };
      });
      w.register('batch.done', () => void callbacks.push('on_complete'));
      w.register('batch.failed', () => void callbacks.push('on_failure'));
      w.register('batch.ok', () => void callbacks.push('on_success'));
    });
    const b = await env.client.workflow(
      batch(
        {
          onComplete: step('batch.done', [], { queue }),
          onFailure: step('batch.failed', [], { queue }),
          onSuccess: step('batch.ok', [], { queue }),
        },
        step('thumb.make', [1], { queue }),
        step('thumb.make', ['broken'], { queue, retry: { maxAttempts: 1 } }),
      ),
    );
    await waitFor(async () => ((await env.client.getWorkflow(b.id)).state === 'failed' ? true : undefined));
    await waitFor(() => (callbacks.length >= 2 ? true : undefined), { what: 'batch callbacks' });
    expect(callbacks.sort()).toEqual(['on_complete', 'on_failure']);
  });

  it('follows the server-wide event feed', async () => {
    const queue = freshQueue();
    const abort = new AbortController();
    const seen: ClientEvent[] = [];
    const job = await env.client.enqueue('feed.item', [], { queue });
    const reading = (async () => {
      for await (const e of env.client.events({
        types: ['job.completed'],
        signal: abort.signal,
        pollIntervalMs: 50,
      })) {
        seen.push(e);
        if (e.jobId === job.id) break;
      }
    })();
    startWorker([queue], (w) => w.register('feed.item', () => 'done'));
    await waitFor(() => (seen.some((e) => e.jobId === job.id) ? true : undefined), {
      what: 'job.completed event',
    });
    abort.abort();
    await reading;
    const event = seen.find((e) => e.jobId === job.id);
    expect(event).toMatchObject({ type: 'job.completed', queue, gap: false });
    expect(typeof event?.id).toBe('string');
  });

  it('follows one job over SSE until it is terminal', async () => {
    const queue = freshQueue();
    const job = await env.client.enqueue('sse.job', [], { queue });
    const types: string[] = [];
    const reading = (async () => {
      for await (const e of env.client.events({ jobId: job.id })) types.push(e.type);
    })();
    startWorker([queue], (w) => w.register('sse.job', () => 'ok'));
    await reading; // ends by itself once the job completed
    expect(types.length).toBeGreaterThan(0);
    expect((await env.client.get(job.id)).state).toBe('completed');
  });

  it("follows a queue's events over SSE", async () => {
    const queue = freshQueue();
    await env.client.enqueue('sse.seed', [], { queue }); // the queue exists once it has a job
    const abort = new AbortController();
    const seen: ClientEvent[] = [];
    const stream = env.client.events({ queue, signal: abort.signal });
    const reading = (async () => {
      for await (const e of stream) seen.push(e);
    })();
    startWorker([queue], (w) => {
      w.register('sse.seed', () => 'ok');
      w.register('sse.item', () => 'ok');
    });
    const job = await env.client.enqueue('sse.item', [], { queue });
    await waitFor(() => (seen.some((e) => e.jobId === job.id) ? true : undefined), {
      what: 'an event of the job',
    });
    abort.abort();
    await reading;
    const mine = seen.filter((e) => e.jobId === job.id);
    expect(mine.every((e) => e.queue === queue && !e.gap && typeof e.id === 'string')).toBe(true);
    expect(seen.every((e) => e.jobId === undefined || e.queue === queue)).toBe(true);
  });
});
