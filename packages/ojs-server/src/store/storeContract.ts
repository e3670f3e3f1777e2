import { resolveRetryPolicy, type JobState } from '@lookout/ojs-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OjsStore } from './OjsStore';
import type { JobRecord } from './records';

const T0 = Date.UTC(2026, 0, 1);

/** A valid job record for store tests; `cseq`/`aseq` come from the store. */
export function makeJob(store: OjsStore, partial: Partial<JobRecord> = {}): JobRecord {
  const cseq = store.nextCseq();
  const state = partial.state ?? 'available';
  return {
    id: `0190${String(cseq).padStart(4, '0')}-0000-7000-8000-${String(cseq).padStart(12, '0')}`,
    cseq,
    aseq: state === 'available' ? store.nextAseq() : 0,
    type: 'email.send',
    queue: 'default',
    args: [cseq],
    meta: {},
    priority: 0,
    state,
    attempt: 0,
    retry: resolveRetryPolicy(),
    tags: [],
    extra: {},
    createdAt: T0 + cseq * 1000,
    errors: [],
    hasResult: false,
    ...partial,
  };
}

/**
 * The behaviour every {@link OjsStore} must have. Run by each store's test file, so the memory and SQLite
 * stores are held to the same contract.
 */
export function describeStoreContract(
  name: string,
  open: () => OjsStore,
  dispose?: (store: OjsStore) => void,
): void {
  describe(`store contract: ${name}`, () => {
    let store: OjsStore;
    beforeEach(() => {
      store = open();
    });
    afterEach(() => {
      if (dispose) dispose(store);
      else store.close();
    });

    const put = (partial: Partial<JobRecord> = {}): JobRecord => {
      const job = makeJob(store, partial);
      store.transaction(() => store.insertJob(job));
      return job;
    };
    const move = (job: JobRecord, changes: Partial<JobRecord>): JobRecord => {
      const current = store.getJob(job.id) as JobRecord;
      const next = { ...current, ...changes };
      store.transaction(() => store.updateJob(next, current));
      return next;
    };

    it('inserts, reads, updates and deletes jobs', () => {
      const job = put({ meta: { trace_id: 't1' }, args: ['a', { b: 1 }] });
      expect(store.getJob(job.id)).toEqual(job);
      const next = move(job, { state: 'active', attempt: 1, startedAt: T0 });
      expect(store.getJob(job.id)).toEqual(next);
      store.transaction(() => store.deleteJob(next));
      expect(store.getJob(job.id)).toBeUndefined();
      expect(store.getJob('missing')).toBeUndefined();
    });

    it('hands out increasing sequences', () => {
      const a = store.nextCseq();
      const b = store.nextCseq();
      expect(b).toBeGreaterThan(a);
      const x = store.nextAseq();
      expect(store.nextAseq()).toBeGreaterThan(x);
    });

    it('keeps per-queue and total counts as jobs move', () => {
      const a = put({ queue: 'q1' });
      put({ queue: 'q1' });
      put({ queue: 'q2', state: 'scheduled', promoteAt: T0 + 5000 });
      expect(store.queueCounts('q1').available).toBe(2);
      expect(store.queueCounts('q2').scheduled).toBe(1);
      move(a, { state: 'active' });
      expect(store.queueCounts('q1')).toMatchObject({ available: 1, active: 1 });
      expect(store.totalCounts()).toMatchObject({ available: 1, active: 1, scheduled: 1, completed: 0 });
      move(a, { state: 'discarded', discardedAt: T0, deadLetterAt: T0 });
      expect(store.deadLetterCount()).toBe(1);
      expect(store.deadLetterCount('q1')).toBe(1);
      expect(store.deadLetterCount('q2')).toBe(0);
      store.transaction(() => store.deleteJob(store.getJob(a.id) as JobRecord));
      expect(store.deadLetterCount()).toBe(0);
      expect(store.queueCounts('q1')).toMatchObject({ available: 1, active: 0, discarded: 0 });
      expect(store.queueCounts('nope').available).toBe(0);
    });

    it('yields available jobs by priority, then FIFO by availability sequence', () => {
      const low = put({ priority: -10 });
      const first = put({ priority: 0 });
      const high = put({ priority: 10 });
      const second = put({ priority: 0 });
      put({ priority: 50, state: 'scheduled' });
      put({ priority: 50, queue: 'other' });
      expect([...store.availableJobs('default')].map((j) => j.id)).toEqual([
        high.id,
        first.id,
        second.id,
        low.id,
      ]);
      // becoming available again puts a job at the back of its priority
      move(first, { state: 'active' });
      move(first, { state: 'available', aseq: store.nextAseq() });
      expect([...store.availableJobs('default')].map((j) => j.id)).toEqual([
        high.id,
        second.id,
        first.id,
        low.id,
      ]);
      expect([...store.availableJobs('empty')]).toEqual([]);
    });

    it('lets the caller claim jobs while iterating available jobs', () => {
      for (let i = 0; i < 150; i++) put({ priority: i % 3 });
      const seen: string[] = [];
      for (const job of store.availableJobs('default')) {
        seen.push(job.id);
        move(job, { state: 'active' });
      }
      expect(seen).toHaveLength(150);
      expect(new Set(seen).size).toBe(150);
      expect(store.queueCounts('default').active).toBe(150);
    });

    it('returns due promotions and deadlines in time order, with the next due time', () => {
      const late = put({ state: 'scheduled', promoteAt: T0 + 3000 });
      const early = put({ state: 'retryable', promoteAt: T0 + 1000 });
      const lease = put({ state: 'active', leaseUntil: T0 + 2000, deadlineAt: T0 + 2000 });
      expect(store.nextDueAt()).toBe(T0 + 1000);
      expect(store.duePromotions(T0 + 500, 10)).toEqual([]);
      expect(store.duePromotions(T0 + 5000, 10).map((j) => j.id)).toEqual([early.id, late.id]);
      expect(store.duePromotions(T0 + 5000, 1).map((j) => j.id)).toEqual([early.id]);
      expect(store.dueDeadlines(T0 + 2000, 10).map((j) => j.id)).toEqual([lease.id]);
      const promoted = { ...early, state: 'available' as JobState, aseq: store.nextAseq() };
      delete promoted.promoteAt;
      store.transaction(() => store.updateJob(promoted, store.getJob(early.id) as JobRecord));
      expect(store.nextDueAt()).toBe(T0 + 2000);
      expect(store.duePromotions(T0 + 5000, 10).map((j) => j.id)).toEqual([late.id]);
      const done = {
        ...(store.getJob(lease.id) as JobRecord),
        state: 'completed' as JobState,
        completedAt: T0,
      };
      delete done.deadlineAt;
      store.transaction(() => store.updateJob(done, store.getJob(lease.id) as JobRecord));
      expect(store.dueDeadlines(T0 + 9000, 10)).toEqual([]);
      expect(store.nextDueAt()).toBe(T0 + 3000);
    });

    it('finds jobs by uniqueness key and lists active and finished jobs', () => {
      const a = put({ uniqueKey: 'k1' });
      put({ uniqueKey: 'k2' });
      const c = put({ uniqueKey: 'k1', state: 'completed', completedAt: T0 + 10 });
      expect(
        store
          .findByUniqueKey('k1')
          .map((j) => j.id)
          .sort(),
      ).toEqual([a.id, c.id].sort());
      expect(store.findByUniqueKey('none')).toEqual([]);
      const active = move(a, { state: 'active' });
      expect([...store.activeJobs()].map((j) => j.id)).toEqual([active.id]);
      const d = put({ state: 'completed', completedAt: T0 + 20 });
      put({ state: 'completed', completedAt: T0 + 999_999 });
      expect(store.finishedBefore('completed', T0 + 100, 10).map((j) => j.id)).toEqual([c.id, d.id]);
      expect(store.finishedBefore('completed', T0 + 100, 1).map((j) => j.id)).toEqual([c.id]);
      expect(store.finishedBefore('cancelled', T0 + 100, 10)).toEqual([]);
    });

    describe('listing', () => {
      let jobs: JobRecord[];
      beforeEach(() => {
        jobs = [];
        const states: JobState[] = ['available', 'completed', 'discarded', 'available', 'scheduled'];
        for (let i = 0; i < 25; i++) {
          jobs.push(
            put({
              queue: i % 2 === 0 ? 'even' : 'odd',
              type: i % 3 === 0 ? 'report.daily' : 'email.send',
              state: states[i % states.length] as JobState,
              priority: (i * 7) % 11,
              ...(i % 5 === 2 ? { deadLetterAt: T0 } : {}),
            }),
          );
        }
      });
      const ids = (list: JobRecord[]): string[] => list.map((j) => j.id);

      it('pages newest first by default order desc, with totals', () => {
        const p1 = store.listJobs({ sort: 'created_at', order: 'desc', offset: 0, limit: 10 });
        expect(p1.total).toBe(25);
        expect(ids(p1.items)).toEqual(ids(jobs.slice(15).reverse()));
        const p3 = store.listJobs({ sort: 'created_at', order: 'desc', offset: 20, limit: 10 });
        expect(ids(p3.items)).toEqual(ids(jobs.slice(0, 5).reverse()));
        expect(p3.nextCursor).toBeUndefined();
      });

      it('filters by state, queue, type, type prefix, states and dead letter', () => {
        const expectSame = (
          q: Parameters<OjsStore['listJobs']>[0],
          pred: (j: JobRecord) => boolean,
        ): void => {
          const page = store.listJobs(q);
          const want = jobs.filter(pred);
          expect(page.total).toBe(want.length);
          expect(ids(page.items)).toEqual(ids(want).slice(0, q.limit));
          expect(store.countJobs(q)).toBe(want.length);
        };
        const base = { sort: 'created_at' as const, order: 'asc' as const, offset: 0, limit: 50 };
        expectSame({ ...base, state: 'available' }, (j) => j.state === 'available');
        expectSame({ ...base, queue: 'even' }, (j) => j.queue === 'even');
        expectSame(
          { ...base, queue: 'odd', state: 'completed' },
          (j) => j.queue === 'odd' && j.state === 'completed',
        );
        expectSame({ ...base, type: 'report.daily' }, (j) => j.type === 'report.daily');
        expectSame(
          { ...base, type: 'email.send', state: 'available' },
          (j) => j.type === 'email.send' && j.state === 'available',
        );
        expectSame(
          { ...base, type: 'email.send', queue: 'even' },
          (j) => j.type === 'email.send' && j.queue === 'even',
        );
        expectSame(
          { ...base, type: 'email.send', queue: 'even', state: 'scheduled' },
          (j) => j.type === 'email.send' && j.queue === 'even' && j.state === 'scheduled',
        );
        expectSame({ ...base, typePrefix: 'report.' }, (j) => j.type.startsWith('report.'));
        expectSame(
          { ...base, states: ['completed', 'scheduled'] },
          (j) => j.state === 'completed' || j.state === 'scheduled',
        );
        expectSame({ ...base, deadLetter: true }, (j) => j.deadLetterAt !== undefined);
        expectSame(
          { ...base, deadLetter: true, queue: 'even' },
          (j) => j.deadLetterAt !== undefined && j.queue === 'even',
        );
        expectSame({ ...base, queue: 'none' }, () => false);
      });

      it('bounds by created_at with since/until', () => {
        const since = (jobs[5] as JobRecord).createdAt;
        const until = (jobs[12] as JobRecord).createdAt;
        const page = store.listJobs({ sort: 'created_at', order: 'asc', offset: 0, limit: 50, since, until });
        expect(ids(page.items)).toEqual(ids(jobs.slice(5, 12)));
        expect(page.total).toBe(7);
        const evenPage = store.listJobs({
          sort: 'created_at',
          order: 'desc',
          offset: 0,
          limit: 50,
          since,
          queue: 'even',
        });
        expect(ids(evenPage.items)).toEqual(
          ids(
            jobs
              .slice(5)
              .filter((j) => j.queue === 'even')
              .reverse(),
          ),
        );
      });

      it('walks every page with the keyset cursor, in both orders and every sort', () => {
        for (const sort of ['created_at', 'priority', 'scheduled_at'] as const) {
          for (const order of ['asc', 'desc'] as const) {
            const seen: string[] = [];
            let cursor: string | undefined;
            for (let guard = 0; guard < 20; guard++) {
              const page = store.listJobs({
                sort,
                order,
                offset: 0,
                limit: 4,
                ...(cursor ? { cursor } : {}),
              });
              seen.push(...ids(page.items));
              if (!page.nextCursor) break;
              cursor = page.nextCursor;
            }
            expect(seen).toHaveLength(25);
            expect(new Set(seen).size).toBe(25);
            const offsetAll = store.listJobs({ sort, order, offset: 0, limit: 100 });
            expect(seen).toEqual(ids(offsetAll.items));
          }
        }
      });

      it('sorts by priority with creation order breaking ties', () => {
        const page = store.listJobs({ sort: 'priority', order: 'desc', offset: 0, limit: 100 });
        const want = [...jobs].sort((a, b) => b.priority - a.priority || b.cseq - a.cseq);
        expect(ids(page.items)).toEqual(ids(want));
      });
    });

    it('stores queues, crons, workflows and meta', () => {
      store.transaction(() => {
        store.putQueue({ name: 'b', createdAt: T0, paused: false, config: {} });
        store.putQueue({ name: 'a', createdAt: T0, paused: true, pausedAt: T0, config: { concurrency: 2 } });
      });
      expect(store.listQueues().map((q) => q.name)).toEqual(['a', 'b']);
      expect(store.getQueue('a')?.config.concurrency).toBe(2);
      store.putCron({
        name: 'nightly',
        expression: '0 0 * * *',
        timezone: 'UTC',
        overlapPolicy: 'skip',
        enabled: true,
        template: { type: 'report.daily', args: [] },
        createdAt: T0,
        updatedAt: T0,
        runCount: 0,
      });
      expect(store.getCron('nightly')?.expression).toBe('0 0 * * *');
      expect(store.listCrons()).toHaveLength(1);
      expect(store.deleteCron('nightly')).toBe(true);
      expect(store.deleteCron('nightly')).toBe(false);
      const wf = {
        id: 'wf-1',
        type: 'chain' as const,
        state: 'running' as const,
        createdAt: T0,
        steps: [],
        callbacks: {},
        callbackJobIds: {},
        results: {},
      };
      store.putWorkflow(wf);
      store.putWorkflow({ ...wf, id: 'wf-2' });
      store.putWorkflow({ ...wf, state: 'completed' });
      expect(store.getWorkflow('wf-1')?.state).toBe('completed');
      const list = store.listWorkflows(0, 10);
      expect(list.total).toBe(2);
      expect(list.items.map((w) => w.id)).toEqual(['wf-2', 'wf-1']);
      store.setMeta('k', 'v');
      expect(store.getMeta('k')).toBe('v');
      store.setMeta('k', undefined);
      expect(store.getMeta('k')).toBeUndefined();
    });

    it('clears everything', () => {
      const job = put();
      store.putQueue({ name: 'default', createdAt: T0, paused: false, config: {} });
      store.transaction(() => store.clear());
      expect(store.getJob(job.id)).toBeUndefined();
      expect(store.totalCounts().available).toBe(0);
      expect(store.listQueues()).toEqual([]);
      expect([...store.availableJobs('default')]).toEqual([]);
      expect(store.nextDueAt()).toBeUndefined();
    });
  });
}
