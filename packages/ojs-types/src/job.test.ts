import { describe, expect, it } from 'vitest';
import {
  batchEnqueueRequestSchema,
  DEFAULT_VISIBILITY_TIMEOUT_MS,
  enqueueRequestSchema,
  jobResponseSchema,
  jobSchema,
  normalizeEnqueueRequest,
} from './job';

const NOW = Date.parse('2026-02-12T10:30:00.000Z');
const norm = (body: unknown) => normalizeEnqueueRequest(enqueueRequestSchema.parse(body), NOW);

describe('enqueue request normalisation', () => {
  it('applies defaults to a minimal request', () => {
    const n = norm({ type: 'email.send', args: ['a'] });
    expect(n).toMatchObject({
      type: 'email.send',
      args: ['a'],
      queue: 'default',
      priority: 0,
      tags: [],
      pending: false,
      meta: {},
      extra: {},
    });
    expect(n.timeoutMs).toBeUndefined();
    expect(n.visibilityTimeoutMs).toBeUndefined();
    expect(n.retry.maxAttempts).toBe(3);
    expect(n.unique).toBeUndefined();
    expect(DEFAULT_VISIBILITY_TIMEOUT_MS).toBe(1_800_000);
  });
  it('reads the HTTP options wrapper', () => {
    const n = norm({
      type: 'report.generate',
      args: [],
      meta: { trace_id: 't' },
      options: {
        queue: 'reports',
        priority: 10,
        timeout_ms: 300000,
        delay_until: '2026-02-12T10:31:00Z',
        expires_at: '+PT1H',
        retry_policy: { max_attempts: 5 },
        unique: { keys: ['args'], period: 'PT1H', on_conflict: 'use_existing' },
        tags: ['a'],
        visibility_timeout: 'PT30S',
        metadata: { test_directive: 'quiet', trace_id: 'ignored' },
        pending: true,
        rate_limit: { max_per_second: 2 },
      },
    });
    expect(n).toMatchObject({
      queue: 'reports',
      priority: 10,
      timeoutMs: 300000,
      scheduledAtMs: NOW + 60000,
      expiresAtMs: NOW + 3600000,
      tags: ['a'],
      visibilityTimeoutMs: 30000,
      meta: { trace_id: 't', test_directive: 'quiet' },
      pending: true,
      rateLimit: { maxPerSecond: 2 },
    });
    expect(n.retry.maxAttempts).toBe(5);
    expect(n.unique).toMatchObject({ keys: ['type', 'args'], periodMs: 3600000, onConflict: 'ignore' });
  });
  it('accepts core/JF top-level spellings; options win', () => {
    const n = norm({
      type: 'a.b',
      args: [],
      queue: 'top',
      priority: -10,
      timeout: 60,
      scheduled_at: '+PT2S',
      visibility_timeout: 45,
      retry: { max_attempts: 7 },
      options: { priority: 5 },
    });
    expect(n).toMatchObject({
      queue: 'top',
      priority: 5,
      timeoutMs: 60000,
      scheduledAtMs: NOW + 2000,
      visibilityTimeoutMs: 45000,
    });
    expect(n.retry.maxAttempts).toBe(7);
  });
  it('options.scheduled_at relative "+PT2S" (CT L2-DEL-002)', () => {
    expect(norm({ type: 'a', args: [], options: { scheduled_at: '+PT2S' } }).scheduledAtMs).toBe(NOW + 2000);
  });
  it('keeps unknown top-level fields and drops system-managed ones', () => {
    const n = norm({
      type: 'email.send',
      args: [],
      x_custom_field: 'v',
      x_nested: { a: 1 },
      state: 'completed',
      attempt: 9,
      result: 'fake',
    });
    expect(n.extra).toEqual({ x_custom_field: 'v', x_nested: { a: 1 } });
  });
  it('rejects bad input with the field path', () => {
    const cases: [unknown, (string | number)[]][] = [
      [
        { type: 'a', args: [], options: { retry: { backoff_coefficient: 0.5 } } },
        ['options', 'retry', 'backoff_coefficient'],
      ],
      [
        { type: 'a', args: [], options: { scheduled_at: '2026-01-01T00:00:00' } },
        ['options', 'scheduled_at'],
      ],
      [
        { type: 'a', args: [], options: { unique: { on_conflict: 'merge' } } },
        ['options', 'unique', 'on_conflict'],
      ],
      [{ type: 'a', args: [], meta: [] }, ['meta']],
      [{ type: 'a', args: [], options: { timeout_ms: -1 } }, ['options', 'timeout_ms']],
    ];
    for (const [body, path] of cases) {
      const r = enqueueRequestSchema.safeParse(body);
      expect(r.success, JSON.stringify(body)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(path);
    }
  });
  it('batch needs at least one job', () => {
    expect(batchEnqueueRequestSchema.safeParse({ jobs: [] }).success).toBe(false);
    expect(batchEnqueueRequestSchema.safeParse({ jobs: [{ type: 'a', args: [] }] }).success).toBe(true);
  });
});

describe('job output schema', () => {
  it('parses a server job and keeps unknown fields', () => {
    const job = {
      specversion: '1.0',
      id: '019461a8-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
      type: 'email.send',
      state: 'available',
      queue: 'default',
      args: ['a'],
      meta: {},
      priority: 0,
      attempt: 0,
      max_attempts: 3,
      created_at: '2026-02-12T10:30:00.000Z',
      enqueued_at: '2026-02-12T10:30:00.000Z',
      x_custom_field: 'v',
    };
    const r = jobResponseSchema.parse({ job });
    expect(r.job['x_custom_field']).toBe('v');
    expect(jobSchema.safeParse({ ...job, state: 'weird' }).success).toBe(false);
  });
});
