import { afterEach, describe, expect, it } from 'vitest';
import { EventHub, type SseSink } from './EventHub';
import { matchesFilter, type LiveEvent } from './liveEvent';
import { parseSseFrames } from './parseSseFrames';

class MemorySink implements SseSink {
  chunks: string[] = [];
  ended = false;
  buffered = 0;
  write(chunk: string | Uint8Array): boolean {
    this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }
  bufferedBytes(): number {
    return this.buffered;
  }
  end(): void {
    this.ended = true;
  }
  get text(): string {
    return this.chunks.join('');
  }
  frames() {
    return parseSseFrames(this.text);
  }
}

function event(n: number, extra: Partial<LiveEvent> = {}): LiveEvent {
  return {
    cluster: 'a',
    type: 'job.completed',
    time: new Date(0).toISOString(),
    job_id: `job-${n}`,
    queue: n % 2 === 0 ? 'even' : 'odd',
    data: { n },
    ...extra,
  };
}

const hubs: EventHub[] = [];
function makeHub(options: ConstructorParameters<typeof EventHub>[0] = {}): EventHub {
  const hub = new EventHub({ coalesceMs: 0, initialSeq: 1000, ...options });
  hubs.push(hub);
  return hub;
}

afterEach(() => {
  hubs.splice(0).forEach((hub) => hub.close());
});

