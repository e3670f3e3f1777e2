import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import {
  freePort,
  ojsCall,
  spawnBff,
  spawnOjsServer,
  startJobLoad,
  waitUntil,
  type JobLoad,
  type ServiceProcess,
} from '@lookout/reliability/harness';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../apps/web/dist');

/** Counts `system.gap` frames the SPA's own live connection receives (a tee of its `/api/events` body). */
function watchGaps(): void {
  const w = window as unknown as { lookoutGaps: number };
  w.lookoutGaps = 0;
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/api/events') || !response.body) return response;
    const [mine, theirs] = response.body.tee();
    void (async () => {
      const reader = mine.pipeThrough(new TextDecoderStream()).getReader();
      let tail = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        tail += value;
        if (tail.includes('event: system.gap')) {
          w.lookoutGaps++;
          tail = '';
        }
        tail = tail.slice(-40);
      }
    })().catch(() => undefined);
    return new Response(theirs, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

test('the OJS server killed and restarted under load: the SPA gets a gap, refetches what it shows, and stays live', async ({
  page,
}) => {
  test.setTimeout(150_000);
  if (!existsSync(path.join(webDist, 'index.html'))) {
    const build = spawnSync('npm', ['run', 'build', '--workspace=@lookout/web'], { stdio: 'inherit' });
    expect(build.status, 'building the SPA').toBe(0);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-e2e-gap-'));
  const db = path.join(dir, 'ojs.db');
  let ojs: ServiceProcess | undefined;
  let bff: ServiceProcess | undefined;
  let load: JobLoad | undefined;
  try {
    ojs = await spawnOjsServer({ db });
    const ojsUrl = ojs.url;
    bff = await spawnBff({
      ojsUrl,
      port: await freePort(),
      dataDir: dir,
      env: { LOOKOUT_WEB_DIR: webDist, LOOKOUT_HEALTH_INTERVAL_MS: '2000' },
    });
    // One job the page shows, on a queue of its own; the load runs on another queue.
    const queue = `e2e-gap-${Date.now().toString(36)}`;
    const enqueued = await ojsCall(ojsUrl, 'POST', '/ojs/v1/jobs', {
      type: 'e2e.watched',
      args: [],
      options: { queue },
    });
    const jobId = (enqueued.body as { job: { id: string } }).job.id;
    load = startJobLoad(() => ojs?.url ?? ojsUrl, { queue: `${queue}-load` });

    const detail = `/api/clusters/default/jobs/${jobId}`;
    const detailReads: number[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === detail) detailReads.push(Date.now());
    });
    await page.addInitScript(watchGaps);
    await page.goto(`${bff.url}/jobs/default/${jobId}`);
    await expect(page.getByTestId('job-page')).toHaveAttribute('data-state', 'available', {
      timeout: 30_000,
    });
    const gaps = () => page.evaluate(() => (window as unknown as { lookoutGaps: number }).lookoutGaps);
    // Events of other queues keep flowing without touching this job's query.
    await page.waitForTimeout(3000);
    const quietFrom = Date.now() - 2000;
    const readsWhileQuiet = detailReads.filter((t) => t >= quietFrom).length;
    const gapsBefore = await gaps();

    await ojs.kill('SIGKILL');
    await page.waitForTimeout(1500);
    ojs = await spawnOjsServer({ db, port: ojs.port });

    await waitUntil(async () => (await gaps()) > gapsBefore, 'a system.gap in the browser', 60_000, 100);
    const gapAt = Date.now();
    // The SPA refetches what it shows.
    await waitUntil(
      () => detailReads.some((t) => t >= gapAt - 200),
      'the job refetched after the gap',
      20_000,
    );
    expect(readsWhileQuiet, 'no reads of the job while nothing happened to it').toBe(0);

    // And the page is live again: the job's completion shows up without a reload.
    const fetched = await ojsCall(ojs.url, 'POST', '/ojs/v1/workers/fetch', {
      queues: [queue],
      count: 1,
      worker_id: 'e2e',
    });
    expect((fetched.body as { jobs: { id: string }[] }).jobs[0]?.id).toBe(jobId);
    await ojsCall(ojs.url, 'POST', '/ojs/v1/workers/ack', { job_id: jobId, result: { ok: true } });
    await expect(page.getByTestId('job-page')).toHaveAttribute('data-state', 'completed', {
      timeout: 20_000,
    });
  } finally {
    await load?.stop();
    await bff?.stop();
    await ojs?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
