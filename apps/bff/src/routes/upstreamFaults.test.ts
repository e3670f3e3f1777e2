import { createOjsServer } from '@lookout/ojs-server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBff, type Bff } from '../createBff';
import { testSettings } from '../testing/bffHarness';
import { ojsDriver } from '../testing/ojsDriver';

type Mode = 'ok' | 'html' | 'truncated' | 'huge' | 'slow';

/**
 * A real HTTP upstream in front of an embedded OJS server that can misbehave on job reads: answer HTML,
 * cut the JSON short, send 50 MB, or stall past the BFF's timeout. Everything else passes through.
 */
async function startFaultyUpstream() {
  const ojs = createOjsServer({});
  const state = { mode: 'ok' as Mode };
  const timers = new Set<NodeJS.Timeout>();
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://upstream.test');
    const faulty =
      state.mode !== 'ok' &&
      (url.pathname.startsWith('/ojs/v1/jobs/') || url.pathname.startsWith('/ojs/v1/admin/jobs/'));
    if (faulty && state.mode === 'html') {
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<html><body>502 Bad Gateway (nginx)</body></html>');
      return;
    }
    if (faulty && state.mode === 'truncated') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"job":{"id":"019a","type":"email.se');
      return;
    }
    if (faulty && state.mode === 'huge') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      res.write('{"job":');
      let sent = 0;
      const pump = () => {
        while (sent < 50 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end('}');
      };
      pump();
      return;
    }
    if (faulty && state.mode === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      }, 10_000);
      timers.add(timer);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const response = await ojs.fetch(
      new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
  let server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    ojs,
    state,
    url: `http://127.0.0.1:${port}`,
    stop,
    async restart() {
      server = createServer((req, res) => void handler(req, res));
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      await stop().catch(() => undefined);
      await ojs.close();
    },
  };
}

let upstream: Awaited<ReturnType<typeof startFaultyUpstream>>;
let bff: Bff;
let jobId: string;

beforeEach(async () => {
  upstream = await startFaultyUpstream();
  bff = createBff(
    testSettings([{ id: 'up', name: 'Upstream', url: upstream.url }], {
      upstreamTimeoutMs: 2000,
      maxUpstreamBodyBytes: 4 * 1024 * 1024,
      healthIntervalMs: 200,
    }),
    { defaultMetrics: false, pollIntervalMs: 100, log: () => undefined },
  );
  await bff.start();
  const { job } = await ojsDriver(upstream.ojs).jobs.enqueue({
    type: 'email.send',
    args: [],
    options: { queue: 'q' },
  });
  jobId = job.id;
});
afterEach(async () => {
  await bff.close();
  await upstream.close();
});

async function getJob(): Promise<{
  status: number;
  body: { error?: { code: string; message: string; retryable: boolean } };
}> {
  const res = await bff.app.request(`/api/clusters/up/jobs/${jobId}`);
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; message: string; retryable: boolean } },
  };
}

describe('upstream faults', () => {
  it.each([
    ['html', 'bad_upstream_response'],
    ['truncated', 'bad_upstream_response'],
    ['huge', 'bad_upstream_response'],
    ['slow', 'backend_unavailable'],
  ] as const)('%s -> 502 %s, then recovers', async (mode, code) => {
    expect((await getJob()).status).toBe(200);
    upstream.state.mode = mode;
    const started = Date.now();
    const failed = await getJob();
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({ code, retryable: true });
    expect(failed.body.error?.message.length).toBeGreaterThan(10);
    // The slow upstream stalls for 10 s: the answer came from the BFF's own timeout.
    if (mode === 'slow') expect(Date.now() - started).toBeLessThan(8000);
    upstream.state.mode = 'ok';
    expect((await getJob()).status).toBe(200);
  });

  it('upstream down -> 502 backend_unavailable, degraded health, recovery when it returns', async () => {
    await upstream.stop();
    const failed = await getJob();
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({ code: 'backend_unavailable', retryable: true });
    const queues = await bff.app.request('/api/queues?cluster=up');
    expect(queues.status).toBe(502);
    const all = (await (await bff.app.request('/api/queues')).json()) as {
      errors: { cluster: string; code: string }[];
    };
    expect(all.errors).toEqual([expect.objectContaining({ cluster: 'up', code: 'backend_unavailable' })]);
    const health = (await (await bff.app.request('/api/health')).json()) as {
      status: string;
      clusters: { reachable: boolean; error?: { code: string } }[];
    };
    expect(health.status).toBe('degraded');
    expect(health.clusters[0]).toMatchObject({ reachable: false, error: { code: 'backend_unavailable' } });
    await upstream.restart();
    await bff.deps.registry.refresh('up');
    expect((await getJob()).status).toBe(200);
    const back = (await (await bff.app.request('/api/health')).json()) as { status: string };
    expect(back.status).toBe('ok');
  });
});
