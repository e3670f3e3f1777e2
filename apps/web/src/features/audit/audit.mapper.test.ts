import { describe, expect, it } from 'vitest';
import { auditPageSchema, filterText } from './audit.mapper';

describe('auditPageSchema', () => {
  it('maps the wire entry to camelCase and keeps the cursor', () => {
    const page = auditPageSchema.parse({
      entries: [
        {
          id: 7,
          time: '2026-01-01T00:00:00.000Z',
          actor: 'ann',
          role: 'operator',
          auth_mode: 'basic',
          ip: '127.0.0.1',
          cluster: 'local',
          action: 'bulk.retry',
          target: null,
          filter: { queue: 'emails', state: 'discarded' },
          count: 12,
          result: 'ok',
          status: 202,
          error_code: null,
          request_id: 'req-1',
        },
      ],
      next_before: 7,
    });
    expect(page.nextBefore).toBe(7);
    expect(page.entries[0]).toMatchObject({
      actor: 'ann',
      action: 'bulk.retry',
      target: undefined,
      count: 12,
      requestId: 'req-1',
      filter: { queue: 'emails', state: 'discarded' },
    });
  });

  it('treats a null cursor as the end', () => {
    expect(auditPageSchema.parse({ entries: [], next_before: null }).nextBefore).toBeUndefined();
  });
});

describe('filterText', () => {
  it('writes a bulk filter as key=value pairs', () => {
    expect(filterText({ queue: 'emails', state: ['failed'], q: '' })).toBe('queue=emails state=["failed"]');
    expect(filterText(undefined)).toBe('');
  });
});
