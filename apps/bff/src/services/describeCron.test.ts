import { describe, expect, it } from 'vitest';
import { describeCron } from './describeCron';

const now = Date.UTC(2026, 0, 1, 10, 2, 0);

describe('describeCron', () => {
  it('describes and schedules a 5-field expression in UTC', () => {
    const d = describeCron('*/5 * * * *', undefined, now, 3);
    expect(d.description).toBe('Every 5 minutes (UTC)');
    expect(d.nextRuns).toEqual([
      '2026-01-01T10:05:00.000Z',
      '2026-01-01T10:10:00.000Z',
      '2026-01-01T10:15:00.000Z',
    ]);
  });

  it('honours the time zone', () => {
    const d = describeCron('0 9 * * *', 'Europe/Paris', now, 1);
    expect(d.description).toBe('At 09:00 (Europe/Paris)');
    expect(d.nextRuns).toEqual(['2026-01-02T08:00:00.000Z']);
  });

  it('supports nicknames and @every', () => {
    expect(describeCron('@hourly', 'UTC', now, 1).nextRuns).toEqual(['2026-01-01T11:00:00.000Z']);
    const every = describeCron('@every 30m', undefined, now, 2);
    expect(every.description).toBe('Every 30 minutes');
    expect(every.nextRuns).toEqual(['2026-01-01T10:32:00.000Z', '2026-01-01T11:02:00.000Z']);
  });

  it('reports an expression it cannot read instead of throwing', () => {
    const d = describeCron('not a cron', undefined, now);
    expect(d.nextRuns).toEqual([]);
    expect(d.error).toBeDefined();
    expect(describeCron('0 9 * * *', 'Mars/Olympus', now).error).toBeDefined();
  });
});
