import { OjsError } from '@lookout/ojs-client';
import { describe, expect, it } from 'vitest';
import {
  AuthError,
  ConflictError,
  DuplicateJobError,
  isRetryable,
  NotFoundError,
  RateLimitedError,
  toTypedError,
  UnavailableError,
  ValidationError,
} from './typedErrors';

function err(code: string, status: number, extra: Partial<ConstructorParameters<typeof OjsError>[0]> = {}) {
  return new OjsError({
    code,
    status,
    message: `${code} happened`,
    retryable: status === 0 || status >= 500 || status === 429,
    ...extra,
  });
}

describe('toTypedError', () => {
  it.each([
    ['duplicate', 409, DuplicateJobError, false],
    ['not_found', 404, NotFoundError, false],
    ['rate_limited', 429, RateLimitedError, true],
    ['conflict', 409, ConflictError, false],
    ['unauthenticated', 401, AuthError, false],
    ['invalid_request', 400, ValidationError, false],
    ['validation_error', 422, ValidationError, false],
    ['backend_unavailable', 0, UnavailableError, true],
    ['backend_timeout', 0, UnavailableError, true],
    ['internal_error', 500, UnavailableError, true],
    ['something_else', 503, UnavailableError, true],
  ] as const)('maps %s (%i) to %o', (code, status, Type, retryable) => {
    const typed = toTypedError(err(code, status));
    expect(typed).toBeInstanceOf(Type);
    expect(typed).toBeInstanceOf(OjsError);
    expect((typed as OjsError).code).toBe(code);
    expect((typed as OjsError).name).toBe(Type.name);
    expect(isRetryable(typed)).toBe(retryable);
  });

  it('keeps the existing job id of a duplicate and Retry-After of a rate limit', () => {
    const dup = toTypedError(
      err('duplicate', 409, { details: { existing_job_id: 'abc' } }),
    ) as DuplicateJobError;
    expect(dup.existingJobId).toBe('abc');
    const rl = toTypedError(err('rate_limited', 429, { retryAfterMs: 1500 })) as RateLimitedError;
    expect(rl.retryAfterMs).toBe(1500);
  });

  it('leaves other values alone', () => {
    const plain = new Error('x');
    expect(toTypedError(plain)).toBe(plain);
    const unknown = err('teapot', 418);
    expect(toTypedError(unknown)).toBe(unknown);
    const already = new NotFoundError({ code: 'not_found', status: 404, message: 'm', retryable: false });
    expect(toTypedError(already)).toBe(already);
    expect(isRetryable(plain)).toBe(false);
  });

  it('makes client-side validation errors with status 0', () => {
    const v = new ValidationError('bad', { field: 'queue' });
    expect(v).toMatchObject({
      code: 'invalid_request',
      status: 0,
      retryable: false,
      details: { field: 'queue' },
    });
  });
});
