import { Pool } from 'undici';
import { closedLoop, sleep, type ClosedLoopResult } from '../lib/closedLoop';
import type { CpuMeter } from '../lib/cpuMeter';
import { percentile } from '../lib/verdict';

const JSON_HEADERS = { 'content-type': 'application/json' };

export interface LoadSettings {
  warmupMs: number;
  durationMs: number;
  concurrency: number;
}

/** A keep-alive connection pool to one server. */
export function pool(url: string, connections: number): Pool {
  return new Pool(url, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
  });
}

async function post(p: Pool, path: string, body: string, expected: number): Promise<string> {
  const res = await p.request({ method: 'POST', path, headers: JSON_HEADERS, body });
  const text = await res.body.text();
  if (res.statusCode !== expected) throw new Error(`POST ${path}: ${res.statusCode} ${text.slice(0, 300)}`);
  return text;
}

function jobBody(queue: string, i: number): Record<string, unknown> {
  return { type: 'bench.noop', args: [i], options: { queue } };
}

/** POST /ojs/v1/jobs, one job per request. */
export async function enqueueSingle(
  url: string,
  s: LoadSettings,
  meter?: CpuMeter,
): Promise<ClosedLoopResult> {
  const p = pool(url, s.concurrency);
  let i = 0;
  try {
    return await closedLoop({
      ...s,
      ...(meter ? { onWindowStart: meter.start, onWindowEnd: meter.stop } : {}),
      op: async () => {
        await post(p, '/ojs/v1/jobs', JSON.stringify(jobBody('bench', i++)), 201);
        return 1;
      },
    });
  } finally {
    await p.close();
  }
}

/** POST /ojs/v1/jobs/batch with `size` jobs per request; counts jobs. */
export async function enqueueBatch(
  url: string,
  size: number,
  s: LoadSettings,
  meter?: CpuMeter,
): Promise<ClosedLoopResult> {
  const p = pool(url, s.concurrency);
  const body = JSON.stringify({ jobs: Array.from({ length: size }, (_, i) => jobBody('bench', i)) });
  try {
    return await closedLoop({
      ...s,
      ...(meter ? { onWindowStart: meter.start, onWindowEnd: meter.stop } : {}),
      op: async () => {
        await post(p, '/ojs/v1/jobs/batch', body, 201);
        return size;
      },
    });
  } finally {
    await p.close();
  }
}

export interface EndToEndSettings {
  jobs: number;
  producers: number;
  consumers: number;
  fetchCount: number;
  timeoutMs: number;
}

export interface EndToEndResult {
  jobs: number;
  elapsedMs: number;
  perSecond: number;
}

/**
 * The worker loop: `producers` enqueue one job per request while `consumers` fetch up to `fetchCount`
 * jobs and ack each (one request per ack, as the protocol has it), until every job is acked.
 */
export async function endToEnd(url: string, s: EndToEndSettings, meter?: CpuMeter): Promise<EndToEndResult> {
  const p = pool(url, s.producers + s.consumers * 4);
  const queue = 'e2e';
  let enqueued = 0;
  let acked = 0;
  const started = performance.now();
  const deadline = started + s.timeoutMs;
  meter?.start();
  const produce = async (): Promise<void> => {
    while (enqueued < s.jobs && performance.now() < deadline) {
      const n = enqueued++;
      await post(p, '/ojs/v1/jobs', JSON.stringify(jobBody(queue, n)), 201);
    }
  };
  const consume = async (w: number): Promise<void> => {
    const fetchBody = JSON.stringify({ queues: [queue], count: s.fetchCount, worker_id: `bench-${w}` });
    while (acked < s.jobs && performance.now() < deadline) {
      const text = await post(p, '/ojs/v1/workers/fetch', fetchBody, 200);
      const { jobs } = JSON.parse(text) as { jobs: { id: string }[] };
      if (jobs.length === 0) {
        await sleep(1);
        continue;
      }
      await Promise.all(
        jobs.map((job) => post(p, '/ojs/v1/workers/ack', JSON.stringify({ job_id: job.id }), 200)),
      );
      acked += jobs.length;
    }
  };
  try {
    await Promise.all([
      ...Array.from({ length: s.producers }, produce),
      ...Array.from({ length: s.consumers }, (_, w) => consume(w)),
    ]);
  } finally {
    meter?.stop();
    await p.close();
  }
  const elapsedMs = performance.now() - started;
  return { jobs: acked, elapsedMs, perSecond: (acked * 1000) / elapsedMs };
}

/** Fills a server with `total` jobs over 8 queues and 16 types, in batches of 1000. */
export async function seed(url: string, total: number, onProgress: (done: number) => void): Promise<number> {
  const batch = 1000;
  const p = pool(url, 4);
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const from = next;
      next += batch;
      const jobs = Array.from({ length: Math.min(batch, total - from) }, (_, k) => {
        const i = from + k;
        return { type: `seed.t${i % 16}`, args: [i], options: { queue: `q${i % 8}`, priority: i % 3 } };
      });
      await post(p, '/ojs/v1/jobs/batch', JSON.stringify({ jobs }), 201);
      if ((from / batch) % 100 === 0) onProgress(from + jobs.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: 4 }, worker));
  } finally {
    await p.close();
  }
  return (total * 1000) / (performance.now() - started);
}

export interface LatencyResult {
  p50: number;
  p99: number;
  samples: number;
  items: number;
}

/**
 * Sequential GETs over one keep-alive connection; latency in ms per request (client-observed). Stops
 * after `samples` or once `budgetMs` is spent (at least 10 samples), so a slow endpoint cannot stall the run.
 */
export async function latency(
  url: string,
  path: string,
  samples: number,
  budgetMs = 10_000,
  warmup = 10,
): Promise<LatencyResult> {
  const p = pool(url, 1);
  const times: number[] = [];
  let items = 0;
  const deadline = performance.now() + budgetMs;
  try {
    for (let i = 0; i < warmup + samples; i++) {
      if (i >= warmup + 10 && performance.now() > deadline) break;
      const t0 = performance.now();
      const res = await p.request({ method: 'GET', path });
      const text = await res.body.text();
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${text.slice(0, 300)}`);
      if (i === 0) items = ((JSON.parse(text) as { items?: unknown[] }).items ?? []).length;
      if (i >= warmup) times.push(ms);
    }
  } finally {
    await p.close();
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), samples: times.length, items };
}
