/**
 * `npm run bench -- sse`: 1,000 and 5,000 browsers on `/api/events` at 5 events/s, through the BFF and
 * through a raw node:http fan-out baseline in the same run: event-to-client latency (p50/p99), server CPU
 * and memory. Each server runs in its own process; the clients run in the runner's process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { BenchDefinition, Figure, Ratio } from '../lib/benchTypes';
import { CpuMeter } from '../lib/cpuMeter';
import { freePort, rssMiB, stopProcess, waitForOutput } from '@lookout/test-kit/processes';
import { percentile, sseLoad } from './sseLoad';

const RATE = 5;
const quick = process.env.BENCH_QUICK === '1';
const DURATION_MS = quick ? 3000 : 15_000;
const CLIENT_COUNTS = [1000, 5000];

interface Measured {
  p50: number;
  p99: number;
  serverCores: number;
  rssMiB: number;
  events: number;
  connected: number;
}

function start(script: string, args: string[], env: Record<string, string>, repoRoot: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function measure(
  server: 'bff' | 'raw',
  clients: number,
  repoRoot: string,
  ojsUrl: string,
  log: (line: string) => void,
): Promise<Measured> {
  const port = await freePort();
  const script = join(repoRoot, 'bench', 'sse', server === 'bff' ? 'bffServer.ts' : 'rawServer.ts');
  const child = start(script, [], { PORT: String(port), RATE: String(RATE), OJS_URL: ojsUrl }, repoRoot);
  try {
    await waitForOutput(child, /listening (\d+)/, 60_000);
    const meter = new CpuMeter(child.pid);
    const path = server === 'bff' ? '/api/events' : '/';
    const loadPromise = sseLoad(`http://127.0.0.1:${port}${path}`, clients, DURATION_MS, log);
    // The CPU window is the recording window of the load (it starts 1 s after everyone connected).
    const started = Date.now();
    while (Date.now() - started < 100) await new Promise((resolve) => setTimeout(resolve, 10));
    meter.start();
    const result = await loadPromise;
    meter.stop();
    const rss = rssMiB(child.pid);
    const sorted = [...result.latenciesMs].sort((a, b) => a - b);
    const cpu = meter.reading(Math.max(1, result.events));
    const expected = Math.round((DURATION_MS / 1000) * RATE * result.connected);
    log(
      `${server} ${clients}: ${result.connected} connected, ${result.events}/${expected} events, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, ${cpu.serverCores.toFixed(3)} cores, ${rss.toFixed(0)} MiB`,
    );
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      serverCores: cpu.serverCores,
      rssMiB: rss,
      events: result.events,
      connected: result.connected,
    };
  } finally {
    await stopProcess(child, 5000);
  }
}

export const bench: BenchDefinition = {
  name: 'sse',
  title: 'Live stream fan-out: browsers on /api/events at 5 events/s, BFF vs raw node:http',
  async run(ctx) {
    const figures: Figure[] = [];
    const ratios: Ratio[] = [];
    const notes: string[] = [
      `${RATE} events/s published into the BFF's live hub (serialised once, coalesced at 100 ms, written to Node's response); ${DURATION_MS / 1000} s measured per run after all clients connected.`,
      'Latency: from the publisher stamping the event to the client process parsing it (same machine clock). CPU: server process only, over the measured window.',
    ];
    // The BFF follows a real OJS server in its own process, as in production (health checks, live feed).
    const ojsPort = await freePort();
    const ojs = start(
      join(ctx.repoRoot, 'packages', 'ojs-server', 'src', 'cli.ts'),
      ['--port', String(ojsPort), '--store', 'memory'],
      {},
      ctx.repoRoot,
    );
    try {
      await waitForOutput(ojs, /listening on (\S+)/, 60_000);
    } catch (error) {
      await stopProcess(ojs, 2000);
      throw error;
    }
    const ojsUrl = `http://127.0.0.1:${ojsPort}`;
    try {
      for (const clients of CLIENT_COUNTS) {
        const raw = await measure('raw', clients, ctx.repoRoot, ojsUrl, ctx.log);
        const bff = await measure('bff', clients, ctx.repoRoot, ojsUrl, ctx.log);
        const k = `${clients}`;
        figures.push(
          { key: `bff.${k}.p50`, label: `BFF ${clients} clients p50 latency`, value: bff.p50, unit: 'ms' },
          {
            key: `bff.${k}.p99`,
            label: `BFF ${clients} clients p99 latency`,
            value: bff.p99,
            unit: 'ms',
            ...(clients === 5000 ? { target: { op: '<=' as const, value: 100 } } : {}),
          },
          { key: `bff.${k}.cpu`, label: `BFF ${clients} clients CPU`, value: bff.serverCores, unit: 'cores' },
          {
            key: `bff.${k}.rss`,
            label: `BFF ${clients} clients memory (RSS)`,
            value: bff.rssMiB,
            unit: 'MiB',
          },
          {
            key: `bff.${k}.events`,
            label: `BFF ${clients} clients events received`,
            value: bff.events,
            unit: 'events',
          },
          { key: `raw.${k}.p50`, label: `raw ${clients} clients p50 latency`, value: raw.p50, unit: 'ms' },
          { key: `raw.${k}.p99`, label: `raw ${clients} clients p99 latency`, value: raw.p99, unit: 'ms' },
          { key: `raw.${k}.cpu`, label: `raw ${clients} clients CPU`, value: raw.serverCores, unit: 'cores' },
          {
            key: `raw.${k}.rss`,
            label: `raw ${clients} clients memory (RSS)`,
            value: raw.rssMiB,
            unit: 'MiB',
          },
          {
            key: `raw.${k}.events`,
            label: `raw ${clients} clients events received`,
            value: raw.events,
            unit: 'events',
          },
        );
        ratios.push({
          key: `cpu.${k}.ratio`,
          label: `BFF / raw CPU at ${clients} clients`,
          value: bff.serverCores / raw.serverCores,
          unit: 'x',
          numerator: `bff.${k}.cpu`,
          denominator: `raw.${k}.cpu`,
          target: { op: '<=', value: 1.2 },
        });
      }
    } finally {
      await stopProcess(ojs, 5000);
    }
    return { figures, ratios, notes };
  },
};
