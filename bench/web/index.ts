/**
 * `npm run bench -- web`: the SPA's production build sizes against the 150 KB budget, then the built SPA
 * served by a real BFF over the embedded server (its own process), driven in Debian's Chromium through
 * Playwright: overview LCP, INP while 10 events/s stream in, frames per second while wheel-scrolling a
 * 100,000-row job list, and workflow graph layout+render for 100, 500 and 1,000 nodes.
 */
import { CHROMIUM_ARGS } from '@lookout/test-kit/chromium';
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchContext, BenchDefinition, BenchReport, Figure, Ratio } from '../lib/benchTypes';
import { ensureDebianBinary } from '../lib/debianPackage';
import { sleep } from '../lib/closedLoop';
import { atLeast, atMost, figure } from '../lib/figures';
import { run } from '@lookout/test-kit/processes';
import { startStack, type RunningStack } from '../lib/startStack';
import { formatValue } from '../lib/verdict';
import { bundleSizes, viteManifestSchema, type BundleSizes, type FileSize } from './bundleSizes';
import { countFrames, PAGE_PROBE, READ_PROBE, type ProbeReading } from './pageProbe';
import { framesPerSecond, interactionToNextPaint, largestContentfulPaint, median } from './webVitals';

const QUICK = process.env['BENCH_QUICK'] === '1';
const PLAN = QUICK
  ? { jobs: 10_000, lcpRuns: 1, interactions: 6, scrollMs: 3000, graphRuns: 1 }
  : { jobs: 100_000, lcpRuns: 5, interactions: 20, scrollMs: 10_000, graphRuns: 3 };
const GRAPH_SIZES = [100, 500, 1000];
const EVENTS_PER_SECOND = 10;
const BUDGET_KB = 150;

const kb = (bytes: number): number => bytes / 1024;

