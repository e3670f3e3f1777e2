import { startOjsServer, type RunningOjsServer } from '@lookout/ojs-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy, type FaultMode } from './support/FaultProxy';
import { trackProcessErrors } from './support/rejections';
import { startLookout, type RunningLookout } from './support/startLookout';
import { sleep } from './support/waitUntil';

/** The recovery bound the product promises once the upstream is healthy again. */
const RECOVERY_BOUND_MS = 2000;
const UPSTREAM_CODES = ['backend_unavailable', 'bad_upstream_response', 'upstream_error'];

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; retryable?: unknown };
  errors?: unknown[];
}

let ojs: RunningOjsServer;
let proxy: FaultProxy;
let lookout: RunningLookout;
let cluster: string;
let jobId: string;
const tracker = trackProcessErrors();
const recoveries: Record<string, number> = {};

beforeAll(async () => {
  ojs = await startOjsServer({ port: 0 });
  proxy = await FaultProxy.start(ojs.url);
  // Production defaults but a 2 s upstream timeout, so the `slow` case takes 2 s and not 5.
  lookout = await startLookout(proxy.url, { LOOKOUT_UPSTREAM_TIMEOUT_MS: '2000' });
  cluster = lookout.config.clusters[0]?.id ?? '';
  const res = await fetch(`${ojs.url}/ojs/v1/jobs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'report.build', args: [1], options: { queue: 'reports' } }),
  });
  jobId = ((await res.json()) as { job: { id: string } }).job.id;
});

afterAll(async () => {
  await lookout?.close();
  await proxy?.close();
  await ojs?.close();
  console.log('recovery after the upstream returned (ms):', JSON.stringify(recoveries));
});

/** Reads that go to the upstream on every call (per cluster: one answer or one error). */
const reads = () => [
  `/api/clusters/${cluster}/jobs/${jobId}`,
  `/api/clusters/${cluster}/queues/reports`,
  `/api/queues?cluster=${cluster}`,
  `/api/jobs?cluster=${cluster}&queue=reports`,
];

async function get(path: string): Promise<{ status: number; body: ErrorBody }> {
  const res = await fetch(lookout.url + path);
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as ErrorBody };
  } catch {
    throw new Error(`${path}: not JSON (${res.status}): ${text.slice(0, 200)}`);
  }
}

/** Time from now until every read answers 200 and health is ok again. */
async function timeToRecover(): Promise<number> {
  const started = Date.now();
  for (;;) {
    const answers = await Promise.all([...reads().map(get), get('/api/health')]);
    const healthy = answers.every((a) => a.status === 200) && answers.every((a) => !a.body.errors?.length);
    const health = answers.at(-1)?.body as { status?: string } | undefined;
    if (healthy && health?.status === 'ok') return Date.now() - started;
    if (Date.now() - started > 30_000) throw new Error(`not recovered: ${JSON.stringify(answers)}`);
    await sleep(20);
  }
}

describe('upstream faults through the BFF', () => {
  it.each<[FaultMode | 'down']>([
    ['down'],
    ['html'],
    ['status500'],
    ['truncated'],
    ['reset'],
    ['midReset'],
    ['huge'],
    ['slow'],
  ])('%s: clear 502, no crash, no unhandled rejection, recovery within 2 s', async (mode) => {
    expect(await timeToRecover()).toBeLessThan(30_000);
    if (mode === 'down') await proxy.down();
    else proxy.mode = mode;
    try {
      // Reads within the shared cache's TTL may still be answered from it: let it expire.
      await sleep(lookout.config.cacheTtlMs + 50);
      for (const path of reads()) {
        const { status, body } = await get(path);
        expect(status, path).toBe(502);
        expect(UPSTREAM_CODES, `${path}: ${JSON.stringify(body)}`).toContain(body.error?.code);
        expect(body.error?.retryable, path).toBe(true);
        expect(typeof body.error?.message === 'string' && body.error.message.length > 5, path).toBe(true);
      }
      // Aggregates over every cluster still answer, naming the failed cluster.
      const all = await get('/api/queues');
      expect(all.status).toBe(200);
      expect(all.body.errors).toEqual([expect.objectContaining({ cluster })]);
    } finally {
      proxy.mode = 'pass';
      await proxy.up();
    }
    const recovered = await timeToRecover();
    recoveries[mode] = recovered;
    // A stalled upstream leaves reads in flight that only the BFF's own timeout ends (later reads share
    // them): after `slow` the bound counts from that timeout.
    const bound = mode === 'slow' ? lookout.config.upstreamTimeoutMs + RECOVERY_BOUND_MS : RECOVERY_BOUND_MS;
    expect(recovered).toBeLessThan(bound);
    expect(tracker.errors).toEqual([]);
  });

  it('left no unhandled rejection or uncaught exception behind', async () => {
    await sleep(100);
    expect(tracker.stop()).toEqual([]);
  });
});
