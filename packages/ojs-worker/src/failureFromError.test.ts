import { describe, expect, it } from 'vitest';
import { failureFromError } from './failureFromError';
import { HandlerPanicError, HandlerTimeoutError, JobError, NonRetryable } from './JobError';

class PaymentDeclinedError extends Error {
  override name = 'PaymentDeclinedError';
}

describe('failureFromError', () => {
  it('reports a plain error as a retryable handler_error typed by its class', () => {
    const f = failureFromError(new PaymentDeclinedError('card declined'));
    expect(f).toMatchObject({
      code: 'handler_error',
      type: 'PaymentDeclinedError',
      message: 'card declined',
      retryable: true,
      details: { error_class: 'PaymentDeclinedError' },
    });
    expect(Array.isArray(f.backtrace)).toBe(true);
    expect((f.backtrace as string[]).every((l) => l.startsWith('at '))).toBe(true);
  });

  it('marks NonRetryable errors and unwraps them', () => {
    const f = failureFromError(NonRetryable(new TypeError('bad input')));
    expect(f).toMatchObject({
      code: 'handler_error',
      type: 'TypeError',
      message: 'bad input',
      retryable: false,
    });
  });

  it('uses the code, type, retryable and details of a JobError', () => {
    const f = failureFromError(
      new JobError('gateway said 402', {
        code: 'payment_required',
        type: 'payment.declined',
        retryable: false,
        details: { http_status: 402 },
      }),
    );
    expect(f).toMatchObject({
      code: 'payment_required',
      type: 'payment.declined',
      retryable: false,
      details: { http_status: 402, error_class: 'payment.declined' },
    });
  });

  it('maps a timeout and a non-Error throw', () => {
    expect(failureFromError(new HandlerTimeoutError(250))).toMatchObject({
      code: 'handler_timeout',
      details: { timeout_ms: 250 },
      retryable: true,
    });
    const panic = failureFromError('oops');
    expect(panic).toMatchObject({ code: 'handler_panic', type: 'HandlerPanicError', retryable: true });
    expect(panic.message).toContain('oops');
    expect(failureFromError(new HandlerPanicError({ a: 1 })).message).toContain('{"a":1}');
    expect(failureFromError(NonRetryable(undefined))).toMatchObject({
      code: 'handler_panic',
      retryable: false,
    });
  });

  it('keeps a lowercase code of node errors and truncates long messages', () => {
    const e = Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' });
    expect(failureFromError(e).code).toBe('econnrefused');
    expect(failureFromError(new Error('x'.repeat(10_000))).message.length).toBe(4000);
    expect(failureFromError(new Error('')).message).toBe('Error');
  });
});
