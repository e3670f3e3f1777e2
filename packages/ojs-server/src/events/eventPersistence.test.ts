import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createOjsServer } from '../createOjsServer';
import { SqliteStore } from '../store/SqliteStore';
import { call } from '../testing/httpClient';
import { EventLog, type OjsEvent } from './EventLog';

const dir = mkdtempSync(join(tmpdir(), 'ojs-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('event log persistence (SQLite)', () => {
  it('continues seq numbers and replays after a restart', async () => {
    const path = join(dir, 'events.db');
    const clock = new ManualClock();
    const first = createOjsServer({
      store: new SqliteStore({ path }),
      clock,
      options: { autoStartScheduler: false },
    });
    for (let i = 0; i < 5; i++) await call(first, 'POST', '/ojs/v1/jobs', { type: 'a.b', args: [i] });
    const lastBefore = first.events.lastSeq;
    expect(lastBefore).toBe(5);
    await first.close();

    const second = createOjsServer({
      store: new SqliteStore({ path }),
      clock,
      options: { autoStartScheduler: false },
    });
    expect(second.events.lastSeq).toBe(lastBefore);
    expect(second.events.readAfter(0, 100).events.map((e) => e.type)).toEqual(Array(5).fill('job.enqueued'));
    await call(second, 'POST', '/ojs/v1/jobs', { type: 'a.b', args: [] });
    expect(second.events.lastSeq).toBe(lastBefore + 1);
    const polled = await call(second, 'GET', '/ojs/v1/events?after=4');
    expect((polled.body['events'] as OjsEvent[]).map((e) => e.seq)).toEqual([5, 6]);
    await second.close();
  });

  it('keeps only the newest events and restores the newest contiguous run', () => {
    const log = new EventLog({ clock: new ManualClock(), capacity: 100, startSeq: 10 });
    const events = [11, 12, 20, 21, 22].map((seq) => ({ seq }) as OjsEvent);
    log.restore(events);
    expect(log.firstSeq).toBe(20);
    expect(log.lastSeq).toBe(22);
    expect(log.append({ type: 'x', data: {} }).seq).toBe(23);
    expect(() => log.restore([])).toThrow();
  });
});
