import { describe, expect, it } from 'vitest';
import {
  computeBackoffMs,
  decideFailureOutcome,
  DEFAULT_RETRY_POLICY,
  matchesNonRetryable,
  resolveRetryPolicy,
  retryPolicyInputSchema,
  type RetryPolicy,
} from './retry';

function policy(input: unknown): RetryPolicy {
  return resolveRetryPolicy(retryPolicyInputSchema.parse(input));
}
const delays = (p: RetryPolicy, count: number, random?: () => number): number[] =>
  Array.from({ length: count }, (_, i) => computeBackoffMs(p, i + 1, random));

describe('retry.md worked examples (jitter off)', () => {
  it('§3.1 constant: PT5S every time', () => {
    expect(delays(policy({ initial_interval: 'PT5S', backoff_strategy: 'none', jitter: false }), 4)).toEqual([
      5000, 5000, 5000, 5000,
    ]);
  });
  it('§3.2 linear: 5s, 10s, 15s, 20s', () => {
    expect(delays(policy({ initial_interval: 'PT5S', backoff_type: 'linear', jitter: false }), 4)).toEqual([
      5000, 10000, 15000, 20000,
    ]);
  });
  it('§3.3 exponential I=1s C=2 capped at PT5M', () => {
    expect(delays(policy({ jitter: false }), 10)).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000,
    ]);
  });
  it('§3.4 polynomial I=1s C=4: 1, 16, 81, 256, 300 (cap)', () => {
    const p = policy({ backoff_strategy: 'polynomial', backoff_coefficient: 4, jitter: false });
    expect(delays(p, 5)).toEqual([1000, 16000, 81000, 256000, 300000]);
  });
  it('§12.3 polynomial I=15s C=4 max PT1H', () => {
    const p = policy({
      initial_interval: 'PT15S',
      backoff_coefficient: 4,
      max_interval: 'PT1H',
      backoff_strategy: 'polynomial',
      jitter: false,
    });
    expect(delays(p, 5)).toEqual([15000, 240000, 1215000, 3600000, 3600000]);
  });
  it('§12.5 coefficient 1.0 with max = initial is constant', () => {
    const p = policy({
      initial_interval: 'PT10S',
      backoff_coefficient: 1.0,
      max_interval: 'PT10S',
      jitter: false,
    });
    expect(delays(p, 3)).toEqual([10000, 10000, 10000]);
  });
  it('huge retry numbers stay at the cap', () => {
    expect(computeBackoffMs(policy({ jitter: false }), 5000)).toBe(300000);
  });
});

describe('jitter (retry.md §5)', () => {
  const p = policy({ initial_interval: 'PT10S', backoff_coefficient: 2, jitter: true });
  it('multiplies by U[0.5, 1.5)', () => {
    expect(computeBackoffMs(p, 1, () => 0)).toBe(5000);
    expect(computeBackoffMs(p, 1, () => 0.5)).toBe(10000);
    expect(computeBackoffMs(p, 1, () => 0.999)).toBe(14990);
    expect(computeBackoffMs(p, 4, () => 0)).toBe(40000);
  });
  it('§5.3 retry 6: capped to 300s before jitter, jitter range [150s, 300s] after the second cap', () => {
    expect(computeBackoffMs(p, 6, () => 0)).toBe(150000);
    expect(computeBackoffMs(p, 6, () => 0.999)).toBe(300000);
    expect(computeBackoffMs(p, 6, () => 0.6)).toBe(300000);
  });
});

describe('conformance expectations (digest §5.1)', () => {
  const base = { max_interval: 'PT5M', jitter: false, non_retryable_errors: [] };
  it('exponential C=2 I=1s: 1s, 2s', () => {
    expect(delays(policy({ ...base, initial_interval: 'PT1S', backoff_coefficient: 2.0 }), 2)).toEqual([
      1000, 2000,
    ]);
  });
  it('constant C=1: 1s, 1s, 1s', () => {
    expect(delays(policy({ ...base, initial_interval: 'PT1S', backoff_coefficient: 1.0 }), 3)).toEqual([
      1000, 1000, 1000,
    ]);
  });
  it('linear backoff_strategy: 1s, 2s, 3s', () => {
    const p = policy({
      ...base,
      initial_interval: 'PT1S',
      backoff_coefficient: 1.0,
      backoff_strategy: 'linear',
    });
    expect(delays(p, 3)).toEqual([1000, 2000, 3000]);
  });
  it('cap C=10 M=PT2S: 1s, 2s, 2s', () => {
    const p = policy({ ...base, initial_interval: 'PT1S', backoff_coefficient: 10, max_interval: 'PT2S' });
    expect(delays(p, 3)).toEqual([1000, 2000, 2000]);
  });
  it('jitter I=PT2S C=1: within [1000, 3000]', () => {
    const p = policy({
      initial_interval: 'PT2S',
      backoff_coefficient: 1.0,
      max_interval: 'PT5M',
      jitter: true,
    });
    for (const r of [0, 0.25, 0.5, 0.75, 0.9999]) {
      const d = computeBackoffMs(p, 1, () => r);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(3000);
    }
  });
});

