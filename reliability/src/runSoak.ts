import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, spawnBff } from './support/processes';
import { slope } from './support/slope';
import { SseClient } from './support/SseClient';
import { sleep, waitUntil } from './support/waitUntil';

export interface SoakOptions {
  minutes: number;
  /** Live streams held open the whole time. */
  clients?: number;
  sampleEveryMs?: number;
  /** Demo jobs per second (the demo's default when absent). */
  demoRate?: number;
  onSample?: (sample: SoakSample) => void;
}

export interface SoakSample {
  /** Seconds since the load started. */
  t: number;
  rssMb: number;
  heapUsedMb: number;
  activeHandles: number;
  activeResources: number;
  sseClients: number;
  sseEvents: number;
  /** Open handles by kind (Socket, Timer, ...). */
  handlesByType: Record<string, number>;
}

export interface SoakReport {
  minutes: number;
  clients: number;
  samples: number;
  /** Least-squares slopes over the samples after the first fifth (warm-up), per minute. */
  slopes: {
    rssMbPerMin: number;
    heapUsedMbPerMin: number;
    /** The heap's floor (lowest of the last 6 samples): what survives garbage collection. */
    heapFloorMbPerMin: number;
    activeHandlesPerMin: number;
    activeResourcesPerMin: number;
  };
  first: SoakSample;
  last: SoakSample;
  /** Streams open at the end, and how many times streams had to reconnect. */
  clientsOpenAtEnd: number;
  reconnects: number;
  eventsPerClient: { min: number; max: number };
}

const handlesByType = (text: string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^lookout_nodejs_active_handles\{type="([^"]+)"\} ([0-9.e+-]+)$/gm)) {
    if (m[1] !== undefined) out[m[1]] = Number(m[2]);
  }
  return out;
};

const metricLine = (text: string, name: string): number => {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
};

/**
 * Runs Lookout as `npm start` does (BFF, embedded SQLite OJS server, seeded demo workload) in a child
 * process with `clients` live streams for `minutes`, sampling its memory and open handles from /metrics.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const clientCount = options.clients ?? 200;
  const every = options.sampleEveryMs ?? 5000;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lookout-soak-'));
  const clients: SseClient[] = [];
  const bff = await spawnBff({
    port: await freePort(),
    dataDir,
    env: {
      LOOKOUT_DEMO: 'true',
      ...(options.demoRate === undefined ? {} : { LOOKOUT_DEMO_RATE: String(options.demoRate) }),
    },
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    for (let i = 0; i < clientCount; i++) {
      // A few filtered streams among the plain ones, as the queue and job pages open them.
      const query = i % 10 === 0 ? '?types=job.*' : i % 10 === 1 ? '?queue=default' : '';
      clients.push(new SseClient(`${bff.url}/api/events${query}`, { keepEvents: false }).start());
    }
    await waitUntil(() => clients.every((c) => c.open), `${clientCount} open streams`, 60_000, 50);
    const samples: SoakSample[] = [];
    const started = Date.now();
    const end = started + options.minutes * 60_000;
    for (;;) {
      const text = await (await fetch(`${bff.url}/metrics`)).text();
      const sample: SoakSample = {
        t: Math.round((Date.now() - started) / 100) / 10,
        rssMb: metricLine(text, 'lookout_process_resident_memory_bytes') / 2 ** 20,
        heapUsedMb: metricLine(text, 'lookout_nodejs_heap_size_used_bytes') / 2 ** 20,
        activeHandles: metricLine(text, 'lookout_nodejs_active_handles_total'),
        activeResources: metricLine(text, 'lookout_nodejs_active_resources_total'),
        sseClients: metricLine(text, 'lookout_sse_clients'),
        sseEvents: metricLine(text, 'lookout_sse_events_total'),
        handlesByType: handlesByType(text),
      };
      samples.push(sample);
      options.onSample?.(sample);
      if (Date.now() + every > end) break;
      await sleep(every);
    }
    const warm = Math.floor(samples.length / 5);
    const steady = samples.slice(warm);
    const perMin = (pick: (s: SoakSample, i: number) => number) =>
      Math.round(slope(steady.map((s, i) => ({ x: s.t / 60, y: pick(s, warm + i) }))) * 1000) / 1000;
    const floor = (i: number) =>
      Math.min(...samples.slice(Math.max(0, i - 5), i + 1).map((s) => s.heapUsedMb));
    const counts = clients.map((c) => c.received);
    const first = samples[0];
    const last = samples.at(-1);
    if (!first || !last) throw new Error('no samples');
    return {
      minutes: options.minutes,
      clients: clientCount,
      samples: samples.length,
      slopes: {
        rssMbPerMin: perMin((s) => s.rssMb),
        heapUsedMbPerMin: perMin((s) => s.heapUsedMb),
        heapFloorMbPerMin: perMin((_, i) => floor(i)),
        activeHandlesPerMin: perMin((s) => s.activeHandles),
        activeResourcesPerMin: perMin((s) => s.activeResources),
      },
      first,
      last,
      clientsOpenAtEnd: clients.filter((c) => c.open).length,
      reconnects: clients.reduce((n, c) => n + c.opens - 1, 0),
      eventsPerClient: { min: Math.min(...counts), max: Math.max(...counts) },
    };
  } finally {
    for (const client of clients) client.close();
    await bff.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
