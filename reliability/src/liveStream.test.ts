import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startJobLoad, type JobLoad } from './support/jobLoad';
import { spawnOjsServer, type ServiceProcess } from './support/processes';
import { trackProcessErrors } from './support/rejections';
import { SseClient } from './support/SseClient';
import { startLookout, type RunningLookout } from './support/startLookout';
import { sleep, waitUntil } from './support/waitUntil';

const CHURNING = 20;
const dir = mkdtempSync(path.join(tmpdir(), 'lookout-live-'));
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanups.reverse()) await fn();
  rmSync(dir, { recursive: true, force: true });
});

const reachability = (client: SseClient) =>
  client.events
    .filter((e) => e.event === 'system.cluster')
    .map((e) => (JSON.parse(e.data) as { data: { reachable: boolean } }).data.reachable);

describe('live stream while the OJS server is killed and restarted under load', () => {
  it('the BFF stream recovers by itself; clients resuming with Last-Event-ID lose and duplicate nothing', async () => {
    const tracker = trackProcessErrors();
    const db = path.join(dir, 'ojs.db');
    let ojs: ServiceProcess = await spawnOjsServer({ db });
    cleanups.push(() => ojs.kill());
    const lookout: RunningLookout = await startLookout(ojs.url);
    cleanups.push(() => lookout.close());
    const load: JobLoad = startJobLoad(() => ojs.url, { queue: 'live' });
    cleanups.push(() => load.stop());

    const streamUrl = `${lookout.url}/api/events`;
    // The reference never drops; the others are cut (one every 0.2-0.7 s) and resume with Last-Event-ID.
    const reference = new SseClient(streamUrl).start();
    cleanups.push(() => reference.close());
    await waitUntil(
      () => reference.events.some((e) => e.event.startsWith('job.')),
      'first job events',
      30_000,
    );
    const churning = Array.from({ length: CHURNING }, () => new SseClient(streamUrl).start());
    cleanups.push(() => churning.forEach((c) => c.close()));
    let churn = true;
    const churner = (async () => {
      while (churn) {
        await sleep(200 + Math.floor(Math.random() * 500));
        const victim = churning[Math.floor(Math.random() * churning.length)];
        if (victim?.open) victim.drop();
      }
    })();
    cleanups.push(async () => {
      churn = false;
      await churner;
    });
    await sleep(3000);

    await ojs.kill('SIGKILL');
    await waitUntil(() => reachability(reference).includes(false), 'the BFF to notice the server is gone');
    await sleep(1000);
    ojs = await spawnOjsServer({ db, port: ojs.port });
    const restartedAt = Date.now();
    const seen = reference.events.length;
    await waitUntil(
      () => reference.events.slice(seen).some((e) => e.event.startsWith('job.')),
      'job events after the restart',
      30_000,
    );
    const recoveryMs = Date.now() - restartedAt;
    await waitUntil(() => reachability(reference).at(-1) === true, 'the cluster reachable again', 30_000);

    await sleep(3000);
    churn = false;
    await churner;
    await load.stop();
    // Everything published has reached the reference; every other client catches up to it.
    await sleep(1000);
    const expected = reference.ids();
    const last = expected.at(-1);
    await waitUntil(
      () => churning.every((c) => c.ids().at(-1) === last),
      'every resumed client to catch up',
      30_000,
    );
    let duplicates = 0;
    let lost = 0;
    for (const client of churning) {
      const ids = client.ids();
      duplicates += ids.length - new Set(ids).size;
      const from = expected.indexOf(ids[0] ?? -1);
      const want = expected.slice(from);
      const got = new Set(ids);
      lost += want.filter((id) => !got.has(id)).length;
      if (ids.length !== want.length || ids.some((id, i) => id !== want[i])) {
        const at = want.findIndex((id, i) => ids[i] !== id);
        const around = (events: typeof client.events, id: number | undefined) => {
          const i = events.findIndex((e) => Number(e.id) === id);
          return events
            .slice(Math.max(0, i - 3), i + 4)
            .map((e) => `${e.id} ${e.event} ${e.data.slice(0, 120)}`);
        };
        console.log(
          JSON.stringify(
            {
              mismatchAt: at,
              expectedId: want[at],
              got: ids[at],
              client: around(client.events, ids[at - 1]),
              reference: around(reference.events, want[at]),
              connections: client.connections,
              referenceTimes: reference.connections,
            },
            null,
            1,
          ),
        );
      }
      expect(ids).toEqual(want);
    }
    const reconnects = churning.reduce((n, c) => n + c.opens - 1, 0);
    const gaps = churning.reduce((n, c) => n + c.events.filter((e) => e.event === 'system.gap').length, 0);
    console.log(
      JSON.stringify({
        liveStream: {
          streamRecoveryAfterRestartMs: recoveryMs,
          eventsSeenByReference: expected.length,
          resumingClients: CHURNING,
          resumes: reconnects,
          lost,
          duplicates,
          gapFramesSeenByResumingClients: gaps,
          jobsEnqueued: load.enqueued,
        },
      }),
    );
    expect(duplicates).toBe(0);
    expect(lost).toBe(0);
    expect(reconnects).toBeGreaterThanOrEqual(CHURNING / 2);
    expect(tracker.stop()).toEqual([]);
  });
});
