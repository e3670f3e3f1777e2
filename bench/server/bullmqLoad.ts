import { Queue, Worker } from 'bullmq';
import { closedLoop, type ClosedLoopResult } from '../lib/closedLoop';
import type { EndToEndResult, LoadSettings } from './ojsLoad';

function connection(port: number) {
  return { host: '127.0.0.1', port, maxRetriesPerRequest: null };
}

/** `queue.add`, one job per call. */
export async function bullAddSingle(port: number, s: LoadSettings): Promise<ClosedLoopResult> {
  const queue = new Queue('bench-add', { connection: connection(port) });
  await queue.waitUntilReady();
  let i = 0;
  try {
    return await closedLoop({
      ...s,
      op: async () => {
        await queue.add('bench.noop', { i: i++ }, { removeOnComplete: true });
        return 1;
      },
    });
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

/** `queue.addBulk` with `size` jobs per call; counts jobs. */
export async function bullAddBulk(port: number, size: number, s: LoadSettings): Promise<ClosedLoopResult> {
  const queue = new Queue('bench-bulk', { connection: connection(port) });
  await queue.waitUntilReady();
  const jobs = Array.from({ length: size }, (_, i) => ({
    name: 'bench.noop',
    data: { i },
    opts: { removeOnComplete: true },
  }));
  try {
    return await closedLoop({
      ...s,
      op: async () => {
        await queue.addBulk(jobs);
        return size;
      },
    });
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

export interface BullEndToEndSettings {
  jobs: number;
  producers: number;
  /** Worker concurrency (jobs processed at once). */
  concurrency: number;
  timeoutMs: number;
}

/** Producers `queue.add` jobs while one `Worker` (no-op processor) completes them, until all are done. */
export async function bullEndToEnd(port: number, s: BullEndToEndSettings): Promise<EndToEndResult> {
  const name = 'bench-e2e';
  const queue = new Queue(name, { connection: connection(port) });
  await queue.waitUntilReady();
  let completed = 0;
  let enqueued = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const worker = new Worker(name, () => Promise.resolve(), {
    connection: connection(port),
    concurrency: s.concurrency,
    autorun: false,
  });
  worker.on('completed', () => {
    completed++;
    if (completed >= s.jobs) resolveDone();
  });
  worker.on('error', (e) => console.error('  [bullmq] worker error:', e));
  await worker.waitUntilReady();
  const started = performance.now();
  const deadline = started + s.timeoutMs;
  void worker.run();
  const produce = async (): Promise<void> => {
    while (enqueued < s.jobs && performance.now() < deadline) {
      enqueued++;
      await queue.add('bench.noop', { i: enqueued }, { removeOnComplete: true });
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, s.timeoutMs);
  });
  try {
    await Promise.all(Array.from({ length: s.producers }, produce));
    await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
  const elapsedMs = performance.now() - started;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { jobs: completed, elapsedMs, perSecond: (completed * 1000) / elapsedMs };
}
