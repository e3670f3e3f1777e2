/**
 * The measured BFF for the SSE bench (run as its own process): a BFF following the OJS server at OJS_URL
 * (its own process), serving `/api/events` on PORT, with a ticker publishing RATE events per second into
 * its live hub. Each event carries `sent_at` (ms since epoch, sub-ms precision) for latency measurement.
 */
import { serve } from '@hono/node-server';
import { createBff } from '@lookout/bff';

const port = Number(process.env.PORT ?? 0);
const rate = Number(process.env.RATE ?? 5);
const ojsUrl = process.env.OJS_URL ?? 'http://127.0.0.1:8080';
const bff = createBff(
  {
    clusters: [{ id: 'bench', name: 'Bench', url: ojsUrl }],
    webDir: null,
    upstreamTimeoutMs: 5000,
    maxUpstreamBodyBytes: 16 * 1024 * 1024,
    cacheTtlMs: 1000,
    sampleIntervalMs: 5000,
    replayBufferSize: 10_000,
    heartbeatMs: 15_000,
    coalesceMs: 100,
    healthIntervalMs: 10_000,
    auth: { mode: 'none' },
    readOnly: false,
  },
  { defaultMetrics: false },
);
await bff.start();
const server = serve({ fetch: bff.app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening ${info.port}`);
});
let n = 0;
const ticker = setInterval(() => {
  const sentAt = performance.timeOrigin + performance.now();
  bff.deps.hub.publish({
    cluster: 'bench',
    type: 'job.completed',
    time: new Date(sentAt).toISOString(),
    job_id: `job-${n}`,
    queue: 'bench',
    job_type: 'bench.tick',
    data: { n: n++, sent_at: sentAt, job_type: 'bench.tick', queue: 'bench', duration_ms: 12, attempt: 1 },
  });
}, 1000 / rate);
process.once('SIGTERM', () => {
  clearInterval(ticker);
  server.close();
  void bff.close().then(() => process.exit(0));
});
