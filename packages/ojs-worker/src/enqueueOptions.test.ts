import { describe, expect, it } from 'vitest';
import { toEnqueueRequest } from './enqueueOptions';
import { ValidationError } from './typedErrors';

const NOW = Date.parse('2026-01-01T00:00:00.000Z');

describe('toEnqueueRequest', () => {
  it('sends just type and args when no option is given', () => {
    expect(toEnqueueRequest('email.send', [{ to: 'a@b.c' }])).toEqual({
      type: 'email.send',
      args: [{ to: 'a@b.c' }],
    });
  });

  it('maps every camelCase option to the OJS wire form', () => {
    const req = toEnqueueRequest(
      'payment.charge',
      [{ amount: 10 }],
      {
        queue: 'payments',
        priority: 10,
        timeoutMs: 30_000,
        delayMs: 5000,
        expiresAt: new Date(NOW + 3_600_000),
        retry: {
          maxAttempts: 5,
          initialIntervalMs: 1000,
          backoffCoefficient: 2,
          maxIntervalMs: 60_000,
          jitter: false,
          nonRetryableErrors: ['payment.declined'],
          onExhaustion: 'dead_letter',
          backoffStrategy: 'exponential',
        },
        unique: { keys: ['type', 'args'], periodMs: 300_000, onConflict: 'reject' },
        tags: ['billing'],
        meta: { tenant_id: 't1' },
        visibilityTimeoutMs: 60_000,
      },
      () => NOW,
    );
    expect(req).toEqual({
      type: 'payment.charge',
      args: [{ amount: 10 }],
      meta: { tenant_id: 't1' },
      options: {
        queue: 'payments',
        priority: 10,
        timeout_ms: 30_000,
        scheduled_at: '2026-01-01T00:00:05.000Z',
        expires_at: '2026-01-01T01:00:00.000Z',
        retry: {
          max_attempts: 5,
          initial_interval: 'PT1S',
          backoff_coefficient: 2,
          max_interval: 'PT1M',
          jitter: false,
          non_retryable_errors: ['payment.declined'],
          on_exhaustion: 'dead_letter',
          backoff_strategy: 'exponential',
        },
        unique: { keys: ['type', 'args'], period: 'PT5M', on_conflict: 'reject' },
        tags: ['billing'],
        visibility_timeout_ms: 60_000,
      },
    });
  });

  it('passes scheduledAt strings (RFC 3339 or relative) as they are', () => {
    expect(toEnqueueRequest('a.b', [], { scheduledAt: '+PT2S' }).options).toEqual({ scheduled_at: '+PT2S' });
  });

  it.each([
    ['a bad type', 'Email.Send', [], {}, /type/],
    ['a bad queue', 'a.b', [], { queue: 'Bad Queue' }, /options\.queue/],
    ['an out-of-range priority', 'a.b', [], { priority: 500 }, /priority/],
    ['a coefficient below 1', 'a.b', [], { retry: { backoffCoefficient: 0.5 } }, /backoffCoefficient/],
    ['an unknown option', 'a.b', [], { qeue: 'x' }, /qeue/],
    [
      'delay and schedule together',
      'a.b',
      [],
      { delayMs: 1, scheduledAt: '+PT1S' },
      /either delayMs or scheduledAt/,
    ],
    ['a bad id', 'a.b', [], { id: 'not-a-uuid' }, /id/],
    ['a naive timestamp', 'a.b', [], { scheduledAt: '2026-01-01T00:00:00' }, /scheduled_at/],
  ])('rejects %s with a ValidationError naming the field', (_name, type, args, options, message) => {
    let thrown: unknown;
    try {
      toEnqueueRequest(type, args, options as never);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).retryable).toBe(false);
    expect((thrown as ValidationError).message).toMatch(message);
  });

  it('rejects args that are not JSON', () => {
    expect(() => toEnqueueRequest('a.b', [() => 1])).toThrow(ValidationError);
  });
});
