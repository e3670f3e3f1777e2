import { EventEmitter } from 'node:events';
import { type Job } from '@lookout/ojs-types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Middleware } from './composeMiddleware';
import { HandlerTimeoutError, JobLeaseLostError, NonRetryable } from './JobError';
import { silentLogger } from './logger';
import { sleep } from './sleep';
import { startEmbeddedServer, waitFor, type EmbeddedServer } from './testing/embeddedServer';
import { Worker, type WorkerOptions } from './Worker';

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

let queueSeq = 0;
/** A queue of its own for each test, so tests never see each other's jobs. */
function freshQueue(): string {
  return `q${++queueSeq}-${Date.now().toString(36)}`;
}

function makeWorker(options: Partial<WorkerOptions> & { queues: string[] }): Worker {
  const worker = new Worker({
    url: env.url,
    pollIntervalMs: 20,
    heartbeatIntervalMs: 200,
    shutdownSignals: false,
    logger: silentLogger,
    ...options,
  });
  workers.push(worker);
  return worker;
}

async function jobIn(id: string, states: readonly string[], timeoutMs = 15_000): Promise<Job> {
  return waitFor(
    async () => {
      const job = await env.client.get(id);
      return states.includes(job.state) ? job : undefined;
    },
    { timeoutMs, what: `job ${id} in ${states.join('/')}` },
  );
}

