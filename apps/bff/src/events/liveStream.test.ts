import { serve, type ServerType } from '@hono/node-server';
import { createOjsServer, type OjsServer } from '@lookout/ojs-server';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBff, type Bff } from '../createBff';
import { testSettings } from '../testing/bffHarness';
import { ojsDriver } from '../testing/ojsDriver';
import { SseTestClient } from '../testing/sseClient';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function listen(fetch: (req: Request) => Response | Promise<Response>, port = 0): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(server));
    server.once('error', reject);
  });
}

function portOf(server: ServerType): number {
  return (server.address() as AddressInfo).port;
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** A BFF served on a real port over an embedded OJS server (in-process fetch). */
async function startBff(): Promise<{ bff: Bff; url: string; ojs: OjsServer; http: ServerType }> {
  const ojs = createOjsServer({});
  const bff = createBff(testSettings([{ id: 'local', name: 'Local', url: 'http://ojs.test' }]), {
    defaultMetrics: false,
    fetchFor: () => (input, init) => ojs.fetch(new Request(input, init)),
    pollIntervalMs: 50,
  });
  await bff.start();
  const http = await listen(bff.app.fetch);
  cleanups.push(async () => {
    await closeServer(http);
    await bff.close();
    await ojs.close();
  });
  return { bff, url: `http://127.0.0.1:${portOf(http)}`, ojs, http };
}

const ids = (client: SseTestClient) =>
  client.frames.filter((f) => f.event === 'test.tick').map((f) => Number(f.id));

describe('/api/events over HTTP', () => {
  it('resumes after a drop with Last-Event-ID: nothing lost, nothing duplicated', async () => {
    const { bff, url } = await startBff();
    const publish = (n: number) =>
      bff.deps.hub.publish({
        cluster: 'local',
        type: 'test.tick',
        time: new Date().toISOString(),
        data: { n },
      });

    const first = await SseTestClient.connect(`${url}/api/events`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toContain('text/event-stream');
    expect(first.headers['content-encoding']).toBeUndefined();
    const published: number[] = [];
    for (let i = 0; i < 300; i++) published.push(publish(i));
    await first.waitFor(() => ids(first).length >= 150);
    first.close();
    const received = ids(first);
    const lastSeen = received[received.length - 1];
    for (let i = 300; i < 600; i++) published.push(publish(i));

    const second = await SseTestClient.connect(`${url}/api/events`, { 'Last-Event-ID': String(lastSeen) });
    for (let i = 600; i < 700; i++) published.push(publish(i));
    const lastPublished = published[published.length - 1];
    await second.waitFor(() => ids(second).at(-1) === lastPublished);
    second.close();
    const all = [...received, ...ids(second)];
    expect(all).toEqual(published);
    expect(new Set(all).size).toBe(all.length);
  });

  it('delivers upstream job events end to end and sends a gap for an unknown id', async () => {
    const { url, ojs } = await startBff();
    const client = await SseTestClient.connect(`${url}/api/events?types=job.*&queue=emails`);
    const job = await ojsDriver(ojs).jobs.enqueue({
      type: 'email.send',
      args: [],
      options: { queue: 'emails' },
    });
    await client.waitFor(() => client.frames.some((f) => f.event.startsWith('job.')));
    const frame = client.frames.find((f) => f.event.startsWith('job.'));
    expect(JSON.parse(frame?.data ?? '{}')).toMatchObject({
      cluster: 'local',
      job_id: job.job.id,
      queue: 'emails',
    });
    client.close();

    const stale = await SseTestClient.connect(`${url}/api/events`, { 'Last-Event-ID': '5' });
    await stale.waitFor(() => stale.frames.length > 0);
    expect(stale.frames[0]?.event).toBe('system.gap');
    stale.close();
  });

  it('releases every subscriber after 1,000 connect/disconnect cycles', { timeout: 120_000 }, async () => {
    const { bff, url, http } = await startBff();
    const before = process.memoryUsage().heapUsed;
    for (let batch = 0; batch < 50; batch++) {
      const clients = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          SseTestClient.connect(
            `${url}/api/events${i % 2 === 0 ? '' : '?queue=q'}`,
            i % 3 === 0 ? { 'Last-Event-ID': '1' } : {},
          ),
        ),
      );
      bff.deps.hub.publish({ cluster: 'local', type: 'test.tick', time: new Date().toISOString(), data: {} });
      for (const client of clients) client.close();
    }
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 10_000;
      const check = () => {
        http.getConnections((error, count) => {
          if (error) return reject(error);
          if (bff.deps.hub.subscriberCount === 0 && count === 0) return resolve();
          if (Date.now() > deadline) {
            return reject(new Error(`still ${bff.deps.hub.subscriberCount} subscribers / ${count} sockets`));
          }
          setTimeout(check, 20);
        });
      };
      check();
    });
    expect(bff.deps.hub.subscriberCount).toBe(0);
    const gauge = await bff.deps.metrics.sseClients.get();
    expect(gauge.values[0]?.value).toBe(0);
    global.gc?.();
    // Generous bound: 1,000 leaked subscriptions with their sockets would cost far more than this.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('recovers by itself when the upstream restarts', async () => {
    const ojsA = createOjsServer({});
    const upstreamA = await listen(ojsA.fetch);
    const port = portOf(upstreamA);
    const bff = createBff(
      testSettings([{ id: 'up', name: 'Upstream', url: `http://127.0.0.1:${port}` }], {
        healthIntervalMs: 200,
        upstreamTimeoutMs: 1000,
      }),
      { defaultMetrics: false, pollIntervalMs: 50 },
    );
    await bff.start();
    const http = await listen(bff.app.fetch);
    const later: { ojs?: OjsServer; http?: ServerType } = {};
    cleanups.push(async () => {
      await closeServer(http);
      await bff.close();
      if (later.http) await closeServer(later.http);
      await later.ojs?.close();
      await ojsA.close();
    });
    const client = await SseTestClient.connect(`http://127.0.0.1:${portOf(http)}/api/events`);
    const systemFrames = () =>
      client.frames
        .filter((f) => f.event === 'system.cluster')
        .map((f) => (JSON.parse(f.data) as { data: { reachable: boolean } }).data.reachable);

    await closeServer(upstreamA);
    await client.waitFor(() => systemFrames().includes(false), 15_000);

    const ojsB = createOjsServer({});
    later.ojs = ojsB;
    later.http = await listen(ojsB.fetch, port);
    await client.waitFor(() => systemFrames().at(-1) === true, 15_000);
    expect(client.frames.some((f) => f.event === 'system.gap')).toBe(true);

    const job = await ojsDriver(ojsB).jobs.enqueue({
      type: 'email.send',
      args: [],
      options: { queue: 'after' },
    });
    await client.waitFor(
      () => client.frames.some((f) => f.event.startsWith('job.') && f.data.includes(job.job.id)),
      15_000,
    );
    client.close();
  });
});