/** `vite build` of apps/web into a throw-away directory, with its manifest. */
async function buildSpa(ctx: BenchContext, outDir: string): Promise<number> {
  const started = performance.now();
  await run(
    process.execPath,
    [
      join(ctx.repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--manifest',
      '--logLevel',
      'warn',
    ],
    { cwd: join(ctx.repoRoot, 'apps', 'web') },
  );
  return performance.now() - started;
}

function measureBuild(outDir: string): BundleSizes {
  const manifest = viteManifestSchema.parse(
    JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')),
  );
  const assets = readdirSync(join(outDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const cache = new Map<string, FileSize>();
  const sizeOf = (file: string): FileSize => {
    let size = cache.get(file);
    if (!size) {
      const buf = readFileSync(join(outDir, file));
      size = { raw: statSync(join(outDir, file)).size, gzip: gzipSync(buf, { level: 9 }).length };
      cache.set(file, size);
    }
    return size;
  };
  return bundleSizes(manifest, assets, sizeOf);
}

function sizeFigures(sizes: BundleSizes, figures: Figure[], notes: string[]): void {
  figures.push(
    figure('js.initial_gz', 'initial JS, gzipped', kb(sizes.initialJs.gzip), 'KB', atMost(BUDGET_KB)),
    figure('js.budget', 'initial JS budget (gzipped)', BUDGET_KB, 'KB'),
    figure('js.initial_raw', 'initial JS, uncompressed', kb(sizes.initialJs.raw), 'KB'),
    figure('css.initial_gz', 'initial CSS, gzipped', kb(sizes.initialCss.gzip), 'KB'),
    figure('js.total_gz', 'all JS (every chunk and worker), gzipped', kb(sizes.totalJs.gzip), 'KB'),
    figure('js.total_raw', 'all JS, uncompressed', kb(sizes.totalJs.raw), 'KB'),
  );
  const overview = sizes.lazy.find((c) => c.name === 'OverviewPage');
  if (overview) {
    figures.push(
      figure(
        'js.overview_gz',
        'JS to render the overview (initial + its lazy page), gzipped',
        kb(sizes.initialJs.gzip + overview.gzip),
        'KB',
      ),
    );
  }
  for (const chunk of sizes.lazy) {
    figures.push(figure(`js.lazy.${chunk.name}`, `lazy chunk ${chunk.name}, gzipped`, kb(chunk.gzip), 'KB'));
  }
  notes.push(
    `Sizes from \`vite build --manifest\`: initial = the entry and its static imports (${sizes.initialJs.files.length} files); a lazy chunk counts what it adds beyond the initial set; gzip level 9; KB = 1,024 bytes.`,
  );
}

async function seedStack(ctx: BenchContext, stack: RunningStack): Promise<Map<number, string>> {
  for (let done = 0; done < PLAN.jobs; done += 50_000) {
    const count = Math.min(50_000, PLAN.jobs - done);
    await stack.seed({ count, queues: 20, offset: done, prefix: 'web-' });
  }
  ctx.log(`seeded ${formatValue(PLAN.jobs)} jobs`);
  const workflows = new Map<number, string>();
  for (const nodes of GRAPH_SIZES) {
    const res = await fetch(`${stack.ojsUrl}/ojs/v1/workflows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'batch',
        name: `bench-${nodes}`,
        jobs: Array.from({ length: nodes - 1 }, (_, i) => ({
          type: `bench.part${i % 5}`,
          args: [i],
          options: { queue: 'bench-wf' },
        })),
        callbacks: { on_complete: { type: 'bench.done', args: [], options: { queue: 'bench-wf' } } },
      }),
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`POST /ojs/v1/workflows: ${res.status} ${text.slice(0, 300)}`);
    const id = (JSON.parse(text) as { workflow: { id: string } }).workflow.id;
    workflows.set(nodes, id);
  }
  return workflows;
}

async function newPage(browser: Browser, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1440, height: 900 } });
  await context.addInitScript({ content: PAGE_PROBE });
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

const readProbe = (page: Page): Promise<ProbeReading> => page.evaluate<ProbeReading>(READ_PROBE);

async function measureLcp(browser: Browser, url: string): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < PLAN.lcpRuns; i++) {
    const { page, close } = await newPage(browser, url);
    try {
      await page.goto('/');
      await page.getByTestId('count-available').first().waitFor({ timeout: 30_000 });
      await sleep(1000);
      values.push(largestContentfulPaint((await readProbe(page)).lcp));
    } finally {
      await close();
    }
  }
  return values;
}

/** Counts the live events the BFF sends a browser while `fn` runs. */
async function countLiveEvents<T>(url: string, fn: () => Promise<T>): Promise<{ result: T; events: number }> {
  const abort = new AbortController();
  let events = 0;
  const reading = (async () => {
    const res = await fetch(`${url}/api/events`, { signal: abort.signal });
    const body = res.body as ReadableStream<Uint8Array> | null;
    const reader = body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const text = decoder.decode(value, { stream: true });
      for (const line of text.split('\n')) if (line.startsWith('event: job')) events++;
    }
  })().catch(() => undefined);
  try {
    const result = await fn();
    return { result, events };
  } finally {
    abort.abort();
    await reading;
  }
}

/** Enqueues EVENTS_PER_SECOND jobs per second into the embedded server while `fn` runs. */
async function withLiveTraffic<T>(ojsUrl: string, fn: () => Promise<T>): Promise<T> {
  let n = 0;
  const timer = setInterval(() => {
    void fetch(`${ojsUrl}/ojs/v1/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'bench.live', args: [n++], options: { queue: 'bench-live' } }),
    })
      .then((r) => r.body?.cancel())
      .catch(() => undefined);
  }, 1000 / EVENTS_PER_SECOND);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

async function measureInp(
  browser: Browser,
  stack: RunningStack,
): Promise<{ inp: number; median: number; interactions: number; eventsPerSecond: number }> {
  const { page, close } = await newPage(browser, stack.url);
  try {
    await page.goto('/');
    await page.getByTestId('count-available').first().waitFor({ timeout: 30_000 });
    const started = performance.now();
    const { result, events } = await countLiveEvents(stack.url, () =>
      withLiveTraffic(stack.ojsUrl, async () => {
        await sleep(2000);
        const links = page.locator('nav[aria-label="Main"] a');
        const count = Math.min(5, await links.count());
        for (let i = 0; i < PLAN.interactions; i++) {
          await links.nth((i + 1) % count).click();
          await sleep(700);
        }
        await sleep(500);
        return readProbe(page);
      }),
    );
    const elapsed = performance.now() - started;
    const durations = result.interactions;
    return {
      inp: durations.length === 0 ? 16 : interactionToNextPaint(durations),
      median: durations.length === 0 ? 16 : median(durations),
      interactions: PLAN.interactions,
      eventsPerSecond: (events * 1000) / elapsed,
    };
  } finally {
    await close();
  }
}

