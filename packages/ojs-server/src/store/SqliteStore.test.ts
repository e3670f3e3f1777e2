import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './SqliteStore';
import { describeStoreContract, makeJob } from './storeContract';

const dir = mkdtempSync(join(tmpdir(), 'ojs-sqlite-store-'));
let n = 0;
const fresh = (): SqliteStore => new SqliteStore({ path: join(dir, `store-${++n}.db`) });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite', fresh);
describeStoreContract('sqlite (in-memory database)', () => new SqliteStore({ path: ':memory:' }));

describe('SqliteStore specifics', () => {
  it('rolls back a failed transaction, counters included', () => {
    const store = fresh();
    const kept = makeJob(store);
    store.transaction(() => store.insertJob(kept));
    expect(() =>
      store.transaction(() => {
        store.insertJob(makeJob(store));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.totalCounts().available).toBe(1);
    expect(
      store.listJobs({ sort: 'created_at', order: 'asc', offset: 0, limit: 10 }).items.map((j) => j.id),
    ).toEqual([kept.id]);
    store.close();
  });

  it('creates the database directory when it is missing', () => {
    const store = new SqliteStore({ path: join(dir, 'nested', 'deeper', 'ojs.db') });
    store.transaction(() => store.insertJob(makeJob(store)));
    expect(store.totalCounts().available).toBe(1);
    store.close();
  });

  it('reopens with jobs, counters, sequences and queues intact', () => {
    const path = join(dir, 'reopen.db');
    const a = new SqliteStore({ path });
    const job = makeJob(a, { queue: 'persisted' });
    a.transaction(() => {
      a.insertJob(job);
      a.putQueue({ name: 'persisted', createdAt: 1, paused: true, config: {} });
    });
    const cseq = a.nextCseq();
    a.close();
    const b = new SqliteStore({ path });
    expect(b.getJob(job.id)).toEqual(job);
    expect(b.queueCounts('persisted').available).toBe(1);
    expect(b.getQueue('persisted')?.paused).toBe(true);
    // sequences continue after the highest stored value
    expect(b.nextCseq()).toBeGreaterThan(job.cseq);
    expect(cseq).toBeGreaterThan(job.cseq);
    b.close();
  });
});
