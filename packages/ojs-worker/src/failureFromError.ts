import { type NackRequest } from '@lookout/ojs-types';
import {
  HandlerPanicError,
  HandlerTimeoutError,
  JobError,
  JobLeaseLostError,
  NonRetryableError,
  WorkerShutdownError,
} from './JobError';

/** The `error` object of a NACK. */
export type NackError = NonNullable<NackRequest['error']>;

const MAX_MESSAGE_CHARS = 4000;
const MAX_BACKTRACE_LINES = 30;
const CODE_PATTERN = /^[a-z][a-z0-9_.]*$/;

/**
 * Turns whatever a handler threw into the NACK error: `code` (machine code), `type` (the error class,
 * matched by `non_retryable_errors`), `message`, `retryable`, `details.error_class` and a backtrace.
 * `NonRetryable(...)` and `JobError({retryable:false})` give `retryable: false`; a handler timeout gives
 * `handler_timeout`; a non-Error throw gives `handler_panic`.
 */
export function failureFromError(thrown: unknown): NackError {
  let retryable = true;
  let error: unknown = thrown;
  if (error instanceof NonRetryableError) {
    retryable = false;
    error = error.cause;
  }
  if (!(error instanceof Error)) error = new HandlerPanicError(error);
  const err = error as Error;

  let code = 'handler_error';
  let type = errorName(err);
  let details: Record<string, unknown> = {};
  if (err instanceof JobError) {
    code = err.code;
    if (err.type !== undefined) type = err.type;
    if (!err.retryable) retryable = false;
    details = { ...err.details };
  } else if (err instanceof HandlerTimeoutError) {
    code = 'handler_timeout';
    details = { timeout_ms: err.timeoutMs };
  } else if (err instanceof HandlerPanicError) {
    code = 'handler_panic';
  } else if (err instanceof WorkerShutdownError) {
    code = 'worker_shutdown';
  } else if (err instanceof JobLeaseLostError) {
    code = 'lease_lost';
  } else {
    const own = (err as Error & { code?: unknown }).code;
    if (typeof own === 'string' && CODE_PATTERN.test(own.toLowerCase())) code = own.toLowerCase();
  }

  const out: NackError = {
    code,
    type,
    message: truncate(err.message === '' ? type : err.message, MAX_MESSAGE_CHARS),
    retryable,
    details: { ...details, error_class: type },
  };
  const backtrace = stackLines(err);
  if (backtrace.length > 0) out.backtrace = backtrace;
  return out;
}

function errorName(err: Error): string {
  if (err.name && err.name !== 'Error') return err.name;
  const ctor = (err.constructor as { name?: unknown } | undefined)?.name;
  return typeof ctor === 'string' && ctor !== '' ? ctor : 'Error';
}

function stackLines(err: Error): string[] {
  if (typeof err.stack !== 'string') return [];
  return err.stack
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, MAX_BACKTRACE_LINES);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
