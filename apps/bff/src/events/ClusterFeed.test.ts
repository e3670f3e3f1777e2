import { createOjsServer, type OjsServer } from '@lookout/ojs-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Capabilities } from '../api/schemas';
import { SharedCache } from '../cache/SharedCache';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { SnapshotService } from '../services/SnapshotService';
import { ojsDriver } from '../testing/ojsDriver';
import { ClusterFeed, chooseLiveSource } from './ClusterFeed';
import { EventHub } from './EventHub';
import type { LiveEvent } from './liveEvent';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(overrides: Partial<Capabilities>) {
  const server: OjsServer = createOjsServer({});
  const registry = new ClusterRegistry([{ id: 'c', name: 'C', url: 'http://c.test' }], {
    fetchFor: () => (input, init) => server.fetch(new Request(input, init)),
    timeoutMs: 2000,
    maxResponseBytes: 4 * 1024 * 1024,
  });
  await registry.refreshAll();
  const cluster = registry.get('c');
  cluster.state = { ...cluster.state, capabilities: { ...cluster.state.capabilities, ...overrides } };
  const hub = new EventHub({ coalesceMs: 0, initialSeq: 0 });
  const seen: LiveEvent[] = [];
  hub.onEvent((event) => seen.push(event));
  const snapshots = new SnapshotService(registry, new SharedCache({ ttlMs: 0 }));
  const feed = new ClusterFeed(cluster, { hub, snapshots, pollIntervalMs: 50, snapshotIntervalMs: 50 });
  cleanups.push(async () => {
    await feed.stop();
    hub.close();
    await registry.stop();
    await server.close();
  });
  return { server, feed, seen, cluster };
}

async function until(test: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ClusterFeed', () => {
  it('follows per-queue streams, subscribing to queues as they appear', async () => {
    const { server, feed, seen, cluster } = await setup({ events_stream: false, realtime_sse: true });
    expect(chooseLiveSource(cluster)).toBe('queue_streams');
    feed.start();
    const ojs = ojsDriver(server);
    const { job } = await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'first' } });
    await until(() => feed.healthy);
    await ojs.jobs.cancel(job.id);
    await until(() => seen.some((e) => e.job_id === job.id && e.queue === 'first' && e.to === 'cancelled'));
    // A queue that appears later is picked up at the next rediscovery (every 50 ms here).
    const later = await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'second' } });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await ojs.jobs.cancel(later.job.id);
    await until(() =>
      seen.some((e) => e.job_id === later.job.id && e.queue === 'second' && e.to === 'cancelled'),
    );
    expect(feed.source).toBe('queue_streams');
  });

  it('polls /ojs/v1/events, skipping history from before it started', async () => {
    const { server, feed, seen, cluster } = await setup({
      events_stream: false,
      realtime_sse: false,
      events_poll: true,
    });
    expect(chooseLiveSource(cluster)).toBe('events_poll');
    const ojs = ojsDriver(server);
    const old = await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'q' } });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    feed.start();
    const fresh = await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'q' } });
    await until(() => seen.some((e) => e.job_id === fresh.job.id));
    expect(seen.some((e) => e.job_id === old.job.id)).toBe(false);
    const ids = seen.map((e) => `${e.type}:${e.job_id}`);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