describe('Worker against the embedded server', () => {
  it('retries a failing handler with the policy backoff and dead-letters it on exhaustion', async () => {
    const queue = freshQueue();
    const attemptsAt: number[] = [];
    const worker = makeWorker({ queues: [queue] });
    worker.register('test.always_fails', (ctx) => {
      attemptsAt.push(performance.now());
      throw new Error(`attempt ${ctx.attempt} failed`);
    });
    worker.start();
    const job = await env.client.enqueue('test.always_fails', [], {
      queue,
      retry: {
        maxAttempts: 3,
        initialIntervalMs: 300,
        backoffCoefficient: 2,
        jitter: false,
        onExhaustion: 'dead_letter',
      },
    });
    const final = await jobIn(job.id, ['discarded']);
    expect(final.attempt).toBe(3);
    expect(attemptsAt).toHaveLength(3);
    // exponential: 300 ms then 600 ms between attempts (never earlier; a little scheduling slack)
    const gaps = [attemptsAt[1]! - attemptsAt[0]!, attemptsAt[2]! - attemptsAt[1]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(280);
    expect(gaps[1]).toBeGreaterThanOrEqual(580);
    expect(final.errors?.map((e) => e.message)).toEqual([
      'attempt 1 failed',
      'attempt 2 failed',
      'attempt 3 failed',
    ]);
    expect(final.error).toMatchObject({ code: 'handler_error', type: 'Error' });
    const dead = await env.client.api.deadLetter.list({ queue });
    expect(dead.jobs.map((j) => j.id)).toContain(job.id);
  });

  it('does not retry a NonRetryable error', async () => {
    const queue = freshQueue();
    let calls = 0;
    const worker = makeWorker({ queues: [queue] });
    worker.register('test.fatal', () => {
      calls++;
      throw NonRetryable(new RangeError('amount must be positive'));
    });
    worker.start();
    const job = await env.client.enqueue('test.fatal', [], {
      queue,
      retry: { maxAttempts: 5, initialIntervalMs: 10 },
    });
    const final = await jobIn(job.id, ['discarded']);
    expect(final.attempt).toBe(1);
    expect(final.error).toMatchObject({
      type: 'RangeError',
      message: 'amount must be positive',
      retryable: false,
    });
    await sleep(200);
    expect(calls).toBe(1);
  });

  it('rejects typed args that fail the zod schema as non-retryable, and passes parsed args otherwise', async () => {
    const queue = freshQueue();
    const seen: unknown[] = [];
    const worker = makeWorker({ queues: [queue] });
    worker.registerTyped(
      'email.send',
      z.tuple([z.object({ to: z.email(), subject: z.string().default('hello') })]),
      (_ctx, [args]) => {
        seen.push(args);
        return { sent_to: args.to };
      },
    );
    worker.start();
    const bad = await env.client.enqueue('email.send', [{ to: 'not-an-address' }], {
      queue,
      retry: { maxAttempts: 5, initialIntervalMs: 10 },
    });
    const good = await env.client.enqueue('email.send', [{ to: 'a@example.com' }], { queue });
    const rejected = await jobIn(bad.id, ['discarded']);
    expect(rejected.attempt).toBe(1);
    expect(rejected.error).toMatchObject({
      code: 'invalid_payload',
      type: 'ArgsValidationError',
      retryable: false,
    });
    const completed = await jobIn(good.id, ['completed']);
    expect(completed.result).toEqual({ sent_to: 'a@example.com' });
    expect(seen).toEqual([{ to: 'a@example.com', subject: 'hello' }]);
  });

  it('runs middleware in onion order and acks the (transformed) result', async () => {
    const queue = freshQueue();
    const trace: string[] = [];
    const mw =
      (name: string): Middleware =>
      async (ctx, next) => {
        trace.push(`${name}>${ctx.type}`);
        const r = await next();
        trace.push(`<${name}`);
        return name === 'outer' ? { wrapped: r } : r;
      };
    const worker = makeWorker({ queues: [queue] });
    worker.use(mw('outer')).use(mw('inner'));
    worker.register('test.onion', () => {
      trace.push('handler');
      return 'core';
    });
    worker.start();
    const job = await env.client.enqueue('test.onion', [], { queue });
    const done = await jobIn(job.id, ['completed']);
    expect(trace).toEqual(['outer>test.onion', 'inner>test.onion', 'handler', '<inner', '<outer']);
    expect(done.result).toEqual({ wrapped: 'core' });
  });

  it('never runs more jobs at once than its concurrency', async () => {
    const queue = freshQueue();
    let running = 0;
    let max = 0;
    const worker = makeWorker({ queues: [queue], concurrency: 3 });
    worker.register('test.busy', async (ctx) => {
      running++;
      max = Math.max(max, running);
      await sleep(30 + ((ctx.args[0] as number) % 5) * 15);
      running--;
    });
    const jobs = await env.client.enqueueBatch(
      Array.from({ length: 24 }, (_, i) => ({ type: 'test.busy', args: [i], options: { queue } })),
    );
    worker.start();
    for (const j of jobs) await jobIn(j.id, ['completed']);
    expect(max).toBe(3);
    expect(worker.stats.maxConcurrent).toBe(3);
    expect(worker.stats.completed).toBe(24);
  });

  it('keeps a long job leased with heartbeats', async () => {
    const queue = freshQueue();
    const worker = makeWorker({ queues: [queue], visibilityTimeoutMs: 1500, heartbeatIntervalMs: 100 });
    let runs = 0;
    worker.register('test.long', async (ctx) => {
      runs++;
      await sleep(3500, ctx.signal);
      return { aborted: ctx.signal.aborted };
    });
    worker.start();
    const job = await env.client.enqueue('test.long', [], { queue });
    const done = await jobIn(job.id, ['completed']);
    expect(done.attempt).toBe(1);
    expect(done.result).toEqual({ aborted: false });
    expect(runs).toBe(1);
  });

  it('loses a long job to the server when heartbeats are too rare (the control case)', async () => {
    const queue = freshQueue();
    const worker = makeWorker({
      queues: [queue],
      visibilityTimeoutMs: 400,
      heartbeatIntervalMs: 60_000,
      concurrency: 1,
    });
    const reasons: unknown[] = [];
    worker.register('test.long', async (ctx) => {
      const finished = await sleep(1500, ctx.signal);
      if (!finished) reasons.push(ctx.signal.reason);
    });
    worker.start();
    const job = await env.client.enqueue('test.long', [], { queue });
    // the lease expires while the first attempt runs: the server hands the job out again
    const again = await waitFor(
      async () => {
        const j = await env.client.get(job.id);
        return j.attempt >= 2 ? j : undefined;
      },
      { timeoutMs: 8000, what: 'a second attempt' },
    );
    expect(again.attempt).toBeGreaterThanOrEqual(2);
  });

  it('aborts a job whose timeout elapses and reports handler_timeout', async () => {
    const queue = freshQueue();
    // rare heartbeats: the server's own timeout must not be seen as a lost lease first
    const worker = makeWorker({ queues: [queue], heartbeatIntervalMs: 60_000 });
    let reason: unknown;
    worker.register('test.slow', async (ctx) => {
      await sleep(10_000, ctx.signal);
      reason = ctx.signal.reason;
      throw new Error('stopped early');
    });
    worker.start();
    const job = await env.client.enqueue('test.slow', [], {
      queue,
      timeoutMs: 300,
      retry: { maxAttempts: 1 },
    });
    await waitFor(() => (reason !== undefined ? true : undefined), { what: 'the handler to be aborted' });
    expect(reason).toBeInstanceOf(HandlerTimeoutError);
    const final = await jobIn(job.id, ['discarded']);
    expect(final.error?.code === 'handler_timeout' || final.error?.type === 'timeout').toBe(true);
  });

  it('aborts a running job the server cancelled (lease lost)', async () => {
    const queue = freshQueue();
    const worker = makeWorker({ queues: [queue], heartbeatIntervalMs: 100 });
    let reason: unknown;
    let started = false;
    worker.register('test.cancellable', async (ctx) => {
      started = true;
      await sleep(10_000, ctx.signal);
      reason = ctx.signal.reason;
    });
    worker.start();
    const job = await env.client.enqueue('test.cancellable', [], { queue });
    await waitFor(() => (started ? true : undefined), { what: 'the job to start' });
    await env.client.cancel(job.id);
    await waitFor(() => (reason !== undefined ? true : undefined), { what: 'the abort' });
    expect(reason).toBeInstanceOf(JobLeaseLostError);
    expect(worker.stats.lost).toBe(1);
    expect((await env.client.get(job.id)).state).toBe('cancelled');
  });

  it('reports progress', async () => {
    const queue = freshQueue();
    const worker = makeWorker({ queues: [queue] });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    worker.register('test.progress', async (ctx) => {
      await ctx.progress(0.4, 'forty percent');
      await gate;
    });
    worker.start();
    const job = await env.client.enqueue('test.progress', [], { queue });
    const p = await waitFor(async () => {
      const j = await env.client.get(job.id);
      return j.state === 'active'
        ? await env.client.api.jobs.getProgress(job.id).catch(() => undefined)
        : undefined;
    });
    await waitFor(async () => {
      const pr = await env.client.api.jobs.getProgress(job.id);
      return pr.progress >= 0.4 ? pr : undefined;
    });
    expect(p).toBeDefined();
    const pr = await env.client.api.jobs.getProgress(job.id);
    expect(pr).toMatchObject({ progress: 0.4, message: 'forty percent' });
    release();
    await jobIn(job.id, ['completed']);
  });

  it('stops fetching on a quiet directive and keeps running what it has', async () => {
    const queue = freshQueue();
    const worker = makeWorker({ queues: [queue], heartbeatIntervalMs: 100 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    worker.register('test.gate', async () => {
      await gate;
      return 'finished';
    });
    worker.start();
    const first = await env.client.enqueue('test.gate', [], { queue });
    await jobIn(first.id, ['active']);
    env.server.engine.quietWorker(worker.id, 'quiet');
    await waitFor(() => (worker.state === 'quiet' ? true : undefined), { what: 'quiet state' });
    const fetchesAtQuiet = env.requests.get('/ojs/v1/workers/fetch') ?? 0;
    const second = await env.client.enqueue('test.gate', [], { queue });
    await sleep(400); // 20 poll intervals
    expect(env.requests.get('/ojs/v1/workers/fetch') ?? 0).toBe(fetchesAtQuiet);
    expect((await env.client.get(second.id)).state).toBe('available');
    release();
    await jobIn(first.id, ['completed']);
    expect(worker.state).toBe('quiet');
  });

  it('stops on a terminate directive, finishing its running job first', async () => {
    const queue = freshQueue();
    const worker = makeWorker({ queues: [queue], heartbeatIntervalMs: 100, gracePeriodMs: 5000 });
    worker.register('test.short', async () => {
      await sleep(300);
      return 'ok';
    });
    worker.start();
    const job = await env.client.enqueue('test.short', [], { queue });
    await jobIn(job.id, ['active']);
    env.server.engine.quietWorker(worker.id, 'terminate');
    await worker.done();
    expect(worker.state).toBe('stopped');
    expect((await env.client.get(job.id)).state).toBe('completed');
  });

  it('fails a job of a type it has no handler for, and a result that is not JSON', async () => {
    const queue = freshQueue();
    const worker = makeWorker({ queues: [queue] });
    worker.register('test.known', () => 10n);
    worker.start();
    const unknown = await env.client.enqueue('test.unknown', [], { queue, retry: { maxAttempts: 1 } });
    const badResult = await env.client.enqueue('test.known', [], { queue, retry: { maxAttempts: 3 } });
    expect((await jobIn(unknown.id, ['discarded'])).error).toMatchObject({ code: 'handler_not_found' });
    const bad = await jobIn(badResult.id, ['discarded']);
    expect(bad.attempt).toBe(1);
    expect(bad.error).toMatchObject({ code: 'invalid_result', retryable: false });
  });

  it('backs off while the server errs, then recovers', async () => {
    const queue = freshQueue();
    env.failPaths((path) => path === '/ojs/v1/workers/fetch');
    try {
      const worker = makeWorker({
        queues: [queue],
        pollIntervalMs: 5,
        fetchBackoff: { initialMs: 100, maxMs: 400 },
      });
      worker.register('test.after_outage', () => 'ok');
      const before = env.requests.get('/ojs/v1/workers/fetch') ?? 0;
      worker.start();
      await sleep(1500);
      const during = (env.requests.get('/ojs/v1/workers/fetch') ?? 0) - before;
      // with a 5 ms poll interval and no backoff this would be hundreds of calls
      expect(during).toBeGreaterThanOrEqual(3);
      expect(during).toBeLessThanOrEqual(12);
      env.heal();
      const job = await env.client.enqueue('test.after_outage', [], { queue });
      await jobIn(job.id, ['completed']);
    } finally {
      env.heal();
    }
  });
});

describe('graceful shutdown during load', () => {
  async function loadAndStop(
    stopIt: (worker: Worker) => Promise<void>,
    extra: Partial<WorkerOptions> = {},
  ): Promise<{ jobs: Job[]; worker: Worker }> {
    const queue = freshQueue();
    const worker = makeWorker({ queues: [queue], concurrency: 4, gracePeriodMs: 400, ...extra });
    worker.register('test.mixed', async (ctx) => {
      // every fourth job is too long for the grace period
      const long = (ctx.args[0] as number) % 4 === 0;
      const finished = await sleep(long ? 5000 : 40, ctx.signal);
      if (!finished) throw new Error('aborted');
    });
    const enqueued = await env.client.enqueueBatch(
      Array.from({ length: 40 }, (_, i) => ({ type: 'test.mixed', args: [i], options: { queue } })),
    );
    worker.start();
    await waitFor(() => (worker.stats.completed >= 5 ? true : undefined), { what: 'some completions' });
    await stopIt(worker);
    expect(worker.state).toBe('stopped');
    const jobs = await Promise.all(enqueued.map((j) => env.client.get(j.id)));
    return { jobs, worker };
  }

  function expectNothingLost(jobs: Job[], worker: Worker): void {
    const states = jobs.map((j) => j.state);
    expect(states.filter((s) => s !== 'completed' && s !== 'available')).toEqual([]);
    expect(states).toContain('completed');
    expect(states).toContain('available');
    expect(worker.stats.requeued).toBeGreaterThan(0);
    expect(worker.activeCount).toBe(0);
  }

  it('stop(): every job ends completed or back in available', async () => {
    const { jobs, worker } = await loadAndStop((w) => w.stop());
    expectNothingLost(jobs, worker);
  });

  it('SIGTERM: the same, triggered by the signal', async () => {
    const signals = new EventEmitter();
    const { jobs, worker } = await loadAndStop(
      async (w) => {
        expect(signals.listenerCount('SIGTERM')).toBe(1);
        signals.emit('SIGTERM');
        await w.done();
      },
      { shutdownSignals: ['SIGTERM'], signalSource: signals },
    );
    expectNothingLost(jobs, worker);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });
});