describe('EventHub', () => {
  it('stamps monotonic ids and delivers to every subscriber, serialising each event once', () => {
    const hub = makeHub();
    const a = new MemorySink();
    const b = new MemorySink();
    hub.subscribe(a);
    hub.subscribe(b);
    expect(hub.publish(event(1))).toBe(1001);
    expect(hub.publish(event(2))).toBe(1002);
    expect(a.frames().map((f) => f.id)).toEqual(['1001', '1002']);
    expect(a.text).toBe(b.text);
    expect(a.text.startsWith('retry: 3000\n')).toBe(true);
    const frame = a.frames()[0];
    expect(frame?.event).toBe('job.completed');
    expect(JSON.parse(frame?.data ?? '')).toMatchObject({ cluster: 'a', job_id: 'job-1', data: { n: 1 } });
  });

  it('applies filters', () => {
    const hub = makeHub();
    const odd = new MemorySink();
    const failed = new MemorySink();
    const job = new MemorySink();
    hub.subscribe(odd, { queues: ['odd'] });
    hub.subscribe(failed, { types: ['job.fail*', 'queue.*'] });
    hub.subscribe(job, { jobs: ['job-2'], clusters: ['a'] });
    for (let i = 1; i <= 4; i++) hub.publish(event(i));
    hub.publish(event(5, { type: 'queue.paused', job_id: undefined }));
    expect(odd.frames().map((f) => f.id)).toEqual(['1001', '1003', '1005']);
    expect(failed.frames().map((f) => f.event)).toEqual(['queue.paused']);
    expect(job.frames().map((f) => f.id)).toEqual(['1002']);
  });

  it('matches type prefixes and always passes gap events', () => {
    const facts = { type: 'job.failed', cluster: 'a', queue: 'q' };
    expect(matchesFilter(facts, { types: ['job.*'] })).toBe(true);
    expect(matchesFilter(facts, { types: ['job.completed'] })).toBe(false);
    expect(matchesFilter({ type: 'system.gap', cluster: '*' }, { clusters: ['x'], queues: ['y'] })).toBe(
      true,
    );
    expect(matchesFilter({ type: 'system.cluster', cluster: 'a' }, { clusters: ['a'], queues: ['y'] })).toBe(
      true,
    );
    expect(matchesFilter({ type: 'system.cluster', cluster: 'b' }, { clusters: ['a'] })).toBe(false);
  });

  it('replays after Last-Event-ID: nothing lost, nothing duplicated', () => {
    const hub = makeHub();
    const first = new MemorySink();
    const sub = hub.subscribe(first);
    for (let i = 1; i <= 10; i++) hub.publish(event(i));
    const seen = first.frames().map((f) => Number(f.id));
    const lastSeen = seen[6];
    sub.close();
    for (let i = 11; i <= 15; i++) hub.publish(event(i));
    const second = new MemorySink();
    hub.subscribe(second, {}, String(lastSeen));
    for (let i = 16; i <= 20; i++) hub.publish(event(i));
    const resumed = second.frames().map((f) => Number(f.id));
    const all = [...seen.slice(0, 7), ...resumed];
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => 1001 + i));
  });

  it('sends a gap when the id is older than the buffer, unknown, or from the future', () => {
    const hub = makeHub({ replayBufferSize: 5 });
    for (let i = 1; i <= 10; i++) hub.publish(event(i));
    for (const [id, reason] of [
      ['1002', 'replay_buffer_exceeded'],
      ['abc', 'unknown_event_id'],
      ['99999', 'stream_restarted'],
      ['5', 'stream_restarted'],
    ] as const) {
      const sink = new MemorySink();
      hub.subscribe(sink, {}, id);
      const frames = sink.frames();
      expect(frames).toHaveLength(1);
      expect(frames[0]?.event).toBe('system.gap');
      expect(frames[0]?.id).toBe('1010');
      expect(JSON.parse(frames[0]?.data ?? '')).toMatchObject({ data: { reason } });
    }
    const ok = new MemorySink();
    hub.subscribe(ok, {}, '1005');
    expect(ok.frames().map((f) => f.id)).toEqual(['1006', '1007', '1008', '1009', '1010']);
    const upToDate = new MemorySink();
    hub.subscribe(upToDate, {}, '1010');
    expect(upToDate.frames()).toEqual([]);
  });

  it('treats an id from before any event of this hub as a restart, and resumes an empty hub', () => {
    const hub = makeHub();
    const sink = new MemorySink();
    hub.subscribe(sink, {}, '1000');
    expect(sink.frames()).toEqual([]);
    hub.publish(event(1));
    expect(sink.frames().map((f) => f.id)).toEqual(['1001']);
  });

  it('coalesces bursts into few writes without losing events', async () => {
    const hub = makeHub({ coalesceMs: 50 });
    const sink = new MemorySink();
    hub.subscribe(sink);
    const writesBefore = sink.chunks.length;
    for (let i = 1; i <= 100; i++) hub.publish(event(i));
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 101; i <= 200; i++) hub.publish(event(i));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sink.chunks.length - writesBefore).toBeLessThanOrEqual(3);
    expect(sink.frames().map((f) => Number(f.id))).toEqual(Array.from({ length: 200 }, (_, i) => 1001 + i));
  });

  it('does not duplicate pending events for a subscriber resuming mid-batch', async () => {
    const hub = makeHub({ coalesceMs: 30 });
    const live = new MemorySink();
    hub.subscribe(live);
    hub.publish(event(1));
    await new Promise((resolve) => setTimeout(resolve, 60));
    hub.publish(event(2));
    hub.publish(event(3));
    const resumed = new MemorySink();
    hub.subscribe(resumed, {}, '1001');
    await new Promise((resolve) => setTimeout(resolve, 80));
    hub.publish(event(4));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(resumed.frames().map((f) => f.id)).toEqual(['1002', '1003', '1004']);
    expect(live.frames().map((f) => f.id)).toEqual(['1001', '1002', '1003', '1004']);
  });

  it('heartbeats and drops subscribers that cannot keep up', () => {
    const hub = makeHub();
    const slow = new MemorySink();
    const fast = new MemorySink();
    let dropped = 0;
    hub.subscribe(slow, {}, undefined, () => dropped++);
    hub.subscribe(fast);
    hub.heartbeat();
    expect(fast.text).toContain(': heartbeat\n\n');
    slow.buffered = 9 * 1024 * 1024;
    hub.publish(event(1));
    expect(slow.ended).toBe(true);
    expect(dropped).toBe(1);
    expect(hub.subscriberCount).toBe(1);
    expect(hub.stats().dropped).toBe(1);
  });

  it('releases subscribers and timers: 1,000 connect/disconnect cycles leave nothing behind', () => {
    const hub = makeHub({ coalesceMs: 10 });
    for (let i = 0; i < 1000; i++) {
      const sink = new MemorySink();
      const sub = hub.subscribe(
        sink,
        i % 2 === 0 ? {} : { queues: ['odd'] },
        i % 3 === 0 ? '1000' : undefined,
      );
      hub.publish(event(i));
      sub.close();
      sub.close();
    }
    expect(hub.subscriberCount).toBe(0);
    const internals = hub as unknown as {
      skipUntil: Map<number, number>;
      heartbeatTimer: unknown;
      flushTimer: unknown;
    };
    expect(internals.skipUntil.size).toBe(0);
    expect(internals.heartbeatTimer).toBeUndefined();
    expect(internals.flushTimer).toBeUndefined();
  });

  it('notifies observers and survives a failing one', () => {
    const hub = makeHub();
    const seen: string[] = [];
    hub.onEvent(() => {
      throw new Error('observer bug');
    });
    const off = hub.onEvent((e) => seen.push(e.job_id ?? ''));
    hub.publish(event(1));
    off();
    hub.publish(event(2));
    expect(seen).toEqual(['job-1']);
  });
});
