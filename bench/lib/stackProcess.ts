/**
 * Lookout as `npm start` runs it, in its own process, for the overview and web benches: the embedded OJS
 * server (SQLite store in STACK_DATA_DIR, or memory with STACK_STORE=memory) and the BFF following it over
 * loopback HTTP, serving the SPA build in STACK_WEB_DIR when given. Two bench-only routes sit in front of
 * the BFF:
 *
 * - `GET /__bench/upstream`: how many requests the BFF has made to the OJS server so far (by path);
 * - `POST /__bench/seed` `{ count, queues, prefix?, offset? }`: enqueues `count` jobs spread over `queues`
 *   queues through the embedded server's batch endpoint, in process (no HTTP), and answers how long it took.
 *
 * Prints `stack ready <bff url> <ojs url> <cluster id>` once both listen.
 */
import { serve } from '@hono/node-server';
import { createBff, loadConfig } from '@lookout/bff';
import { startOjsServer } from '@lookout/ojs-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const store = process.env['STACK_STORE'] === 'memory' ? 'memory' : 'sqlite';
const dataDir = process.env['STACK_DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'lookout-bench-stack-'));
const webDir = process.env['STACK_WEB_DIR'];

const ojs = await startOjsServer({
  port: 0,
  host: '127.0.0.1',
  storeOptions: store === 'memory' ? { kind: 'memory' } : { kind: 'sqlite', path: join(dataDir, 'ojs.db') },
});

const config = loadConfig({
  cwd: dataDir,
  env: {
    PORT: '0',
    HOST: '127.0.0.1',
    OJS_URL: ojs.url,
    LOOKOUT_WEB_DIR: webDir ?? 'none',
    LOOKOUT_DEMO: 'false',
  },
});

let upstreamCalls = 0;
const upstreamByPath = new Map<string, number>();
const countingFetch = (input: string, init: RequestInit): Promise<Response> => {
  upstreamCalls++;
  const path = new URL(input).pathname.replace(
    /\/ojs\/v1\/admin\/queues\/[^/]+$/,
    '/ojs/v1/admin/queues/:name',
  );
  upstreamByPath.set(path, (upstreamByPath.get(path) ?? 0) + 1);
  return fetch(input, init);
};

const bff = createBff(config, { fetchFor: () => countingFetch, defaultMetrics: false });

const seedSchema = z.object({
  count: z.number().int().min(1).max(10_000_000),
  queues: z.number().int().min(1).max(100_000),
  prefix: z.string().min(1).max(50).default('q'),
  offset: z.number().int().min(0).default(0),
  type: z.string().min(1).max(100).default('bench.seed'),
});

const SEED_BATCH = 5000;

/** Enqueues `count` jobs round-robin over queues `<prefix>0..<prefix>{queues-1}`, every 10th scheduled later. */
async function seed(input: z.infer<typeof seedSchema>): Promise<{ seeded: number; ms: number }> {
  const started = performance.now();
  const later = new Date(Date.now() + 24 * 3600_000).toISOString();
  for (let done = 0; done < input.count; done += SEED_BATCH) {
    const n = Math.min(SEED_BATCH, input.count - done);
    const jobs = Array.from({ length: n }, (_, k) => {
      const i = input.offset + done + k;
      return {
        type: `${input.type}.t${i % 7}`,
        args: [i, { user_id: i % 1000 }],
        options: {
          queue: `${input.prefix}${i % input.queues}`,
          ...(i % 10 === 9 ? { scheduled_at: later } : {}),
        },
      };
    });
    const res = await ojs.server.fetch(
      new Request(`${ojs.url}/ojs/v1/jobs/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jobs }),
      }),
    );
    if (res.status !== 201 && res.status !== 200) throw new Error(`batch: ${res.status} ${await res.text()}`);
    await res.body?.cancel();
  }
  return { seeded: input.count, ms: performance.now() - started };
}

const handle = async (req: Request): Promise<Response> => {
  const url = new URL(req.url);
  if (url.pathname === '/__bench/upstream') {
    return Response.json({ calls: upstreamCalls, by_path: Object.fromEntries(upstreamByPath) });
  }
  if (url.pathname === '/__bench/seed' && req.method === 'POST') {
    const parsed = seedSchema.safeParse(await req.json());
    if (!parsed.success) {
      return Response.json(
        { error: { code: 'invalid_request', message: parsed.error.message, retryable: false } },
        { status: 400 },
      );
    }
    try {
      return Response.json(await seed(parsed.data));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return Response.json({ error: { code: 'seed_failed', message, retryable: false } }, { status: 500 });
    }
  }
  return bff.app.fetch(req);
};

const server = serve({ fetch: handle, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve, reject) => {
  server.once('listening', resolve);
  server.once('error', reject);
});
await bff.start();
const address = server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;
console.log(
  `stack ready http://127.0.0.1:${port} ${ojs.url} ${config.clusters[0]?.id ?? 'local'} (${store})`,
);

let stopping = false;
process.once('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    await bff.close();
    server.close();
    await ojs.close();
    process.exit(0);
  })();
});
