import {
  batchEnqueueRequestSchema,
  enqueueRequestSchema,
  jobIdSchema,
  jobSchema,
  jobTypeSchema,
  queueNameSchema,
} from '@lookout/ojs-types';
import { describe, expect, test } from 'vitest';
import { createRng } from './createRng';
import { makeBatchEnqueueRequest, makeEnqueueRequest } from './makeEnqueueRequest';
import { makeJob, type WireJobState } from './makeJob';
import { makeUuidV7 } from './makeUuidV7';
import { makeJobType, uniqueQueueName, uniqueWorkerId } from './names';

describe('createRng', () => {
  test('the same seed gives the same sequence; different seeds differ', () => {
    const a = createRng(42);
    const b = createRng('42');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(createRng(43).next()).not.toBe(seqA[0]);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  test('int, bool, pick, shuffle, string and fork stay in range and reproducible', () => {
    const rng = createRng('helpers');
    const ints = Array.from({ length: 500 }, () => rng.int(-2, 2));
    expect(new Set(ints)).toEqual(new Set([-2, -1, 0, 1, 2]));
    expect(() => rng.int(3, 1)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
    const items = ['a', 'b', 'c', 'd', 'e'];
    const shuffled = rng.shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(rng.string(12)).toMatch(/^[a-z0-9]{12}$/);
    expect(rng.string(4, 'xy')).toMatch(/^[xy]{4}$/);
    expect(typeof rng.bool()).toBe('boolean');
    expect(createRng('s').fork('a').next()).toBe(createRng('s').fork('a').next());
    expect(createRng('s').fork('a').next()).not.toBe(createRng('s').fork('b').next());
  });
});

describe('ids and names', () => {
  test('makeUuidV7 is a valid lowercase UUIDv7 carrying the time, deterministic with an rng', () => {
    const nowMs = Date.UTC(2026, 1, 12, 10, 30);
    const id = makeUuidV7({ rng: createRng(1), nowMs });
    expect(jobIdSchema.safeParse(id).success).toBe(true);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(nowMs);
    expect(makeUuidV7({ rng: createRng(1), nowMs })).toBe(id);
    expect(jobIdSchema.safeParse(makeUuidV7()).success).toBe(true);
    expect(() => makeUuidV7({ nowMs: -1 })).toThrow(RangeError);
  });

  test('job types and queue names are valid OJS names; queue and worker names are unique', () => {
    const rng = createRng(7);
    for (let i = 0; i < 50; i++) expect(jobTypeSchema.safeParse(makeJobType(rng)).success).toBe(true);
    const queues = Array.from({ length: 100 }, () => uniqueQueueName('Orders EU!'));
    expect(new Set(queues).size).toBe(100);
    for (const q of [...queues, uniqueQueueName(), uniqueQueueName('--')])
      expect(queueNameSchema.safeParse(q).success).toBe(true);
    expect(queues[0]).toMatch(/^orders-eu-/);
    expect(uniqueWorkerId()).not.toBe(uniqueWorkerId());
  });
});

describe('makeEnqueueRequest', () => {
  test('is a valid enqueue request; overrides win and options merge', () => {
    const plain = makeEnqueueRequest();
    expect(enqueueRequestSchema.safeParse(plain).success).toBe(true);
    expect(plain.options).toBeUndefined();
    const custom = makeEnqueueRequest({
      type: 'email.send',
      args: ['a@example.com'],
      meta: { trace_id: 't' },
      options: { queue: 'mail', priority: 5 },
      x_custom: 1,
    });
    expect(custom).toEqual({
      type: 'email.send',
      args: ['a@example.com'],
      meta: { trace_id: 't' },
      options: { queue: 'mail', priority: 5 },
      x_custom: 1,
    });
    expect(enqueueRequestSchema.safeParse(custom).success).toBe(true);
    expect(makeEnqueueRequest({ options: null }).options).toBeUndefined();
  });

  test('args carry a sequence number so requests differ', () => {
    expect(makeEnqueueRequest().args).not.toEqual(makeEnqueueRequest().args);
  });

  test('batches', () => {
    const batch = makeBatchEnqueueRequest(3, (i) => ({ options: { queue: `q${i}` } }));
    expect(batch.jobs.map((j) => j.options?.queue)).toEqual(['q0', 'q1', 'q2']);
    expect(batchEnqueueRequestSchema.safeParse(batch).success).toBe(true);
    expect(() => makeBatchEnqueueRequest(-1)).toThrow(RangeError);
  });
});

describe('makeJob', () => {
  const states: WireJobState[] = [
    'scheduled',
    'available',
    'pending',
    'active',
    'retryable',
    'completed',
    'cancelled',
    'discarded',
  ];

  test.each(states)('a %s job parses as a job and its fields agree with the state', (state) => {
    const job = makeJob({ state }, { rng: createRng(state), nowMs: Date.UTC(2026, 0, 1) });
    expect(jobSchema.safeParse(job).success).toBe(true);
    expect(job.state).toBe(state);
    const fetched = ['active', 'retryable', 'completed', 'discarded'].includes(state);
    expect(job.attempt).toBe(fetched ? 1 : 0);
    expect(job.started_at !== undefined).toBe(fetched);
    expect(job.result !== undefined).toBe(state === 'completed');
    expect(job.error !== undefined).toBe(state === 'retryable' || state === 'discarded');
  });

  test('is deterministic with an rng and a clock; overrides win', () => {
    const a = makeJob({ queue: 'billing' }, { rng: createRng(1), nowMs: 1_700_000_000_000 });
    expect(makeJob({ queue: 'billing' }, { rng: createRng(1), nowMs: 1_700_000_000_000 })).toEqual(a);
    expect(a.queue).toBe('billing');
    expect(a.created_at).toBe('2023-11-14T22:12:20.000Z');
  });
});
