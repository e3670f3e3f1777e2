import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/bffHarness';
import { ojsDriver } from '../testing/ojsDriver';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Upstream requests made for browser reads (the live feed's own polling is not counted). */
function readRequests(paths: string[]): number {
  return paths.filter((p) => p !== '/ojs/v1/events' && p !== '/ojs/v1/health' && p !== '/ojs/manifest')
    .length;
}

describe('shared reads', () => {
  it('50 polling browsers cost the upstream what one does', async () => {
    let now = Date.UTC(2026, 0, 1);
    h = await createHarness({
      settings: { cacheTtlMs: 1000 },
      bffOptions: { now: () => now, pollIntervalMs: 60_000 },
    });
    const ojs = ojsDriver(h.server);
    await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
    await ojs.deadLetter('payment.charge', 'payments', 'declined');
    const harness = h;
    const poll = () =>
      Promise.all(
        [
          '/api/overview',
          '/api/queues',
          '/api/signals',
          '/api/dead-letter',
          '/api/workers',
          '/api/crons',
        ].map(async (path) => {
          const res = await harness.request(path);
          expect(res.status).toBe(200);
        }),
      );

    now += 5000;
    let before = readRequests(h.fetch.paths);
    await poll();
    const one = readRequests(h.fetch.paths) - before;
    expect(one).toBeGreaterThan(0);

    now += 5000;
    before = readRequests(h.fetch.paths);
    await Promise.all(Array.from({ length: 50 }, () => poll()));
    const fifty = readRequests(h.fetch.paths) - before;
    expect(fifty).toBe(one);

    // Within the same period, more polling costs nothing more.
    before = readRequests(h.fetch.paths);
    await Promise.all(Array.from({ length: 50 }, () => poll()));
    expect(readRequests(h.fetch.paths) - before).toBe(0);
  });
});
