import { describe, expect, it } from 'vitest';
import {
  adminJobsPageSchema,
  adminJobsQuerySchema,
  adminQueueDetailSchema,
  adminWorkersResponseSchema,
  bulkActionRequestSchema,
  matchesTypeFilter,
  purgeRequestSchema,
  statsHistorySchema,
} from './admin';
import { deadLetterListResponseSchema } from './deadLetter';
import { queuePauseResponseSchema, queueStatsResponseSchema } from './queues';

describe('admin API', () => {
  it('queue detail with configuration', () => {
    const q = adminQueueDetailSchema.parse({
      name: 'email',
      state: 'active',
      counts: { available: 42, active: 8 },
      configuration: {
        concurrency: 20,
        rate_limit: { limit: 1000, period: 'PT1H' },
        retention: { completed: 'P7D' },
      },
      paused: false,
    });
    expect(q.configuration?.rate_limit?.period).toBe('PT1H');
  });
  it('jobs page and query', () => {
    const page = adminJobsPageSchema.parse({
      items: [{ id: 'j', type: 'a', queue: 'q', state: 'completed', priority: 0, attempt: 1 }],
      pagination: { total: 1, page: 1, per_page: 20 },
    });
    expect(page.pagination?.per_page).toBe(20);
    const q = adminJobsQuerySchema.parse({
      state: 'discarded,retryable',
      page: '2',
      per_page: '50',
      type: 'email.*',
    });
    expect(q).toMatchObject({ state: ['discarded', 'retryable'], page: 2, per_page: 50 });
    expect(adminJobsQuerySchema.safeParse({ per_page: '500' }).success).toBe(false);
    expect(adminJobsQuerySchema.safeParse({ state: 'nope' }).success).toBe(false);
    expect(matchesTypeFilter('email.send', 'email.*')).toBe(true);
    expect(matchesTypeFilter('email.send', 'email')).toBe(false);
  });
  it('destructive requests need confirm:true', () => {
    expect(bulkActionRequestSchema.safeParse({ filter: { state: 'discarded' } }).success).toBe(false);
    expect(bulkActionRequestSchema.safeParse({ filter: {}, confirm: false }).success).toBe(false);
    expect(bulkActionRequestSchema.parse({ confirm: true }).filter).toEqual({});
    expect(purgeRequestSchema.safeParse({ states: ['completed'], confirm: true }).success).toBe(true);
    expect(purgeRequestSchema.safeParse({ states: [], confirm: true }).success).toBe(false);
  });
  it('workers and history', () => {
    const w = adminWorkersResponseSchema.parse({
      items: [{ id: 'w1', state: 'running', queues: ['default'], active_jobs: 7, last_heartbeat_at: 't' }],
      summary: { total: 1, running: 1 },
    });
    expect(w.items[0]?.active_jobs).toBe(7);
    expect(
      statsHistorySchema.parse({ period: '5m', data: [{ timestamp: 't', processed: 3 }] }).data,
    ).toHaveLength(1);
  });
  it('queue stats and pause in every server shape', () => {
    expect(
      queueStatsResponseSchema.parse({
        queue: { name: 'q', available: 1, active: 0, completed: 2, paused: false },
      }).queue.name,
    ).toBe('q');
    const hb = queueStatsResponseSchema.parse({
      queue: 'q',
      status: 'paused',
      stats: { available: 5 },
      computed_at: 't',
    });
    expect(hb.queue).toMatchObject({ name: 'q', paused: true, available: 5 });
    expect(queuePauseResponseSchema.parse({ queue: { name: 'q', paused: true } }).queue.paused).toBe(true);
    expect(
      queuePauseResponseSchema.parse({ queue: 'q', status: 'paused', paused_at: 't' }).queue,
    ).toMatchObject({ paused: true });
    expect(queuePauseResponseSchema.parse({ name: 'q', paused: false }).queue.paused).toBe(false);
  });
  it('dead letter lists as jobs or items', () => {
    const job = { id: 'j', type: 'a', state: 'discarded', queue: 'q', args: [], attempt: 3 };
    expect(deadLetterListResponseSchema.parse({ jobs: [job] }).jobs).toHaveLength(1);
    expect(deadLetterListResponseSchema.parse({ items: [job], pagination: { total: 1 } }).jobs).toHaveLength(
      1,
    );
  });
});