async function measureScroll(
  browser: Browser,
  url: string,
): Promise<{ fps: number; worstFrameMs: number; rows: number; total: number }> {
  const { page, close } = await newPage(browser, url);
  try {
    await page.goto('/jobs');
    const list = page.getByTestId('job-list');
    await list.waitFor({ timeout: 30_000 });
    await page.getByTestId('job-row').first().waitFor({ timeout: 30_000 });
    const total = Number(await list.getAttribute('data-total'));
    const box = await list.boundingBox();
    if (!box) throw new Error('the job list has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await sleep(500);
    await page.evaluate(countFrames(true));
    const started = performance.now();
    while (performance.now() - started < PLAN.scrollMs) {
      await page.mouse.wheel(0, 600);
      await sleep(16);
    }
    const elapsed = performance.now() - started;
    await page.evaluate(countFrames(false));
    const probe = await readProbe(page);
    const scrollTop = await page.evaluate<number>(
      `document.querySelector('[data-testid="job-list"]').scrollTop`,
    );
    return {
      fps: framesPerSecond(probe.frames, elapsed),
      worstFrameMs: probe.worstFrameMs,
      rows: Math.round(scrollTop / 34),
      total,
    };
  } finally {
    await close();
  }
}

async function measureGraph(
  browser: Browser,
  stack: RunningStack,
  id: string,
): Promise<{ layoutRender: number; fromNavigation: number; nodes: number }> {
  const { page, close } = await newPage(browser, stack.url);
  try {
    await page.goto(`/workflows/${stack.cluster}/${id}`);
    await page
      .locator('[data-testid="workflow-graph"] .react-flow__node')
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForFunction('window.__benchProbe.graphAt !== null', undefined, { timeout: 10_000 });
    const probe = await readProbe(page);
    const at = probe.graphAt ?? Number.NaN;
    return {
      layoutRender: at - (probe.placeholderAt ?? Number.NaN),
      fromNavigation: at,
      nodes: probe.graphNodes,
    };
  } finally {
    await close();
  }
}

async function graphNodeCount(stack: RunningStack, id: string): Promise<number> {
  const res = await fetch(`${stack.url}/api/clusters/${stack.cluster}/workflows/${id}`);
  const body = (await res.json()) as { graph?: { nodes?: unknown[] } };
  return body.graph?.nodes?.length ?? 0;
}

export const bench: BenchDefinition = {
  name: 'web',
  title: 'Web console: build sizes, and LCP, INP, scrolling and graph rendering in Chromium',
  async run(ctx): Promise<BenchReport> {
    const figures: Figure[] = [];
    const notes: string[] = [
      ...(QUICK
        ? [
            `BENCH_QUICK=1: smoke run (${formatValue(PLAN.jobs)} jobs, one LCP run, short windows); figures are not representative.`,
          ]
        : []),
    ];
    const outDir = mkdtempSync(join(tmpdir(), 'lookout-bench-web-'));
    let stack: RunningStack | undefined;
    let browser: Browser | undefined;
    try {
      ctx.log('vite build');
      const buildMs = await buildSpa(ctx, outDir);
      figures.push(figure('build.seconds', 'production build time', buildMs / 1000, 's'));
      const sizes = measureBuild(outDir);
      ctx.log(
        `initial JS ${formatValue(kb(sizes.initialJs.gzip))} KB gz; total ${formatValue(kb(sizes.totalJs.gzip))} KB gz; ${sizes.lazy.length} lazy chunks`,
      );
      sizeFigures(sizes, figures, notes);

      const chromiumPath =
        process.env['CHROMIUM_PATH'] ??
        (await ensureDebianBinary(
          'chromium',
          'chromium',
          'the browser measurements of the web bench',
          ctx.log,
        ));
      stack = await startStack({ repoRoot: ctx.repoRoot, store: 'sqlite', webDir: outDir, log: ctx.log });
      const workflows = await seedStack(ctx, stack);
      browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
      notes.push(
        `Browser: ${chromiumPath} (${browser.version()}) via Playwright, ${CHROMIUM_ARGS.join(' ')}, 1440x900, a fresh context per measurement; Lookout (BFF + embedded SQLite server) in its own process serving the build; ${formatValue(PLAN.jobs)} seeded jobs.`,
      );

      const lcps = await measureLcp(browser, stack.url);
      ctx.log(`LCP ${lcps.map((v) => formatValue(v)).join(', ')} ms`);
      figures.push(
        figure(
          'overview.lcp',
          'overview LCP (median of cold loads)',
          median(lcps),
          'ms',
          atMost(1000),
          `${lcps.length} run${lcps.length === 1 ? '' : 's'}, worst ${formatValue(Math.max(...lcps))} ms`,
        ),
      );

      const inp = await measureInp(browser, stack);
      ctx.log(
        `INP ${formatValue(inp.inp)} ms over ${inp.interactions} clicks, ${formatValue(inp.eventsPerSecond)} events/s`,
      );
      figures.push(
        figure(
          'inp',
          `INP, navigation clicks while ${EVENTS_PER_SECOND} events/s stream in`,
          inp.inp,
          'ms',
          atMost(200),
          `${inp.interactions} interactions`,
        ),
        figure('inp.median', 'interaction latency, median', inp.median, 'ms'),
        figure(
          'inp.events',
          'live job events reaching a browser during the INP run',
          inp.eventsPerSecond,
          'events/s',
        ),
      );

      const scroll = await measureScroll(browser, stack.url);
      ctx.log(
        `scroll ${formatValue(scroll.fps)} fps, worst frame ${formatValue(scroll.worstFrameMs)} ms, ${scroll.rows} rows of ${scroll.total}`,
      );
      figures.push(
        figure(
          'scroll.fps',
          `frames per second, wheel-scrolling the job list`,
          scroll.fps,
          'fps',
          atLeast(50),
          `${formatValue(scroll.total)} rows, ${formatValue(scroll.rows)} scrolled in ${PLAN.scrollMs / 1000} s`,
        ),
        figure('scroll.worst_frame', 'longest frame while scrolling', scroll.worstFrameMs, 'ms'),
      );

      for (const size of GRAPH_SIZES) {
        const id = workflows.get(size);
        if (id === undefined) continue;
        const nodes = await graphNodeCount(stack, id);
        const runs: { layoutRender: number; fromNavigation: number; nodes: number }[] = [];
        for (let i = 0; i < PLAN.graphRuns; i++) runs.push(await measureGraph(browser, stack, id));
        const layout = median(runs.map((r) => r.layoutRender));
        const total = median(runs.map((r) => r.fromNavigation));
        ctx.log(
          `graph ${nodes} nodes: layout+render ${formatValue(layout)} ms, from navigation ${formatValue(total)} ms`,
        );
        figures.push(
          figure(
            `graph.${size}.layout_render`,
            `workflow graph of ${nodes} nodes: layout + render`,
            layout,
            'ms',
            size === 1000 ? atMost(1000) : undefined,
            `median of ${runs.length}; ${runs[0]?.nodes ?? 0} nodes in the DOM`,
          ),
          figure(`graph.${size}.page`, `workflow page of ${nodes} nodes: navigation to graph`, total, 'ms'),
        );
      }
      notes.push(
        'LCP: PerformanceObserver largest-contentful-paint in the page, read 1 s after the overview counts show. INP: event-timing entries (threshold 16 ms; 16 reported when no interaction reached it), worst interaction (Web Vitals rule) over clicks on the main navigation while jobs are enqueued at the stated rate.',
        'Scrolling: requestAnimationFrame frames counted while Playwright sends a 600 px mouse wheel every 16 ms over the list. Graph: from the "Laying out N nodes" placeholder (data and lazy chunk loaded) to the first visible React Flow node (layout in the Web Worker + render), sampled each animation frame; workflows are batches of N-1 jobs plus an on_complete callback.',
        'Targets: initial JS <= 150 KB gzipped and overview LCP < 1 s from the product requirements; graph layout+render <= 1 s at 1,000 nodes, >= 50 fps scrolling and INP <= 200 ms (Web Vitals "good") chosen for this bench.',
      );
    } finally {
      await browser?.close().catch(() => undefined);
      await stack?.stop();
      rmSync(outDir, { recursive: true, force: true });
    }
    const ratios: Ratio[] = [];
    const initial = figures.find((f) => f.key === 'js.initial_gz');
    if (initial) {
      ratios.push({
        key: 'js.budget',
        label: 'initial JS gzipped / 150 KB budget',
        value: initial.value / BUDGET_KB,
        unit: 'x',
        numerator: 'js.initial_gz',
        denominator: 'js.budget',
        target: atMost(1),
      });
    }
    return { figures, ratios, notes };
  },
};
