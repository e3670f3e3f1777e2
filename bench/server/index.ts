import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchDefinition, BenchReport, Figure, Ratio } from '../lib/benchTypes';
import { atLeast, atMost, figure, ratioOf } from '../lib/figures';
import { CpuMeter, type CpuReading } from '../lib/cpuMeter';
import { run } from '@lookout/test-kit/processes';
import { formatValue } from '../lib/verdict';
import { bullAddBulk, bullAddSingle, bullEndToEnd } from './bullmqLoad';
import { buildOjsServer, startOjs, startScript, type RunningOjs, type StoreKind } from './ojsProcess';
import { endToEnd, enqueueBatch, enqueueSingle, latency, seed, type LoadSettings } from './ojsLoad';
import { ensureRedisServer, startRedis } from './redisServer';

/** Sizes and durations, chosen so the whole bench stays around 5 minutes on 2 cores. */
const FULL_PLAN = {
  load: { warmupMs: 1500, durationMs: 6000, concurrency: 64 } satisfies LoadSettings,
  batchSize: 100,
  batchConcurrency: 8,
  e2e: { jobs: 60_000, producers: 32, consumers: 16, fetchCount: 20, timeoutMs: 20_000 },
  bullE2e: { jobs: 60_000, producers: 32, concurrency: 64, timeoutMs: 20_000 },
  listJobs: 1_000_000,
  listSamples: 300,
  perPage: 20,
};

/** `BENCH_QUICK=1`: a fast smoke run of every phase (figures not representative). */
const QUICK = process.env['BENCH_QUICK'] === '1';
const PLAN: typeof FULL_PLAN = QUICK
  ? {
      ...FULL_PLAN,
      load: { warmupMs: 300, durationMs: 1000, concurrency: 64 },
      e2e: { ...FULL_PLAN.e2e, jobs: 5000 },
      bullE2e: { ...FULL_PLAN.bullE2e, jobs: 5000 },
      listJobs: 50_000,
      listSamples: 50,
    }
  : FULL_PLAN;

const here = dirname(fileURLToPath(import.meta.url));

function cpuFigures(key: string, label: string, cpu: CpuReading, unit: string, notes: string[]): Figure[] {
  notes.push(
    `${label}: server busy ${formatValue(cpu.serverCores * 100)}% of a core, load generator ${formatValue(cpu.clientCores * 100)}%.`,
  );
  return [figure(`${key}_cpu`, `${label}: server CPU per ${unit}`, cpu.serverUsPerUnit, 'µs')];
}

