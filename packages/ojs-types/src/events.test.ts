import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPES,
  eventsPollResponseSchema,
  jobStateChangedDataSchema,
  matchesEventTypeFilter,
  parseOjsEvent,
  systemGapDataSchema,
  wsClientMessageSchema,
} from './events';

const completed = {
  specversion: '1.0',
  id: 'evt_019539a4-b68c-7def-8000-aabbccddeeff',
  type: 'job.completed',
  source: 'ojs://svc/workers/w1',
  time: '2025-06-01T10:30:02.789Z',
  subject: '019539a4-b68c-7def-8000-1a2b3c4d5e6f',
  data: { job_type: 'email.send', queue: 'email', duration_ms: 1333, attempt: 1, result: { id: 'm' } },
};

describe('events', () => {
  it('catalogue covers job, queue, worker, workflow, cron, dead letter and system events', () => {
    for (const prefix of ['job.', 'queue.', 'worker.', 'workflow.', 'cron.', 'dead_letter.']) {
      expect(EVENT_TYPES.some((t) => t.startsWith(prefix))).toBe(true);
    }
    expect(EVENT_TYPES).toContain('system.gap');
    expect(EVENT_TYPES).toContain('server.shutdown');
  });
  it('parses a catalogue event with typed data', () => {
    const r = parseOjsEvent(completed);
    expect(r.success).toBe(true);
    if (r.success && r.typed?.type === 'job.completed') expect(r.typed.data.duration_ms).toBe(1333);
    else expect.fail('expected a typed job.completed');
  });
  it('rejects data that breaks the schema of its type and passes unknown types through', () => {
    expect(parseOjsEvent({ ...completed, data: { attempt: 'one' } }).success).toBe(false);
    const r = parseOjsEvent({ ...completed, type: 'bulk.retry.completed' });
    expect(r.success && r.typed === null).toBe(true);
    expect(parseOjsEvent({ type: 'job.completed' }).success).toBe(false);
  });
  it('realtime payloads', () => {
    expect(
      jobStateChangedDataSchema.parse({
        job_id: 'j',
        queue: 'q',
        type: 'a.b',
        from: 'available',
        to: 'active',
        timestamp: 't',
      }).to,
    ).toBe('active');
    expect(jobStateChangedDataSchema.safeParse({ job_id: 'j', to: 'exploded' }).success).toBe(false);
    expect(
      systemGapDataSchema.parse({ channel: 'all', estimated_missed_count: 3 }).estimated_missed_count,
    ).toBe(3);
  });
  it('type filters with prefixes', () => {
    expect(matchesEventTypeFilter('job.failed', ['job.*'])).toBe(true);
    expect(matchesEventTypeFilter('queue.paused', ['job.*'])).toBe(false);
    expect(matchesEventTypeFilter('queue.paused', undefined)).toBe(true);
    expect(matchesEventTypeFilter('queue.paused', ['queue.paused'])).toBe(true);
  });
  it('poll response and ws messages', () => {
    expect(
      eventsPollResponseSchema.parse({ events: [completed], cursor: '42', has_more: false }).events,
    ).toHaveLength(1);
    expect(wsClientMessageSchema.parse({ action: 'subscribe', channel: 'queue:email' }).action).toBe(
      'subscribe',
    );
    expect(wsClientMessageSchema.safeParse({ action: 'dance' }).success).toBe(false);
  });
});
