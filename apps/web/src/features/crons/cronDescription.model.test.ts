import { describe, expect, it } from 'vitest';
import { describeSchedule } from './cronDescription.model';

describe('describeSchedule', () => {
  it('puts a cron expression in words', () => {
    expect(describeSchedule('*/5 * * * *', undefined)).toBe('Every 5 minutes');
    expect(describeSchedule('0 2 * * 1', undefined)).toBe('At 02:00, only on Monday');
  });
  it('prefers the server wording and survives garbage', () => {
    expect(describeSchedule('0 2 * * 1', 'Mondays at two')).toBe('Mondays at two');
    expect(describeSchedule('not a cron', undefined)).toBe('Unrecognised schedule');
  });
});
