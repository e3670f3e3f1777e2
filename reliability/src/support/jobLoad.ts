import { ok, ojsCall } from './ojsHttp';
import { sleep } from './waitUntil';

export interface JobLoad {
  enqueued: number;
  completed: number;
  errors: number;
  stop(): Promise<void>;
}

/**
 * Steady traffic against an OJS server: `producers` loops enqueueing on `queue` (every `intervalMs`) and as
 * many workers fetching and acking. Network errors are counted and retried: the server may come and go.
 * `baseUrl` is read on every call, so the load follows a restarted server.
 */
export function startJobLoad(
  baseUrl: () => string,
  options: { queue?: string; producers?: number; intervalMs?: number } = {},
): JobLoad {
  const queue = options.queue ?? 'load';
  const interval = options.intervalMs ?? 20;
  let running = true;
  const load: JobLoad = {
    enqueued: 0,
    completed: 0,
    errors: 0,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
  const producer = async (p: number) => {
    for (let i = 0; running; i++) {
      const answer = await ojsCall(baseUrl(), 'POST', '/ojs/v1/jobs', {
        type: 'load.tick',
        args: [p, i],
        options: { queue },
      });
      if (ok(answer)) load.enqueued++;
      else load.errors++;
      await sleep(ok(answer) ? interval : 200);
    }
  };
  const worker = async (w: number) => {
    while (running) {
      const answer = await ojsCall(baseUrl(), 'POST', '/ojs/v1/workers/fetch', {
        queues: [queue],
        count: 5,
        worker_id: `load-worker-${w}`,
      });
      const jobs = ok(answer) ? ((answer.body as { jobs?: { id: string }[] }).jobs ?? []) : [];
      if (!ok(answer)) load.errors++;
      for (const job of jobs) {
        const ack = await ojsCall(baseUrl(), 'POST', '/ojs/v1/workers/ack', { job_id: job.id, result: {} });
        if (ok(ack)) load.completed++;
      }
      if (jobs.length === 0) await sleep(ok(answer) ? interval : 200);
    }
  };
  const count = options.producers ?? 2;
  const loops = [
    ...Array.from({ length: count }, (_, p) => producer(p)),
    ...Array.from({ length: count }, (_, w) => worker(w)),
  ];
  return load;
}