async function withServer<T>(
  cli: string,
  store: StoreKind,
  fn: (server: RunningOjs) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-ojs-'));
  const server = await startOjs(cli, store, store === 'sqlite' ? join(dir, 'ojs.db') : undefined);
  try {
    return await fn(server);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function adminListAvailable(url: string): Promise<boolean> {
  const res = await fetch(`${url}/ojs/v1/admin/jobs?per_page=1`);
  await res.body?.cancel();
  return res.status === 200;
}

async function supportedStores(cli: string): Promise<StoreKind[]> {
  const help = await run(process.execPath, [cli, '--help']);
  return help.includes('sqlite') ? ['memory', 'sqlite'] : ['memory'];
}

async function benchOjs(
  ctx: BenchContext,
  cli: string,
  store: StoreKind,
  figures: Figure[],
  notes: string[],
): Promise<void> {
  const label = store === 'memory' ? 'memory' : 'sqlite';
  const t = (k: string): string => `${store}.${k}`;
  const memoryTargets = store === 'memory';

  let singleCpu: CpuReading | undefined;
  const single = await withServer(cli, store, async (s) => {
    const meter = new CpuMeter(s.pid);
    const r = await enqueueSingle(s.url, PLAN.load, meter);
    singleCpu = meter.reading(r.units);
    return r;
  });
  ctx.log(`${store}: enqueue single ${formatValue(single.perSecond)} jobs/s (errors ${single.errors})`);
  figures.push(
    figure(
      t('enqueue_single'),
      `${label}: enqueue, 1 job per request`,
      single.perSecond,
      'jobs/s',
      memoryTargets ? atLeast(40_000) : undefined,
    ),
  );
  if (singleCpu) {
    figures.push(
      ...cpuFigures(t('enqueue_single'), `${label}: enqueue, 1 per request`, singleCpu, 'request', notes),
    );
  }
  if (single.errors > 0)
    notes.push(`${store} enqueue single: ${single.errors} errors (${single.firstError ?? ''})`);

  let batchCpu: CpuReading | undefined;
  const batch = await withServer(cli, store, async (s) => {
    const meter = new CpuMeter(s.pid);
    const r = await enqueueBatch(
      s.url,
      PLAN.batchSize,
      { ...PLAN.load, concurrency: PLAN.batchConcurrency },
      meter,
    );
    batchCpu = meter.reading(r.units);
    return r;
  });
  ctx.log(`${store}: enqueue batch ${formatValue(batch.perSecond)} jobs/s (errors ${batch.errors})`);
  figures.push(
    figure(
      t('enqueue_batch'),
      `${label}: enqueue, batches of ${PLAN.batchSize}`,
      batch.perSecond,
      'jobs/s',
      memoryTargets ? atLeast(40_000) : undefined,
    ),
  );
  if (batchCpu)
    figures.push(...cpuFigures(t('enqueue_batch'), `${label}: enqueue in batches`, batchCpu, 'job', notes));
  if (batch.errors > 0)
    notes.push(`${store} enqueue batch: ${batch.errors} errors (${batch.firstError ?? ''})`);

  let e2eCpu: CpuReading | undefined;
  const e2e = await withServer(cli, store, async (s) => {
    const meter = new CpuMeter(s.pid);
    const r = await endToEnd(s.url, PLAN.e2e, meter);
    e2eCpu = meter.reading(r.jobs);
    return r;
  });
  ctx.log(
    `${store}: enqueue->fetch->ack ${formatValue(e2e.perSecond)} jobs/s (${e2e.jobs} jobs in ${formatValue(e2e.elapsedMs)} ms)`,
  );
  figures.push(
    figure(
      t('e2e'),
      `${label}: enqueue -> fetch -> ack`,
      e2e.perSecond,
      'jobs/s',
      memoryTargets ? atLeast(12_000) : undefined,
      `${e2e.jobs} jobs`,
    ),
  );
  if (e2eCpu)
    figures.push(...cpuFigures(t('e2e'), `${label}: enqueue -> fetch -> ack`, e2eCpu, 'job', notes));

  await withServer(cli, store, async (s) => {
    if (!(await adminListAvailable(s.url))) {
      notes.push(
        `${store}: GET /ojs/v1/admin/jobs is not served by this build: job-list figures are missing.`,
      );
      return;
    }
    const started = performance.now();
    const rate = await seed(s.url, PLAN.listJobs, (done) => {
      if (done % 200_000 < 1000) ctx.log(`${store}: seeded ${formatValue(done)} jobs`);
    });
    ctx.log(
      `${store}: seeded ${formatValue(PLAN.listJobs)} jobs in ${formatValue(performance.now() - started)} ms (${formatValue(rate)} jobs/s)`,
    );
    figures.push(
      figure(t('seed_rss'), `${label}: server RSS at ${formatValue(PLAN.listJobs)} jobs`, s.rssMiB(), 'MiB'),
    );
    const pages = PLAN.listJobs / PLAN.perPage;
    const deepPage = Math.floor(pages * 0.9);
    const first = await latency(
      s.url,
      `/ojs/v1/admin/jobs?per_page=${PLAN.perPage}&page=1`,
      PLAN.listSamples,
    );
    const deep = await latency(
      s.url,
      `/ojs/v1/admin/jobs?per_page=${PLAN.perPage}&page=${deepPage}`,
      PLAN.listSamples,
    );
    const filtered = await latency(
      s.url,
      `/ojs/v1/admin/jobs?per_page=${PLAN.perPage}&page=1&state=available&queue=q3&type=seed.t3`,
      PLAN.listSamples,
    );
    ctx.log(
      `${store}: list first p50 ${formatValue(first.p50)} p99 ${formatValue(first.p99)} ms; deep p50 ${formatValue(deep.p50)} ` +
        `p99 ${formatValue(deep.p99)} ms; filtered p99 ${formatValue(filtered.p99)} ms`,
    );
    for (const [name, r] of [
      ['first', first],
      ['deep', deep],
    ] as const) {
      if (r.items !== PLAN.perPage)
        notes.push(`${store} ${name} page returned ${r.items} items, expected ${PLAN.perPage}`);
    }
    const where = `${formatValue(PLAN.listJobs)} jobs`;
    figures.push(
      figure(t('list_first_p50'), `${label}: admin job list, first page, p50 (${where})`, first.p50, 'ms'),
      figure(
        t('list_first_p99'),
        `${label}: admin job list, first page, p99 (${where})`,
        first.p99,
        'ms',
        atMost(5),
        `${first.samples} samples`,
      ),
      figure(
        t('list_deep_p50'),
        `${label}: admin job list, page ${formatValue(deepPage)}, p50`,
        deep.p50,
        'ms',
      ),
      figure(
        t('list_deep_p99'),
        `${label}: admin job list, page ${formatValue(deepPage)}, p99`,
        deep.p99,
        'ms',
        atMost(5),
        `${deep.samples} samples`,
      ),
      figure(
        t('list_filtered_p99'),
        `${label}: admin job list, state+queue+type filter, p99`,
        filtered.p99,
        'ms',
        atMost(5),
        `${filtered.samples} samples`,
      ),
    );
  });
}

/** The machine's ceiling for any Node JSON-over-HTTP server: bare node:http, same load. */
async function benchBaseline(ctx: BenchContext, figures: Figure[], notes: string[]): Promise<void> {
  const server = await startScript(join(here, 'bareHttpServer.ts'));
  try {
    const meter = new CpuMeter(server.pid);
    const r = await enqueueSingle(server.url, PLAN.load, meter);
    ctx.log(`bare node:http: ${formatValue(r.perSecond)} requests/s`);
    figures.push(
      figure('baseline.node_http', 'bare node:http JSON POST (machine ceiling)', r.perSecond, 'req/s'),
    );
    figures.push(
      ...cpuFigures('baseline.node_http', 'bare node:http', meter.reading(r.units), 'request', notes),
    );
  } finally {
    await server.stop();
  }
}

async function benchBullmq(ctx: BenchContext, figures: Figure[], notes: string[]): Promise<void> {
  const bin = await ensureRedisServer(ctx.log);
  const redis = await startRedis(bin);
  ctx.log(`redis ${redis.version} on port ${redis.port}`);
  try {
    const single = await bullAddSingle(redis.port, PLAN.load);
    ctx.log(`bullmq: add single ${formatValue(single.perSecond)} jobs/s`);
    figures.push(
      figure('bullmq.add_single', 'BullMQ: queue.add, 1 job per call', single.perSecond, 'jobs/s'),
    );
    const bulk = await bullAddBulk(redis.port, PLAN.batchSize, {
      ...PLAN.load,
      concurrency: PLAN.batchConcurrency,
    });
    ctx.log(`bullmq: addBulk ${formatValue(bulk.perSecond)} jobs/s`);
    figures.push(
      figure(
        'bullmq.add_bulk',
        `BullMQ: queue.addBulk, ${PLAN.batchSize} per call`,
        bulk.perSecond,
        'jobs/s',
      ),
    );
    const e2e = await bullEndToEnd(redis.port, PLAN.bullE2e);
    ctx.log(`bullmq: add->process ${formatValue(e2e.perSecond)} jobs/s (${e2e.jobs} jobs)`);
    figures.push(
      figure(
        'bullmq.e2e',
        'BullMQ: add -> process (Worker)',
        e2e.perSecond,
        'jobs/s',
        undefined,
        `${e2e.jobs} jobs`,
      ),
    );
    notes.push(
      `BullMQ on Redis ${redis.version} (no persistence), worker concurrency ${PLAN.bullE2e.concurrency}, removeOnComplete.`,
    );
  } finally {
    await redis.stop();
  }
}

export const bench: BenchDefinition = {
  name: 'server',
  title: 'Embedded OJS server over HTTP, side by side with BullMQ on Redis',
  async run(ctx): Promise<BenchReport> {
    const figures: Figure[] = [];
    const notes: string[] = [
      ...(QUICK
        ? ['BENCH_QUICK=1: smoke run with short windows and small data sets; figures are not representative.']
        : []),
      `Load generator: this process (undici keep-alive pools, ${PLAN.load.concurrency} concurrent requests); ` +
        'the OJS server runs as its CLI in a separate process; BullMQ producers and worker run here against redis-server.',
      `End-to-end: ${PLAN.e2e.producers} producers (1 job per request), ${PLAN.e2e.consumers} workers fetching ` +
        `${PLAN.e2e.fetchCount} at a time and acking each job (1 request per ack).`,
    ];
    ctx.log('building the server CLI');
    const cli = await buildOjsServer(ctx.repoRoot);
    const stores = await supportedStores(cli);
    if (!stores.includes('sqlite'))
      notes.push('The sqlite store is not available in this build: sqlite figures are missing.');
    await benchBaseline(ctx, figures, notes);
    for (const store of stores) await benchOjs(ctx, cli, store, figures, notes);
    await benchBullmq(ctx, figures, notes);

    const ratios = [
      ratioOf(
        figures,
        'memory_vs_bullmq_e2e',
        'memory end-to-end / BullMQ end-to-end',
        'memory.e2e',
        'bullmq.e2e',
        atLeast(1.5),
      ),
      ratioOf(
        figures,
        'memory_vs_bullmq_add',
        'memory enqueue / BullMQ add (1 per request)',
        'memory.enqueue_single',
        'bullmq.add_single',
      ),
      ratioOf(
        figures,
        'sqlite_vs_memory_single',
        'sqlite / memory: enqueue single',
        'sqlite.enqueue_single',
        'memory.enqueue_single',
        atLeast(0.5),
      ),
      ratioOf(
        figures,
        'sqlite_vs_memory_batch',
        'sqlite / memory: enqueue batch',
        'sqlite.enqueue_batch',
        'memory.enqueue_batch',
        atLeast(0.5),
      ),
      ratioOf(
        figures,
        'sqlite_vs_memory_e2e',
        'sqlite / memory: end-to-end',
        'sqlite.e2e',
        'memory.e2e',
        atLeast(0.5),
      ),
      ratioOf(
        figures,
        'memory_deep_vs_first',
        'memory: deep page / first page (p50)',
        'memory.list_deep_p50',
        'memory.list_first_p50',
        atMost(2),
      ),
      ratioOf(
        figures,
        'sqlite_deep_vs_first',
        'sqlite: deep page / first page (p50)',
        'sqlite.list_deep_p50',
        'sqlite.list_first_p50',
        atMost(2),
      ),
    ].filter((r): r is Ratio => r !== undefined);
    return { figures, ratios, notes };
  },
};
