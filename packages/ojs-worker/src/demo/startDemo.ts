import { type FetchLike } from '@lookout/ojs-client';
import { z } from 'zod';
import { Client } from '../Client';
import { createJsonLogger, type Logger } from '../logger';
import {
  metricsMiddleware,
  inMemoryMetricsRecorder,
  type InMemoryJobMetrics,
} from '../middleware/metricsMiddleware';
import { recoveryMiddleware } from '../middleware/recoveryMiddleware';
import { sleep } from '../sleep';
import { DuplicateJobError } from '../typedErrors';
import { Worker } from '../Worker';
import { createDemoScenario, type PlannedAction, type PlannedVisit } from './createDemoScenario';
import { CORE_WORKERS, DEMO_CRON, type DemoWorkerProfile } from './demoCatalogue';
import { registerDemoHandlers } from './registerDemoHandlers';

const demoOptionsSchema = z
  .strictObject({
    /** OJS server origin; with `fetch` alone it defaults to `http://ojs.internal` (only used for paths). */
    url: z.url().optional(),
    /** A fetch implementation `(url, init) => Response` to reach the server with. */
    fetch: z.custom<FetchLike>((v) => typeof v === 'function', { error: 'must be a function' }).optional(),
    /**
     * An in-process fetch handler `(request) => Response`, e.g. the embedded server's `server.fetch` or a
     * Hono `app.fetch`: the demo then talks to it without any network.
     */
    handler: z
      .custom<(request: Request) => Response | Promise<Response>>((v) => typeof v === 'function', {
        error: 'must be a function',
      })
      .optional(),
    token: z.string().optional(),
    /** Jobs/workflows created per second (default 20). */
    rate: z.number().positive().max(10_000).default(20),
    /** Seed of the plan; the same seed gives the same jobs with the same fates (default 42). */
    seed: z.union([z.int(), z.string().min(1)]).default(42),
    /** Speed of the simulated world: work, retry intervals and worker churn (default 1). */
    timeScale: z.number().positive().max(100).default(1),
    /** Aborting stops the demo (like `stop()`). */
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal).optional(),
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null).optional(),
    /** Run the workers (default true). */
    workers: z.boolean().default(true),
    /** Run the producers (default true). */
    producers: z.boolean().default(true),
    /** Let visiting workers come and go (default true). */
    churn: z.boolean().default(true),
    /** Register the every-minute cron (default true; removed again on stop). */
    cron: z.boolean().default(true),
    /** Grace period of the workers on stop (default 5000 ms). */
    gracePeriodMs: z.int().min(0).default(5000),
    /** Worker poll and heartbeat intervals (defaults 500 ms and 5000 ms). */
    pollIntervalMs: z.int().min(1).default(500),
    heartbeatIntervalMs: z.int().min(10).default(5000),
  })
  .check((ctx) => {
    const v = ctx.value;
    if (v.url === undefined && v.fetch === undefined && v.handler === undefined) {
      ctx.issues.push({ code: 'custom', input: v, path: ['url'], message: 'give url, fetch or handler' });
    }
    if (v.fetch !== undefined && v.handler !== undefined) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        path: ['handler'],
        message: 'give fetch or handler, not both',
      });
    }
  });

export type DemoOptions = z.input<typeof demoOptionsSchema>;

export interface DemoStats {
  seed: string;
  /** Jobs enqueued by type (workflow members not included). */
  enqueued: Record<string, number>;
  workflows: Record<'chain' | 'group' | 'batch', number>;
  /** Enqueues refused as duplicates by a unique policy. */
  duplicates: number;
  /** Enqueue/workflow calls that failed (server away, refused...). */
  producerErrors: number;
  /** Workers currently running. */
  workers: string[];
  visitorsJoined: number;
  visitorsLeft: number;
  /** Per queue/type attempts as seen by this demo's workers. */
  jobs: ReturnType<InMemoryJobMetrics['snapshot']>;
}

export interface DemoHandle {
  readonly seed: string;
  /** The client the demo uses (handy to inspect what it did). */
  readonly client: Client;
  stats(): DemoStats;
  /** Stops producers, stops workers gracefully (jobs finish or are requeued), removes the cron. */
  stop(): Promise<void>;
  /** Resolves once stopped. */
  readonly done: Promise<void>;
}

/**
 * Starts Lookout's demo workload against an OJS server: producers that create a seeded, realistic mix of
 * jobs and workflows at `rate` per second, a cron, and workers (some permanent, some coming and going)
 * that process them. Returns once the cron is registered and the permanent workers are started.
 */
