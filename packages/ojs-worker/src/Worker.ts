import { randomUUID } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { createOjsClient, type FetchLike, OjsError, type OjsClient } from '@lookout/ojs-client';
import {
  formatZodIssues,
  type Job,
  jobTypeSchema,
  type NackRequest,
  queueNameSchema,
} from '@lookout/ojs-types';
import { z } from 'zod';
import { ConcurrencyLimiter } from './ConcurrencyLimiter';
import { composeMiddleware, type JobHandler, type Middleware } from './composeMiddleware';
import { failureFromError } from './failureFromError';
import { FetchBackoff, type FetchBackoffOptions } from './FetchBackoff';
import { type JobContext } from './JobContext';
import {
  HandlerTimeoutError,
  JobError,
  JobLeaseLostError,
  NonRetryable,
  WorkerShutdownError,
} from './JobError';
import { childLogger, createJsonLogger, type Logger } from './logger';
import { sleep } from './sleep';
import {
  isShuttingDown,
  type LifecycleEvent,
  type LifecycleState,
  mayFetch,
  nextLifecycleState,
  reportedWorkerState,
  sendsHeartbeats,
} from './workerLifecycle';

/** Where shutdown signals come from (default: `process`). Tests pass an EventEmitter. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

const workerOptionsSchema = z.strictObject({
  url: z.string().min(1),
  token: z.string().optional(),
  fetch: z.custom<FetchLike>((v) => typeof v === 'function', { error: 'must be a function' }).optional(),
  /** Per-request timeout of the REST calls (default 5000 ms). */
  timeoutMs: z.int().min(1).optional(),
  /** Queues to fetch from, in priority order (default `['default']`). */
  queues: z.array(queueNameSchema).min(1).default(['default']),
  /** Jobs processed at once (default 10). */
  concurrency: z.int().min(1).max(10_000).default(10),
  /** Wait before fetching again after an empty fetch (default 1000 ms). */
  pollIntervalMs: z.int().min(1).default(1000),
  /** Heartbeat period (default 5000 ms); heartbeats extend the leases of running jobs. */
  heartbeatIntervalMs: z.int().min(10).default(5000),
  /** How long in-flight jobs may run after a stop before they are aborted and requeued (default 25 s). */
  gracePeriodMs: z.int().min(0).default(25_000),
  /** After aborting, how long to wait for handlers to notice before stop() resolves (default 2 s). */
  abortWaitMs: z.int().min(0).default(2000),
  /**
   * Lease asked for at fetch and renewed by each heartbeat (default 30 s). A job whose worker vanished
   * (or whose fetch answer was lost) goes back to its queue once the lease runs out.
   */
  visibilityTimeoutMs: z.int().min(1).default(30_000),
  /** Timeout of the fetch request (default 15 s): a slow answer still carries claimed jobs. */
  fetchTimeoutMs: z.int().min(1).default(15_000),
  /** Labels shown for this worker in consoles (sent as heartbeat metadata). */
  labels: z.array(z.string()).default([]),
  logger: z
    .custom<Logger>((v) => typeof v === 'object' && v !== null, { error: 'must be a logger' })
    .optional(),
  /** Worker id (default: hostname, pid and a random suffix). */
  workerId: z.string().min(1).optional(),
  hostname: z.string().min(1).optional(),
  /** Version reported in heartbeats. */
  version: z.string().optional(),
  /** Most jobs asked for in one fetch (default: the concurrency). */
  maxFetchCount: z.int().min(1).optional(),
  fetchBackoff: z
    .custom<FetchBackoffOptions>((v) => typeof v === 'object' && v !== null, { error: 'must be an object' })
    .optional(),
  /** Signals that trigger a graceful stop (default SIGTERM and SIGINT); `false` installs no listener. */
  shutdownSignals: z
    .union([z.literal(false), z.array(z.enum(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2']))])
    .default(['SIGTERM', 'SIGINT']),
  signalSource: z
    .custom<SignalSource>((v) => typeof v === 'object' && v !== null, { error: 'must be an event source' })
    .optional(),
  /** Share an existing low-level client instead of creating one from url/token/fetch. */
  client: z.custom<OjsClient>((v) => typeof v === 'object' && v !== null).optional(),
});

export type WorkerOptions = z.input<typeof workerOptionsSchema>;
type ResolvedOptions = z.output<typeof workerOptionsSchema>;

/** Counters of what this worker did. */
export interface WorkerStats {
  fetched: number;
  completed: number;
  failed: number;
  /** Jobs handed back with `requeue` (shutdown) . */
  requeued: number;
  /** Jobs dropped because the server took them back (cancelled, lease lost). */
  lost: number;
  /** Most jobs ever running at once. */
  maxConcurrent: number;
}

interface ActiveJob {
  job: Job;
  controller: AbortController;
  /** Set once the job was acked, nacked or given up: nothing else may be reported for it. */
  released: boolean;
  startedAt: number;
}

const REPORT_ATTEMPTS = 4;

/**
 * Fetches jobs from an OJS server and runs the registered handlers with bounded concurrency,
 * middleware, heartbeats and graceful shutdown.
 *
 * ```ts
 * const worker = new Worker({ url, queues: ['email'], concurrency: 5 });
 * worker.register('email.send', async (ctx) => { await send(ctx.args[0]); });
 * worker.start();
 * ```
 */
export class Worker {
  readonly id: string;
  readonly options: Readonly<Omit<ResolvedOptions, 'client' | 'logger' | 'signalSource' | 'fetch' | 'token'>>;
  readonly logger: Logger;
  readonly #client: OjsClient;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #middleware: Middleware[] = [];
  readonly #limiter: ConcurrencyLimiter;
  readonly #backoff: FetchBackoff;
  readonly #active = new Map<string, ActiveJob>();
  readonly #stats: WorkerStats = {
    fetched: 0,
    completed: 0,
    failed: 0,
    requeued: 0,
    lost: 0,
    maxConcurrent: 0,
  };
  readonly #signalSource: SignalSource | undefined;
  readonly #signals: NodeJS.Signals[];
  readonly #hostname: string;
  #state: LifecycleState = 'idle';
  /** Aborted on every state change, to wake the loops. */
  #wake = new AbortController();
  /** Aborted when the worker is stopped (ends the heartbeat loop). */
  readonly #stopped = new AbortController();
  #fetchLoop: Promise<void> = Promise.resolve();
  #heartbeatLoop: Promise<void> = Promise.resolve();
  #shutdown: Promise<void> | undefined;
  #abortNow: AbortController | undefined;
  #done!: () => void;
  readonly #donePromise: Promise<void>;
  #progressSupported = true;
  #signalCount = 0;
  #signalListeners: { signal: NodeJS.Signals; listener: () => void }[] = [];

  constructor(options: WorkerOptions) {
    const parsed = workerOptionsSchema.safeParse(options);
    if (!parsed.success) throw new TypeError(`invalid worker options: ${formatZodIssues(parsed.error)}`);
    const { client, logger, signalSource, fetch, token, ...rest } = parsed.data;
    this.options = rest;
    this.#hostname = rest.hostname ?? osHostname();
    this.id = rest.workerId ?? `${this.#hostname}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.logger = childLogger(logger ?? createJsonLogger({ level: 'warn' }), { worker_id: this.id });
    this.#client =
      client ??
      createOjsClient({
        baseUrl: rest.url,
        token,
        fetch,
        timeoutMs: rest.timeoutMs,
        userAgent: 'lookout-ojs-worker',
      });
    this.#limiter = new ConcurrencyLimiter(rest.concurrency);
    this.#backoff = new FetchBackoff(rest.fetchBackoff);
    this.#signals = rest.shutdownSignals === false ? [] : rest.shutdownSignals;
    this.#signalSource = signalSource ?? (this.#signals.length > 0 ? process : undefined);
    this.#donePromise = new Promise((resolve) => {
      this.#done = resolve;
    });
  }

  /** Current lifecycle state: idle, running, quiet, draining, aborting or stopped. */
  get state(): LifecycleState {
    return this.#state;
  }

  /** Jobs running right now. */
  get activeCount(): number {
    return this.#limiter.busy;
  }

  /** Ids of the jobs running right now. */
  get activeJobIds(): string[] {
    return [...this.#active.keys()];
  }

  get stats(): Readonly<WorkerStats> {
    return { ...this.#stats, maxConcurrent: this.#limiter.highWater };
  }

  /** Registers the handler of a job type. The value it resolves with is the job's result. */
  register(type: string, handler: JobHandler): this {
    const parsed = jobTypeSchema.safeParse(type);
    if (!parsed.success)
      throw new TypeError(`invalid job type ${JSON.stringify(type)}: ${formatZodIssues(parsed.error)}`);
    if (this.#handlers.has(type))
      throw new Error(`a handler for ${JSON.stringify(type)} is already registered`);
    if (this.#state !== 'idle') throw new Error('register handlers before start()');
    this.#handlers.set(type, handler);
    return this;
  }

  /**
   * Registers a handler whose args are validated by a zod schema first (the schema parses the whole
   * `args` array, e.g. `z.tuple([z.object({ to: z.email() })])`). Args that fail the schema fail the
   * job as non-retryable (`invalid_payload`) without calling the handler.
   */
  registerTyped<S extends z.ZodType>(
    type: string,
    schema: S,
    handler: (ctx: JobContext, args: z.output<S>) => unknown,
  ): this {
    return this.register(type, async (ctx) => {
      const parsed = await schema.safeParseAsync(ctx.args);
      if (!parsed.success) {
        throw NonRetryable(
          new JobError(`args of ${type} do not match the schema: ${formatZodIssues(parsed.error)}`, {
            code: 'invalid_payload',
            type: 'ArgsValidationError',
            retryable: false,
            details: {
              issues: parsed.error.issues.map((i) => ({
                path: i.path.map(String).join('.'),
                message: i.message,
              })),
            },
          }),
        );
      }
      return handler(ctx, parsed.data);
    });
  }

  /** Adds a middleware; they run in the order added on the way in and in reverse on the way out. */
  use(middleware: Middleware): this {
    if (this.#state !== 'idle') throw new Error('add middleware before start()');
    this.#middleware.push(middleware);
    return this;
  }

  /**
   * Starts fetching and heartbeating; returns at once. Installs the shutdown signal listeners. Use
   * `stop()` to shut down gracefully and `done()` to wait for the end.
   */
  start(): this {
    if (this.#state !== 'idle') throw new Error(`worker cannot start from state ${this.#state}`);
    if (this.#handlers.size === 0) throw new Error('register at least one handler before start()');
    this.#transition('start');
    for (const signal of this.#signals) {
      const listener = (): void => this.#onSignal(signal);
      this.#signalSource?.on(signal, listener);
      this.#signalListeners.push({ signal, listener });
    }
    this.logger.info('worker started', {
      queues: this.options.queues,
      concurrency: this.options.concurrency,
      types: [...this.#handlers.keys()],
    });
    this.#heartbeatLoop = this.#runHeartbeats();
    this.#fetchLoop = this.#runFetches();
    return this;
  }

  /**
   * Graceful shutdown: stops fetching, lets running jobs finish within the grace period, then aborts
   * the rest and requeues them (NACK with `requeue`), so no job is lost or left active. Idempotent;
   * resolves once the worker has stopped.
   */
  stop(options: { gracePeriodMs?: number } = {}): Promise<void> {
    this.#shutdown ??= this.#runShutdown(options.gracePeriodMs ?? this.options.gracePeriodMs);
    return this.#shutdown;
  }

  /** Resolves once the worker has stopped, whatever stopped it (stop(), a signal, a terminate directive). */
  done(): Promise<void> {
    return this.#donePromise;
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  #transition(event: LifecycleEvent): void {
    const next = nextLifecycleState(this.#state, event);
    if (next === this.#state) return;
    this.logger.debug('worker state', { from: this.#state, to: next, event });
    this.#state = next;
    const wake = this.#wake;
    this.#wake = new AbortController();
    wake.abort();
  }

  #onSignal(signal: NodeJS.Signals): void {
    this.#signalCount++;
    if (this.#signalCount === 1) {
      this.logger.info('shutdown signal received; finishing running jobs', {
        signal,
        grace_period_ms: this.options.gracePeriodMs,
      });
      void this.stop().then(() => this.#reraise(signal));
    } else {
      this.logger.warn('second shutdown signal: aborting running jobs now', { signal });
      this.#abortNow?.abort();
    }
  }

  /**
   * After a signal-initiated stop, let the signal do what it would have done without us: when no other
   * listener handles it on `process`, raise it again so the process ends.
   */
  #reraise(signal: NodeJS.Signals): void {
    if (this.#signalSource !== process) return;
    if (process.listenerCount(signal) > 0) return;
    process.kill(process.pid, signal);
  }

  #removeSignalListeners(): void {
    for (const { signal, listener } of this.#signalListeners) this.#signalSource?.off(signal, listener);
    this.#signalListeners = [];
  }

  async #runShutdown(gracePeriodMs: number): Promise<void> {
    if (this.#state === 'idle') {
      this.#transition('stop');
      this.#stopped.abort();
      this.#done();
      return;
    }
    this.#transition('stop');
    this.logger.info('worker stopping', { active_jobs: this.#active.size, grace_period_ms: gracePeriodMs });
    const abortNow = new AbortController();
    this.#abortNow = abortNow;
    // the fetch loop ends after its current request; jobs it got meanwhile are requeued there
    await this.#fetchLoop;
    const graceTimer = setTimeout(() => abortNow.abort(), gracePeriodMs);
    const drained = await this.#limiter.waitForIdle(abortNow.signal);
    clearTimeout(graceTimer);
    if (!drained) {
      this.#transition('graceElapsed');
      const left = [...this.#active.values()].filter((a) => !a.released);
      this.logger.warn('grace period over: aborting and requeueing running jobs', { jobs: left.length });
      await Promise.all(left.map((a) => this.#requeue(a)));
      const waitTimer = new AbortController();
      const t = setTimeout(() => waitTimer.abort(), this.options.abortWaitMs);
      const settled = await this.#limiter.waitForIdle(waitTimer.signal);
      clearTimeout(t);
      if (!settled) {
        this.logger.warn('handlers still running after abort; their results are ignored', {
          jobs: this.#limiter.busy,
        });
      }
    }
    this.#transition('drained');
    this.#stopped.abort();
    await this.#heartbeatLoop;
    await this.#sendHeartbeat(true);
    this.#removeSignalListeners();
    this.logger.info('worker stopped', { ...this.stats });
    this.#done();
  }

  // ---- fetching --------------------------------------------------------------------------------

  async #runFetches(): Promise<void> {
    const opts = this.options;
    while (!isShuttingDown(this.#state)) {
      const wake = this.#wake.signal;
      if (!mayFetch(this.#state)) {
        // quiet: wait for a state change
        if (wake.aborted) continue;
        await new Promise<void>((resolve) => wake.addEventListener('abort', () => resolve(), { once: true }));
        continue;
      }
      if (!(await this.#limiter.waitForFree(wake))) continue;
      const count = Math.min(this.#limiter.free, opts.maxFetchCount ?? opts.concurrency);
      let jobs: Job[];
      try {
        jobs = await this.#client.workers.fetch(
          { queues: opts.queues, count, worker_id: this.id, visibility_timeout_ms: opts.visibilityTimeoutMs },
          { timeoutMs: opts.fetchTimeoutMs },
        );
      } catch (error) {
        const delay = this.#backoff.failure(error);
        this.logger[this.#backoff.failures === 1 ? 'warn' : 'debug']('fetch failed; backing off', {
          error: describe(error),
          failures: this.#backoff.failures,
          delay_ms: delay,
        });
        await sleep(delay, wake);
        continue;
      }
      if (this.#backoff.failures > 0)
        this.logger.info('fetch recovered', { failures: this.#backoff.failures });
      this.#backoff.success();
      this.#stats.fetched += jobs.length;
      if (!mayFetch(this.#state)) {
        // stopped or quieted while the request was in flight: hand the jobs straight back
        await Promise.all(jobs.map((job) => this.#releaseUnstarted(job)));
        continue;
      }
      for (const job of jobs) this.#dispatch(job);
      if (jobs.length === 0) await sleep(opts.pollIntervalMs, wake);
    }
  }

  async #releaseUnstarted(job: Job): Promise<void> {
    const ok = await this.#report('nack', job.id, () =>
      this.#client.workers.nack({
        job_id: job.id,
        worker_id: this.id,
        requeue: true,
        error: shutdownError(),
      }),
    );
    if (ok) this.#stats.requeued++;
  }

  #dispatch(job: Job): void {
    if (!this.#limiter.tryAcquire()) {
      // cannot happen: the loop asks for at most the free slots and is the only one taking them
      this.logger.error('no free slot for a fetched job; requeueing it', { job_id: job.id });
      void this.#releaseUnstarted(job);
      return;
    }
    const active: ActiveJob = {
      job,
      controller: new AbortController(),
      released: false,
      startedAt: Date.now(),
    };
    this.#active.set(job.id, active);
    void this.#execute(active).finally(() => {
      this.#active.delete(job.id);
      this.#limiter.release();
    });
  }

  // ---- running a job ---------------------------------------------------------------------------

  async #execute(active: ActiveJob): Promise<void> {
    const { job, controller } = active;
    const handler = this.#handlers.get(job.type);
    const log = childLogger(this.logger, {
      job_id: job.id,
      job_type: job.type,
      queue: job.queue,
      attempt: job.attempt,
    });
    let result: unknown;
    let resultSet = false;
    const ctx: JobContext = {
      job,
      id: job.id,
      type: job.type,
      queue: job.queue,
      args: job.args,
      meta: job.meta ?? {},
      attempt: job.attempt,
      maxAttempts: job.max_attempts,
      workerId: this.id,
      signal: controller.signal,
      logger: log,
      values: new Map(),
      setResult: (value) => {
        result = value;
        resultSet = true;
      },
      progress: (fraction, message) => this.#progress(job.id, fraction, message, log),
    };
    const timeoutMs = job.timeout_ms;
    const timer =
      timeoutMs !== undefined && timeoutMs > 0
        ? setTimeout(() => controller.abort(new HandlerTimeoutError(timeoutMs)), timeoutMs)
        : undefined;
    let failure: unknown;
    let ok = false;
    try {
      if (handler === undefined) {
        throw new JobError(
          `no handler registered for job type ${JSON.stringify(job.type)} on worker ${this.id}`,
          {
            code: 'handler_not_found',
            type: 'HandlerNotFoundError',
          },
        );
      }
      const returned = await composeMiddleware(this.#middleware, handler)(ctx);
      if (!resultSet) result = returned;
      ok = true;
    } catch (error) {
      const reason: unknown = controller.signal.reason;
      failure = controller.signal.aborted && reason instanceof HandlerTimeoutError ? reason : error;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    if (active.released) return;
    active.released = true;
    if (ok) {
      const json = toJsonResult(result);
      if (json.ok) {
        const acked = await this.#report('ack', job.id, () =>
          this.#client.workers.ack({
            job_id: job.id,
            worker_id: this.id,
            ...(json.value !== undefined ? { result: json.value } : {}),
          }),
        );
        if (acked) this.#stats.completed++;
        return;
      }
      failure = NonRetryable(
        new JobError(`handler result is not JSON: ${json.reason}`, {
          code: 'invalid_result',
          retryable: false,
        }),
      );
    }
    const error = failureFromError(failure);
    log.debug('job failed', { code: error.code, error_type: error.type, retryable: error.retryable });
    const nacked = await this.#report('nack', job.id, () =>
      this.#client.workers.nack({ job_id: job.id, worker_id: this.id, error }),
    );
    if (nacked) this.#stats.failed++;
  }

  async #requeue(active: ActiveJob): Promise<void> {
    active.released = true;
    active.controller.abort(new WorkerShutdownError());
    const ok = await this.#report('nack', active.job.id, () =>
      this.#client.workers.nack({
        job_id: active.job.id,
        worker_id: this.id,
        requeue: true,
        error: shutdownError(),
      }),
    );
    if (ok) this.#stats.requeued++;
  }

  /**
   * Sends an ACK/NACK, retrying transient failures a few times. A refusal a retry cannot fix (404, 409:
   * the job was cancelled, timed out or reclaimed meanwhile) is logged and dropped. Returns success.
   */
  async #report(kind: 'ack' | 'nack', jobId: string, send: () => Promise<unknown>): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await send();
        return true;
      } catch (error) {
        const retryable = error instanceof OjsError ? error.retryable : false;
        if (!retryable || attempt >= REPORT_ATTEMPTS) {
          const level =
            error instanceof OjsError && (error.status === 404 || error.status === 409) ? 'info' : 'error';
          this.logger[level](`${kind} not accepted`, {
            job_id: jobId,
            error: describe(error),
            attempts: attempt,
          });
          return false;
        }
        await sleep(100 * 2 ** (attempt - 1));
      }
    }
  }

  async #progress(jobId: string, fraction: number, message: string | undefined, log: Logger): Promise<void> {
    if (!this.#progressSupported) return;
    const progress = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
    try {
      await this.#client.jobs.setProgress(
        jobId,
        message === undefined ? { progress } : { progress, message },
        { timeoutMs: Math.min(this.#client.transport.timeoutMs, 5000) },
      );
    } catch (error) {
      if (error instanceof OjsError && [404, 405, 501].includes(error.status) && error.code !== 'not_found') {
        this.#progressSupported = false;
        log.info('server does not support progress; not reporting it any more', { error: describe(error) });
      } else {
        log.debug('progress not recorded', { error: describe(error) });
      }
    }
  }

  // ---- heartbeats ------------------------------------------------------------------------------

  async #runHeartbeats(): Promise<void> {
    const stopped = this.#stopped.signal;
    while (sendsHeartbeats(this.#state) && !stopped.aborted) {
      await this.#sendHeartbeat(false);
      if (!(await sleep(this.options.heartbeatIntervalMs, stopped))) break;
    }
  }

  async #sendHeartbeat(final: boolean): Promise<void> {
    const ids = [...this.#active.entries()].filter(([, a]) => !a.released).map(([id]) => id);
    const opts = this.options;
    let response;
    try {
      response = await this.#client.workers.heartbeat(
        {
          worker_id: this.id,
          active_jobs: ids,
          state: final ? 'stopped' : reportedWorkerState(this.#state),
          hostname: this.#hostname,
          queues: opts.queues,
          concurrency: opts.concurrency,
          ...(opts.version !== undefined ? { version: opts.version } : {}),
          metadata: { labels: opts.labels, sdk: 'lookout-ojs-worker' },
          visibility_timeout_ms: opts.visibilityTimeoutMs,
        },
        { timeoutMs: Math.max(1000, Math.min(opts.heartbeatIntervalMs, this.#client.transport.timeoutMs)) },
      );
    } catch (error) {
      if (!final) this.logger.warn('heartbeat failed', { error: describe(error) });
      return;
    }
    if (final) return;
    if (response.jobs_extended !== undefined) {
      const extended = new Set(response.jobs_extended);
      for (const id of ids) {
        const active = this.#active.get(id);
        if (extended.has(id) || active === undefined || active.released) continue;
        active.released = true;
        this.#stats.lost++;
        this.logger.warn('server no longer holds the job for this worker; aborting it', { job_id: id });
        active.controller.abort(new JobLeaseLostError(id));
      }
    }
    const directive = response.resolvedDirective;
    if (directive === 'terminate') {
      if (!isShuttingDown(this.#state)) {
        this.logger.info('terminate directive from the server; stopping');
        void this.stop();
      }
    } else if (directive === 'quiet') {
      if (this.#state === 'running') this.logger.info('quiet directive from the server; fetching stopped');
      this.#transition('quiet');
    } else if (this.#state === 'quiet') {
      this.logger.info('server lifted the quiet directive; fetching again');
      this.#transition('resume');
    }
  }
}

function shutdownError(): NonNullable<NackRequest['error']> {
  return {
    code: 'worker_shutdown',
    type: 'WorkerShutdownError',
    message: 'worker shut down before the job finished; requeued',
    retryable: true,
  };
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof OjsError) return { code: error.code, status: error.status, message: error.message };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { value: String(error) };
}

/** Checks that a handler result survives JSON (undefined means "no result"). */
export function toJsonResult(value: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (value === undefined) return { ok: true, value: undefined };
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return { ok: true, value: undefined };
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
