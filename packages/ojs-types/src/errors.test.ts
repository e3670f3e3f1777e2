import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  errorBodySchema,
  formatZodIssues,
  jobErrorInputSchema,
  makeErrorBody,
  normalizeErrorBody,
  normalizeErrorCode,
  synthesizeErrorType,
} from './errors';

describe('normalizeErrorBody', () => {
  it('reads the wrapper form as is', () => {
    const body = {
      error: {
        code: 'not_found',
        type: 'not_found',
        message: 'job not found',
        retryable: false,
        request_id: 'req_1',
        hint: 'check the id',
        docs_url: 'https://openjobspec.org/errors/not_found',
      },
    };
    expect(normalizeErrorBody(body)).toEqual(body.error);
    expect(errorBodySchema.safeParse(body).success).toBe(true);
  });
  it('reads the flat ojs-errors.md form with SCREAMING_SNAKE codes and doc_url', () => {
    expect(
      normalizeErrorBody({
        code: 'INVALID_STATE_TRANSITION',
        message: 'cannot ack',
        details: { current_state: 'completed' },
        retryable: false,
        doc_url: 'https://x/errors',
      }),
    ).toEqual({
      code: 'conflict',
      type: 'conflict',
      message: 'cannot ack',
      retryable: false,
      details: { current_state: 'completed' },
      docs_url: 'https://x/errors',
    });
  });
  it('lowercases codes, strips OJS_ and fills retryable from the code table', () => {
    expect(normalizeErrorBody({ error: { code: 'OJS_BACKEND_UNAVAILABLE', message: 'down' } })).toMatchObject(
      {
        code: 'backend_unavailable',
        retryable: true,
      },
    );
    expect(normalizeErrorBody({ error: { code: 'NOT_FOUND', message: 'x' } })).toMatchObject({
      code: 'not_found',
      retryable: false,
    });
    expect(normalizeErrorBody({ code: 'x_custom', message: 'm' })).toMatchObject({
      code: 'x_custom',
      retryable: false,
    });
  });
  it('reads {error: "message"}', () => {
    expect(normalizeErrorBody({ error: 'boom' })).toMatchObject({ code: 'unknown_error', message: 'boom' });
  });
  it('keeps extra fields and returns null for non-errors', () => {
    expect(
      normalizeErrorBody({
        error: { code: 'conflict', message: 'm', retryable: false, current_state: 'active' },
      }),
    ).toMatchObject({ current_state: 'active' });
    expect(normalizeErrorBody(null)).toBeNull();
    expect(normalizeErrorBody([1])).toBeNull();
    expect(normalizeErrorBody({ job: { id: 'x' } })).toBeNull();
    expect(normalizeErrorBody('oops')).toBeNull();
  });
  it('maps code aliases', () => {
    expect(normalizeErrorCode('DUPLICATE_JOB')).toBe('duplicate');
    expect(normalizeErrorCode('Unsupported_Feature')).toBe('unsupported');
    expect(normalizeErrorCode('invalid_payload')).toBe('invalid_payload');
  });
});

describe('error helpers', () => {
  it('makeErrorBody defaults type and retryable', () => {
    expect(makeErrorBody('validation_error', 'bad', { details: { field: 'x' } })).toEqual({
      error: {
        code: 'validation_error',
        type: 'validation_error',
        message: 'bad',
        retryable: false,
        details: { field: 'x' },
      },
    });
  });
  it('formatZodIssues names the field path', () => {
    const r = z
      .object({ options: z.object({ priority: z.int().max(100) }) })
      .safeParse({ options: { priority: 101 } });
    expect(r.success).toBe(false);
    if (!r.success) expect(formatZodIssues(r.error)).toMatch(/^options\.priority: /);
  });
  it('synthesises error.type from details.error_class, then code', () => {
    expect(synthesizeErrorType({ code: 'handler_error', details: { error_class: 'TimeoutError' } })).toBe(
      'TimeoutError',
    );
    expect(synthesizeErrorType({ code: 'handler_error' })).toBe('handler_error');
    expect(synthesizeErrorType({ type: 'auth.expired', code: 'x' })).toBe('auth.expired');
    expect(synthesizeErrorType({})).toBe('error');
  });
  it('jobErrorInputSchema requires a message and accepts both backtrace forms', () => {
    expect(jobErrorInputSchema.safeParse({ code: 'x' }).success).toBe(false);
    expect(jobErrorInputSchema.safeParse({ message: 'm', backtrace: ['a', 'b'] }).success).toBe(true);
    expect(jobErrorInputSchema.safeParse({ message: 'm', backtrace: 'a\nb', retryable: false }).success).toBe(
      true,
    );
  });
});