export async function startDemo(options: DemoOptions): Promise<DemoHandle> {
  const parsed = demoOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new TypeError(
      `invalid demo options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const o = parsed.data;
  const url = o.url ?? 'http://ojs.internal';
  const handler = o.handler;
  const fetchImpl: FetchLike | undefined =
    o.fetch ?? (handler ? async (input, init) => handler(new Request(input, init)) : undefined);
  const logger = o.logger ?? createJsonLogger({ level: 'info', base: { component: 'demo' } });
  const client = new Client({
    url,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    ...(o.token !== undefined ? { token: o.token } : {}),
  });
  const scenario = createDemoScenario({ seed: o.seed, rate: o.rate, timeScale: o.timeScale });
  const metrics = inMemoryMetricsRecorder();
  const lifetime = new AbortController();
  const workers = new Map<string, Worker>();
  const stats = {
    enqueued: {} as Record<string, number>,
    workflows: { chain: 0, group: 0, batch: 0 },
    duplicates: 0,
    producerErrors: 0,
    visitorsJoined: 0,
    visitorsLeft: 0,
  };
  let lastErrorLogAt = -Infinity;

  const startWorker = (id: string, profile: DemoWorkerProfile, labels: string[]): Worker => {
    const worker = new Worker({
      url,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
      ...(o.token !== undefined ? { token: o.token } : {}),
      workerId: id,
      queues: profile.queues,
      concurrency: profile.concurrency,
      pollIntervalMs: o.pollIntervalMs,
      heartbeatIntervalMs: o.heartbeatIntervalMs,
      gracePeriodMs: o.gracePeriodMs,
      labels: ['demo', profile.profile, ...labels],
      logger,
      version: 'lookout-demo',
      shutdownSignals: false,
    });
    worker.use(recoveryMiddleware()).use(metricsMiddleware(metrics));
    registerDemoHandlers(worker, o.timeScale);
    worker.start();
    workers.set(id, worker);
    void worker.done().then(() => {
      if (workers.get(id) === worker) workers.delete(id);
    });
    return worker;
  };

  const perform = async (action: PlannedAction): Promise<void> => {
    try {
      if (action.kind === 'job') {
        await client.enqueue(action.type, action.args, action.options);
        stats.enqueued[action.type] = (stats.enqueued[action.type] ?? 0) + 1;
      } else {
        await client.workflow(action.definition, { name: action.name });
        stats.workflows[action.definition.type]++;
      }
    } catch (error) {
      if (lifetime.signal.aborted) return;
      if (error instanceof DuplicateJobError) {
        stats.duplicates++;
        return;
      }
      stats.producerErrors++;
      const now = performance.now();
      if (now - lastErrorLogAt > 10_000) {
        lastErrorLogAt = now;
        logger.warn('demo producer could not create work', {
          error: error instanceof Error ? error.message : String(error),
          errors_so_far: stats.producerErrors,
        });
      }
    }
  };

  const produce = async (): Promise<void> => {
    let origin = performance.now();
    const inFlight = new Set<Promise<void>>();
    while (!lifetime.signal.aborted) {
      const action = scenario.nextAction();
      const wait = origin + action.atMs - performance.now();
      if (wait > 0) {
        if (!(await sleep(wait, lifetime.signal))) break;
      } else if (wait < -2000) {
        // far behind (server slow or away): drop the backlog of timing, keep the plan's content
        origin -= wait;
      }
      const p = perform(action).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 32) await Promise.race(inFlight);
    }
    await Promise.allSettled(inFlight);
  };

  const churn = async (): Promise<void> => {
    const origin = performance.now();
    const leaving = new Set<Promise<void>>();
    while (!lifetime.signal.aborted) {
      const visit: PlannedVisit = scenario.nextVisit();
      if (!(await sleep(origin + visit.joinAtMs - performance.now(), lifetime.signal))) break;
      const worker = startWorker(visit.workerId, visit.profile, ['visitor']);
      stats.visitorsJoined++;
      logger.info('demo worker joined', { worker_id: visit.workerId, queues: visit.profile.queues });
      const leave = sleep(origin + visit.leaveAtMs - performance.now(), lifetime.signal)
        .then(async (stayed) => {
          if (!stayed) return;
          await worker.stop();
          stats.visitorsLeft++;
          logger.info('demo worker left', { worker_id: visit.workerId });
        })
        .finally(() => leaving.delete(leave));
      leaving.add(leave);
    }
    await Promise.allSettled(leaving);
  };

  if (o.cron) {
    try {
      await client.api.cron.register({
        name: DEMO_CRON.name,
        expression: DEMO_CRON.expression,
        job_template: {
          type: DEMO_CRON.type,
          args: [...DEMO_CRON.args],
          options: { queue: DEMO_CRON.queue },
        },
      });
    } catch (error) {
      logger.warn('demo cron not registered', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (o.workers) {
    for (const profile of CORE_WORKERS) startWorker(`demo-${profile.profile}-core`, profile, ['core']);
  }
  const loops = [
    o.producers ? produce() : Promise.resolve(),
    o.workers && o.churn ? churn() : Promise.resolve(),
  ];
  logger.info('demo started', { seed: scenario.seed, rate: o.rate, time_scale: o.timeScale, url });

  let stopping: Promise<void> | undefined;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      lifetime.abort();
      await Promise.allSettled(loops);
      await Promise.allSettled([...workers.values()].map((w) => w.stop()));
      if (o.cron) {
        await client.api.cron.delete(DEMO_CRON.name).catch(() => undefined);
      }
      logger.info('demo stopped', { ...snapshot() });
      resolveDone();
    })();
    return stopping;
  };
  const snapshot = (): DemoStats => ({
    seed: scenario.seed,
    enqueued: { ...stats.enqueued },
    workflows: { ...stats.workflows },
    duplicates: stats.duplicates,
    producerErrors: stats.producerErrors,
    workers: [...workers.keys()],
    visitorsJoined: stats.visitorsJoined,
    visitorsLeft: stats.visitorsLeft,
    jobs: metrics.snapshot(),
  });
  if (o.signal) {
    if (o.signal.aborted) void stop();
    else o.signal.addEventListener('abort', () => void stop(), { once: true });
  }
  return { seed: scenario.seed, client, stats: snapshot, stop, done };
}
