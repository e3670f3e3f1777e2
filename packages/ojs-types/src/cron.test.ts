import { describe, expect, it } from 'vitest';
import {
  cronListResponseSchema,
  cronRegisterRequestSchema,
  normalizeCronRequest,
  validateCronExpression,
} from './cron';

describe('cron', () => {
  it.each([
    '*/5 * * * *',
    '0 9 * * MON-FRI',
    '30 2 1,15 * *',
    '0 0 * JAN sun',
    '*/10 * * * * *',
    '@daily',
    '@hourly',
    '@every 30m',
    '0 0 ? * 1',
  ])('accepts %j', (e) => {
    expect(validateCronExpression(e)).toBeNull();
  });
  it.each([
    'not a valid cron',
    '0 0 0 0 0 0 0',
    '99 25 32 13 8',
    '',
    '@sometimes',
    '*/0 * * * *',
    '1-2-3 * * * *',
  ])('rejects %j', (e) => {
    expect(validateCronExpression(e)).toEqual(expect.any(String));
  });
  it('normalises the openapi/CT shape', () => {
    const n = normalizeCronRequest(
      cronRegisterRequestSchema.parse({
        name: 'c',
        expression: '0 9 * * *',
        timezone: 'Asia/Tokyo',
        overlap_policy: 'cancel',
        job_template: { type: 'report.run', args: [1], options: { queue: 'reports' } },
      }),
    );
    expect(n).toEqual({
      name: 'c',
      expression: '0 9 * * *',
      timezone: 'Asia/Tokyo',
      overlapPolicy: 'cancel_previous',
      enabled: true,
      jobTemplate: { type: 'report.run', args: [1], options: { queue: 'reports' } },
    });
  });
  it('normalises the HB/cron.md shape with defaults', () => {
    const n = normalizeCronRequest(
      cronRegisterRequestSchema.parse({
        name: 'c',
        cron: '@daily',
        type: 'a.b',
        meta: { k: 'v' },
        enabled: false,
        description: 'd',
      }),
    );
    expect(n).toMatchObject({
      expression: '@daily',
      timezone: 'UTC',
      overlapPolicy: 'skip',
      enabled: false,
      description: 'd',
    });
    expect(n.jobTemplate).toEqual({ type: 'a.b', args: [], meta: { k: 'v' } });
  });
  it('rejects missing expression, missing job and bad expressions', () => {
    expect(cronRegisterRequestSchema.safeParse({ name: 'c', type: 'a' }).success).toBe(false);
    expect(cronRegisterRequestSchema.safeParse({ name: 'c', expression: '* * * * *' }).success).toBe(false);
    const bad = cronRegisterRequestSchema.safeParse({
      name: 'c',
      expression: '99 25 32 13 8',
      job_template: { type: 'a' },
    });
    expect(bad.error?.issues[0]?.path).toEqual(['expression']);
  });
  it('list responses in both spellings', () => {
    expect(
      cronListResponseSchema.parse({ crons: [{ name: 'a', expression: '* * * * *' }] }).crons,
    ).toHaveLength(1);
    expect(
      cronListResponseSchema.parse({ cron_jobs: [{ name: 'a', cron: '* * * * *' }] }).crons[0]?.name,
    ).toBe('a');
  });
});
