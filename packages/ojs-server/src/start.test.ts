import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { realtimeOf } from './realtime/mountRealtime';
import { SseReader } from './realtime/testing/SseReader';
import { startOjsServer, type RunningOjsServer } from './start';

const running: RunningOjsServer[] = [];

afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

async function start(extra: Parameters<typeof startOjsServer>[0] = {}): Promise<RunningOjsServer> {
  const s = await startOjsServer({
    port: 0,
    options: { requestRateLimit: false },
    ...extra,
  });
  running.push(s);
  return s;
}

async function enqueue(url: string, queue = 'default'): Promise<string> {
  const res = await fetch(`${url}/ojs/v1/jobs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'report.build', args: [], options: { queue } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { job: { id: string } }).job.id;
}

/** A POST whose body is sent in two halves, the second only when `finish` is called. */
function slowPost(
  url: string,
  body: string,
): { finish: () => void; response: Promise<{ status: number; text: string }> } {
  const target = new URL('/ojs/v1/jobs', url);
  let finish = (): void => undefined;
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    finish = () => {
      req.end(body.slice(half));
    };
  });
  return { finish: () => finish(), response };
}

describe('startOjsServer', () => {
  it('serves on an ephemeral port and reports its URL', async () => {
    const s = await start();
    expect(s.port).toBeGreaterThan(0);
    expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
    const health = await fetch(`${s.url}/ojs/v1/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('ojs-version')).toBe('1.0');
  });

  it('streams SSE straight from Node and ends streams with server.shutdown on close', async () => {
    const s = await start({ realtime: { heartbeatMs: 50 } });
    const controller = new AbortController();
    const res = await fetch(`${s.url}/ojs/v1/events/stream`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('ojs-version')).toBe('1.0');
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    if (!res.body) throw new Error('no body');
    const reader = new SseReader(res.body);
    expect((await reader.next())?.retry).toBe(3000);
    const id = await enqueue(s.url);
    const frames = await reader.until((f) => f.event === 'job.enqueued');
    expect(frames.at(-1)?.data).toContain(id);
    await reader.until((f) => f.comment === 'heartbeat');

    const closed = s.close();
    const rest = await reader.rest();
    expect(rest.map((f) => f.event)).toContain('server.shutdown');
    await closed;
    await expect(fetch(`${s.url}/ojs/v1/health`)).rejects.toThrow();
  });

  it('finishes in-flight requests, refuses new connections, then closes', async () => {
    const s = await start();
    const arrived = new Promise((resolve) => s.httpServer.once('request', resolve));
    const post = slowPost(s.url, JSON.stringify({ type: 'report.build', args: [1, 2, 3] }));
    // shut down once the server is reading the request (its body is only half sent)
    await arrived;
    const closed = s.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${s.url}/ojs/v1/health`)).rejects.toThrow();
    post.finish();
    const answer = await post.response;
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.text)).toMatchObject({ job: { type: 'report.build', state: 'available' } });
    await closed;
  });

  it('releases stream listeners when real clients disconnect, and closes without waiting on idle sockets', async () => {
    // A grace period far beyond the test timeout: close() must not depend on it.
    const s = await start({ shutdownGraceMs: 600_000 });
    await enqueue(s.url, 'q');
    const baseline = s.server.events.listenerCount;
    for (let i = 0; i < 40; i++) {
      const controller = new AbortController();
      const path = i % 2 === 0 ? '/ojs/v1/events/stream' : '/ojs/v1/queues/q/events';
      const res = await fetch(`${s.url}${path}`, { signal: controller.signal });
      expect(res.status).toBe(200);
      controller.abort();
      await res.body?.cancel().catch(() => undefined);
    }
    const hub = realtimeOf(s.server.app)?.hub;
    const deadline = Date.now() + 5000;
    while ((hub?.connectionCount ?? 0) > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(hub?.connectionCount).toBe(0);
    expect(s.server.events.listenerCount).toBe(baseline);
    await s.close();
  }, 30_000);

  it('opens a sqlite store that outlives the server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lookout-start-'));
    try {
      const path = join(dir, 'a', 'ojs.db');
      const first = await startOjsServer({ port: 0, storeOptions: { kind: 'sqlite', path } });
      expect(first.server.store.kind).toBe('sqlite');
      const id = await enqueue(first.url);
      await first.close();
      const second = await start({ storeOptions: { kind: 'sqlite', path } });
      const res = await fetch(`${second.url}/ojs/v1/jobs/${id}`);
      expect(res.status).toBe(200);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects invalid input and a busy port', async () => {
    await expect(startOjsServer({ port: 70_000 })).rejects.toThrow(/port/);
    await expect(startOjsServer({ port: 0, storeOptions: { kind: 'sqlite', path: '' } })).rejects.toThrow(
      /path/,
    );
    const s = await start();
    await expect(startOjsServer({ port: s.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
