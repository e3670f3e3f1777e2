import { describe, expect, it } from 'vitest';
import {
  HEARTBEAT_FRAME,
  parseLastEventId,
  sseAnonymousFrame,
  sseComment,
  sseEventFrame,
  sseRetry,
} from './sseFrame';

describe('sseFrame', () => {
  it('frames an event with id, event and one data line', () => {
    expect(sseEventFrame('7', 'job.state_changed', '{"a":1}')).toBe(
      'id: 7\nevent: job.state_changed\ndata: {"a":1}\n\n',
    );
    expect(sseAnonymousFrame('server.shutdown', '{}')).toBe('event: server.shutdown\ndata: {}\n\n');
  });

  it('frames comments and retry advice', () => {
    expect(HEARTBEAT_FRAME).toBe(':heartbeat\n\n');
    expect(sseComment('events-dropped 4\nx')).toBe(':events-dropped 4 x\n\n');
    expect(sseRetry(3000)).toBe('retry: 3000\n\n');
  });

  it('reads Last-Event-ID values', () => {
    expect(parseLastEventId(undefined)).toBeUndefined();
    expect(parseLastEventId('  ')).toBeUndefined();
    expect(parseLastEventId('42')).toBe(42);
    expect(parseLastEventId('evt_0042')).toBe(42);
    expect(parseLastEventId('0')).toBe(0);
    expect(parseLastEventId('evt_01926f5e-7a3c')).toBe('invalid');
    expect(parseLastEventId('-1')).toBe('invalid');
    expect(parseLastEventId('1234567890123456')).toBe('invalid');
  });
});
