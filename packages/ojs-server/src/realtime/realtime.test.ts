import { afterEach, describe, expect, it } from 'vitest';
import { createOjsServer, type OjsServer } from '../createOjsServer';
import { realtimeExtension, type RealtimeExtension } from './realtimeExtension';
import type { RealtimeOptionsInput } from './realtimeOptions';
import { SseReader, type SseFrame } from './testing/SseReader';

const BASE = 'http://ojs.test';
const servers: OjsServer[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function setup(realtime: RealtimeOptionsInput = {}, eventCapacity?: number) {
  const ext = realtimeExtension(realtime);
  const server = createOjsServer({
    options: {
      autoStartScheduler: false,
      requestRateLimit: false,
      ...(eventCapacity !== undefined ? { events: { capacity: eventCapacity } } : {}),
    },
    extensions: [ext],
  });
  servers.push(server);
  return { server, ext };
}

function hub(ext: RealtimeExtension) {
  const h = ext.handle;
  if (!h) throw new Error('realtime extension not mounted');
  return h.hub;
}

async function call(server: OjsServer, method: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, headers: { 'Content-Type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return server.fetch(new Request(BASE + path, init));
}

async function enqueue(server: OjsServer, queue = 'default', type = 'email.send'): Promise<string> {
  const res = await call(server, 'POST', '/ojs/v1/jobs', { type, args: [1], options: { queue } });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { job: { id: string } };
  return body.job.id;
}

async function open(
  server: OjsServer,
  path: string,
  lastEventId?: string,
): Promise<{ res: Response; reader: SseReader }> {
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
  const res = await server.fetch(new Request(BASE + path, { headers }));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  if (!res.body) throw new Error('no body');
  const reader = new SseReader(res.body);
  const first = await reader.next();
  expect(first?.retry).toBe(3000);
  return { res, reader };
}

const isEvent = (f: SseFrame): boolean => f.event !== undefined;
const ids = (frames: SseFrame[]): number[] =>
  frames.filter((f) => f.id !== undefined && f.event !== 'system.gap').map((f) => Number(f.id));
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('events stream (all events)', () => {
  it('delivers live, then resumes with Last-Event-ID: nothing lost, nothing duplicated', async () => {
    const { server } = setup();
    const first = await open(server, '/ojs/v1/events/stream');
    const idsA: string[] = [];
    for (let i = 0; i < 5; i++) idsA.push(await enqueue(server));
    const live = await first.reader.until(
      (f) => f.event === 'job.enqueued' && f.data?.includes(idsA[4] as string) === true,
    );
    const seen = ids(live.filter(isEvent));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const envelope = JSON.parse(live.filter(isEvent)[0]?.data ?? '{}') as Record<string, unknown>;
    expect(envelope).toMatchObject({ specversion: '1.0', type: 'job.enqueued', subject: idsA[0] });
    await first.reader.cancel();

    // while disconnected: more transitions, including fetch/ack
    for (let i = 0; i < 5; i++) await enqueue(server);
    const fetched = await call(server, 'POST', '/ojs/v1/workers/fetch', {
      queues: ['default'],
      count: 3,
      worker_id: 'w1',
    });
    const { jobs } = (await fetched.json()) as { jobs: { id: string }[] };
    expect(jobs).toHaveLength(3);
    for (const job of jobs)
      await call(server, 'POST', '/ojs/v1/workers/ack', { job_id: job.id, result: { ok: true } });
    const lastBeforeResume = server.events.lastSeq;

    const second = await open(server, '/ojs/v1/events/stream', String(seen[seen.length - 1]));
    const replayed = await second.reader.until((f) => Number(f.id) === lastBeforeResume);
    // and live again after the replay
    await enqueue(server);
    const after = await second.reader.until((f) => Number(f.id) === server.events.lastSeq);
    await second.reader.cancel();

    const all = [...seen, ...ids(replayed.filter(isEvent)), ...ids(after.filter(isEvent))];
    const expected = Array.from({ length: server.events.lastSeq }, (_, i) => i + 1);
    expect(all).toEqual(expected);
  }, 30_000);

  it('filters by type prefix, queue and job id', async () => {
    const { server } = setup();
    const byQueue = await open(server, '/ojs/v1/events/stream?queues=mail&types=job.*');
    const a = await enqueue(server, 'other');
    const b = await enqueue(server, 'mail');
    await call(server, 'POST', '/ojs/v1/queues/mail/pause');
    const byJob = await open(server, `/ojs/v1/events/stream?job_id=${a}`);
    await call(server, 'DELETE', `/ojs/v1/jobs/${b}`);
    await call(server, 'DELETE', `/ojs/v1/jobs/${a}`);
    const frames = await byQueue.reader.until((f) => f.event === 'job.cancelled');
    const events = frames.filter(isEvent);
    expect(events.map((f) => f.event)).toEqual(['job.enqueued', 'job.cancelled']);
    expect(events.every((f) => f.data?.includes(b))).toBe(true);
    const jobFrames = await byJob.reader.until((f) => f.event === 'job.cancelled');
    expect(jobFrames.filter(isEvent).map((f) => f.event)).toEqual(['job.cancelled']);
    expect(jobFrames.filter(isEvent)[0]?.data).toContain(a);
    await byQueue.reader.cancel();
    await byJob.reader.cancel();
  });

  it('rejects bad filters with a 400 and the error shape', async () => {
    const { server } = setup();
    const many = Array.from({ length: 101 }, (_, i) => `q${i}`).join(',');
    const res = await call(server, 'GET', `/ojs/v1/events/stream?queues=${many}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; retryable: boolean } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.retryable).toBe(false);
  });

  it('sends system.gap when the requested events are no longer retained, then continues live', async () => {
    const { server } = setup({}, 100);
    for (let i = 0; i < 120; i++) await enqueue(server);
    expect(server.events.firstSeq).toBeGreaterThan(2);
    const { reader } = await open(server, '/ojs/v1/events/stream', '1');
    const gap = await reader.next();
    expect(gap?.event).toBe('system.gap');
    expect(Number(gap?.id)).toBe(server.events.lastSeq);
    const data = JSON.parse(gap?.data ?? '{}') as Record<string, unknown>;
    expect(data).toMatchObject({ channel: 'all', estimated_missed_count: server.events.lastSeq - 1 });
    expect(typeof data['gap_start']).toBe('string');
    expect(typeof data['gap_end']).toBe('string');
    const next = await enqueue(server);
    const live = await reader.next();
    expect(live?.event).toBe('job.enqueued');
    expect(Number(live?.id)).toBe(server.events.lastSeq);
    expect(live?.data).toContain(next);
    await reader.cancel();
  });

  it('treats ids this server never handed out as a gap', async () => {
    const { server } = setup();
    await enqueue(server);
    for (const bad of ['999999', 'evt_01926f5e-7a3c']) {
      const { reader } = await open(server, '/ojs/v1/events/stream', bad);
      const gap = await reader.next();
      expect(gap?.event).toBe('system.gap');
      expect(gap?.id).toBe(String(server.events.lastSeq));
      await reader.cancel();
    }
  });

  it('sends :heartbeat comments on the configured interval', async () => {
    const { server } = setup({ heartbeatMs: 20 });
    const { reader } = await open(server, '/ojs/v1/events/stream');
    const frames = await reader.until((f) => f.comment === 'heartbeat', 3000);
    expect(frames.at(-1)?.comment).toBe('heartbeat');
    await reader.cancel();
  });

  it('drops the oldest queued events of a slow client and says so', async () => {
    const { server, ext } = setup({ bufferSize: 5 });
    const res = await server.fetch(new Request(`${BASE}/ojs/v1/events/stream`));
    // Nobody reads: the stream's buffer fills, then the connection queues at most 5 events.
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 25; i++) await enqueue(server);
      await tick();
    }
    const total = server.events.lastSeq;
    if (!res.body) throw new Error('no body');
    const reader = new SseReader(res.body);
    const frames = await reader.until((f) => Number(f.id) === total && f.event === 'job.enqueued', 10_000);
    await reader.cancel();
    const dropped = frames.filter((f) => f.event === 'system.events_dropped');
    expect(dropped.length).toBeGreaterThanOrEqual(1);
    expect(frames.some((f) => f.comment?.startsWith('events-dropped ') === true)).toBe(true);
    const droppedCount = dropped.reduce(
      (n, f) => n + (JSON.parse(f.data ?? '{}') as { dropped_count: number }).dropped_count,
      0,
    );
    const delivered = frames.filter((f) => f.event === 'job.enqueued').map((f) => Number(f.id));
    // every event is either delivered (in order, once) or counted as dropped
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
    expect(delivered.length + droppedCount).toBe(total);
    expect(droppedCount).toBeGreaterThan(0);
    for (const f of dropped) {
      const d = JSON.parse(f.data ?? '{}') as { oldest_dropped_id: string; newest_dropped_id: string };
      expect(Number(d.newest_dropped_id)).toBeGreaterThanOrEqual(Number(d.oldest_dropped_id));
      expect(f.id).toBe(d.newest_dropped_id);
    }
    expect(hub(ext).connectionCount).toBe(0);
  }, 30_000);

  it('releases every listener after 1,000 connect/disconnect cycles', async () => {
    const { server, ext } = setup();
    await enqueue(server);
    const baseline = server.events.listenerCount;
    for (let i = 0; i < 1000; i++) {
      const path =
        i % 3 === 0
          ? '/ojs/v1/events/stream'
          : i % 3 === 1
            ? '/ojs/v1/queues/default/events'
            : '/ojs/v1/events/stream?types=job.*';
      const res = await server.fetch(
        new Request(BASE + path, { headers: { 'Last-Event-ID': i % 2 === 0 ? '0' : '' } }),
      );
      expect(res.status).toBe(200);
      await res.body?.cancel();
    }
    await tick();
    expect(hub(ext).connectionCount).toBe(0);
    expect(server.events.listenerCount).toBe(baseline);
  }, 30_000);

  it('ends every stream with server.shutdown and refuses new ones', async () => {
    const { server } = setup();
    await enqueue(server);
    const { reader } = await open(server, '/ojs/v1/events/stream');
    await server.beginShutdown();
    const rest = await reader.rest();
    const shutdown = rest.find((f) => f.event === 'server.shutdown');
    expect(shutdown?.id).toBe(String(server.events.lastSeq));
    expect(JSON.parse(shutdown?.data ?? '{}')).toMatchObject({ grace_period_ms: 5000 });
    const refused = await call(server, 'GET', '/ojs/v1/events/stream');
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { retryable: boolean } }).error.retryable).toBe(true);
  });
});

describe('job and queue streams', () => {
  it('answers 404 JSON for a missing job or queue', async () => {
    const { server } = setup();
    const job = await call(server, 'GET', '/ojs/v1/jobs/0190f5e0-0000-7000-8000-000000000000/events');
    expect(job.status).toBe(404);
    expect(job.headers.get('content-type')).toContain('json');
    expect(((await job.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const queue = await call(server, 'GET', '/ojs/v1/queues/nope/events');
    expect(queue.status).toBe(404);
    expect(((await queue.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('streams a job as job.state_changed transitions', async () => {
    const { server } = setup();
    const id = await enqueue(server, 'work');
    const other = await enqueue(server, 'work');
    const { reader } = await open(server, `/ojs/v1/jobs/${id}/events`);
    const fetched = await call(server, 'POST', '/ojs/v1/workers/fetch', {
      queues: ['work'],
      count: 2,
      worker_id: 'w1',
    });
    expect(((await fetched.json()) as { jobs: unknown[] }).jobs).toHaveLength(2);
    await call(server, 'POST', `/ojs/v1/jobs/${id}/progress`, { progress: 0.5, message: 'half' });
    await call(server, 'POST', '/ojs/v1/workers/ack', { job_id: other });
    await call(server, 'POST', '/ojs/v1/workers/ack', { job_id: id, result: 1 });
    const frames = (await reader.until((f) => f.data?.includes('"to":"completed"') === true)).filter(isEvent);
    const payloads = frames.map((f) => ({
      event: f.event,
      data: JSON.parse(f.data ?? '{}') as Record<string, unknown>,
    }));
    expect(payloads.every((p) => p.data['job_id'] === id)).toBe(true);
    const changes = payloads
      .filter((p) => p.event === 'job.state_changed')
      .map((p) => [p.data['from'], p.data['to']]);
    expect(changes).toEqual([
      ['available', 'active'],
      ['active', 'completed'],
    ]);
    const first = payloads[0]?.data ?? {};
    expect(first).toMatchObject({ queue: 'work', type: 'email.send' });
    expect(typeof first['timestamp']).toBe('string');
    const ids = frames.map((f) => Number(f.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    await reader.cancel();
  });

  it('sends a terminal job its state once, then closes', async () => {
    const { server } = setup();
    const id = await enqueue(server);
    await call(server, 'DELETE', `/ojs/v1/jobs/${id}`);
    const res = await call(server, 'GET', `/ojs/v1/jobs/${id}/events`);
    expect(res.status).toBe(200);
    if (!res.body) throw new Error('no body');
    const frames = await new SseReader(res.body).rest();
    const events = frames.filter(isEvent);
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toBe('job.state_changed');
    expect(JSON.parse(events[0]?.data ?? '{}')).toMatchObject({
      job_id: id,
      from: 'available',
      to: 'cancelled',
    });
  });

  it('streams a queue with event_types filtering and resumes after Last-Event-ID', async () => {
    const { server } = setup();
    await enqueue(server, 'q1');
    const { reader } = await open(server, '/ojs/v1/queues/q1/events?event_types=job.state_changed');
    const a = await enqueue(server, 'q1');
    await enqueue(server, 'q2');
    const frames = await reader.until((f) => f.data?.includes(a) === true);
    const lastId = frames.at(-1)?.id ?? '';
    await reader.cancel();
    const b = await enqueue(server, 'q1');
    await call(server, 'POST', '/ojs/v1/queues/q1/pause');
    const c = await enqueue(server, 'q1');
    const resumed = await open(server, '/ojs/v1/queues/q1/events?event_types=job.state_changed', lastId);
    const replay = (await resumed.reader.until((f) => f.data?.includes(c) === true)).filter(isEvent);
    expect(replay.map((f) => (JSON.parse(f.data ?? '{}') as { job_id: string }).job_id)).toEqual([b, c]);
    expect(replay.every((f) => f.event === 'job.state_changed')).toBe(true);
    await resumed.reader.cancel();

    const all = await open(server, '/ojs/v1/queues/q1/events', lastId);
    const withQueueEvents = await all.reader.until((f) => f.data?.includes(c) === true);
    expect(withQueueEvents.filter(isEvent).map((f) => f.event)).toEqual([
      'job.state_changed',
      'queue.paused',
      'job.state_changed',
    ]);
    await all.reader.cancel();
  });
});

describe('default wiring', () => {
  it('mounts the streams unless features.realtime is off', async () => {
    const on = createOjsServer({ options: { autoStartScheduler: false } });
    const off = createOjsServer({ options: { autoStartScheduler: false, features: { realtime: false } } });
    servers.push(on, off);
    const stream = await on.fetch(new Request(`${BASE}/ojs/v1/events/stream`));
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
    expect((await off.fetch(new Request(`${BASE}/ojs/v1/events/stream`))).status).toBe(404);
    const manifest = (await (await off.fetch(new Request(`${BASE}/ojs/manifest`))).json()) as {
      extension_names: string[];
    };
    expect(manifest.extension_names).not.toContain('realtime');
  });
});

describe('manifest', () => {
  it('announces the realtime and events-stream extensions', async () => {
    const { server } = setup();
    const res = await call(server, 'GET', '/ojs/manifest');
    const body = (await res.json()) as { extension_names: string[]; capabilities: { realtime: boolean } };
    expect(body.extension_names).toEqual(expect.arrayContaining(['realtime', 'events-stream']));
    expect(body.capabilities.realtime).toBe(true);
  });
});