describe('retry policy input', () => {
  it('defaults (retry.md §8) and the wire form', () => {
    const p = resolveRetryPolicy();
    expect(p).toMatchObject({
      maxAttempts: 3,
      initialIntervalMs: 1000,
      backoffCoefficient: 2,
      maxIntervalMs: 300000,
      jitter: true,
      onExhaustion: 'discard',
      backoffStrategy: 'exponential',
    });
    expect(p.wire).toEqual(DEFAULT_RETRY_POLICY.wire);
  });
  it('merges partial policies (RET-10) and echoes ms inputs as ISO', () => {
    const p = policy({
      max_attempts: 1,
      initial_interval_ms: 500,
      max_interval_ms: 60000,
      on_exhaustion: 'dead_letter',
    });
    expect(p.maxAttempts).toBe(1);
    expect(p.initialIntervalMs).toBe(500);
    expect(p.wire).toMatchObject({
      initial_interval: 'PT0.5S',
      max_interval: 'PT1M',
      on_exhaustion: 'dead_letter',
    });
  });
  it('echoes both strategy spellings', () => {
    expect(policy({ backoff_type: 'linear' }).wire).toMatchObject({
      backoff_type: 'linear',
      backoff_strategy: 'linear',
    });
  });
  it('rejects bad policies naming the field (L1-RTR-011/012, retry.md §11.1)', () => {
    const cases: [unknown, string][] = [
      [{ backoff_coefficient: 0.5 }, 'backoff_coefficient'],
      [{ max_attempts: -1 }, 'max_attempts'],
      [{ max_attempts: 1.5 }, 'max_attempts'],
      [{ initial_interval: '1s' }, 'initial_interval'],
      [{ initial_interval: 'PT0S' }, 'initial_interval'],
      [{ initial_interval: 'PT10S', max_interval: 'PT5S' }, 'max_interval'],
      [{ on_exhaustion: 'explode' }, 'on_exhaustion'],
      [{ jitter: 'yes' }, 'jitter'],
    ];
    for (const [input, field] of cases) {
      const r = retryPolicyInputSchema.safeParse(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual([field]);
    }
  });
});

describe('non-retryable matching (retry.md §6.2)', () => {
  const p = policy({
    non_retryable_errors: ['validation.payload_invalid', 'auth.*', 'FatalError', 'Auth.*'],
  });
  it.each([
    ['validation.payload_invalid', true],
    ['validation.schema_error', false],
    ['auth.token_expired', true],
    ['auth.forbidden', true],
    ['auth', false],
    ['external.auth.failure', false],
    ['Auth.TokenExpired', true],
  ])('%s -> %s', (type, expected) => {
    expect(matchesNonRetryable(p, { type })).toBe(expected);
  });
  it('matches details.error_class and code too', () => {
    expect(matchesNonRetryable(p, { code: 'handler_error', details: { error_class: 'FatalError' } })).toBe(
      true,
    );
    expect(matchesNonRetryable(p, { code: 'FatalError' })).toBe(true);
    expect(matchesNonRetryable(p, { code: 'handler_error' })).toBe(false);
  });
});

describe('decideFailureOutcome', () => {
  const p = policy({
    max_attempts: 3,
    jitter: false,
    on_exhaustion: 'dead_letter',
    non_retryable_errors: ['fatal'],
  });
  it('requeue wins even when not retryable', () => {
    expect(
      decideFailureOutcome({ policy: p, attempt: 3, error: { retryable: false }, requeue: true }),
    ).toEqual({
      state: 'available',
      reason: 'requeue',
    });
  });
  it('non-retryable errors are terminal', () => {
    expect(decideFailureOutcome({ policy: p, attempt: 1, error: { type: 'fatal' } })).toEqual({
      state: 'discarded',
      reason: 'non_retryable',
      deadLetter: true,
    });
    expect(decideFailureOutcome({ policy: p, attempt: 1, error: { retryable: false } }).state).toBe(
      'discarded',
    );
  });
  it('retries with backoff until attempt >= max_attempts', () => {
    expect(decideFailureOutcome({ policy: p, attempt: 1 })).toEqual({
      state: 'retryable',
      reason: 'retry',
      delayMs: 1000,
    });
    expect(decideFailureOutcome({ policy: p, attempt: 2 })).toEqual({
      state: 'retryable',
      reason: 'retry',
      delayMs: 2000,
    });
    expect(decideFailureOutcome({ policy: p, attempt: 3 })).toMatchObject({
      state: 'discarded',
      reason: 'exhausted',
    });
  });
  it('max_attempts 0 and 1 both mean no retry', () => {
    for (const max of [0, 1]) {
      expect(decideFailureOutcome({ policy: policy({ max_attempts: max }), attempt: 1 }).state).toBe(
        'discarded',
      );
    }
  });
});
