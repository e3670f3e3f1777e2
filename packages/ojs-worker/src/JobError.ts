/** Options of a {@link JobError}. */
export interface JobErrorOptions {
  /** Machine code sent in the NACK (lowercase snake_case, default `handler_error`). */
  code?: string;
  /**
   * Error type matched against the retry policy's `non_retryable_errors` (e.g. `payment.declined`);
   * defaults to the error's `name`.
   */
  type?: string;
  /** `false` discards the job instead of retrying it (same as wrapping it in `NonRetryable`). */
  retryable?: boolean;
  /** Extra JSON details stored with the job's error. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * An error a handler throws to control how the failure is reported: its code, its type (for
 * `non_retryable_errors`), whether a retry can help, and details.
 */
export class JobError extends Error {
  override name = 'JobError';
  readonly code: string;
  readonly type: string | undefined;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: JobErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'handler_error';
    this.type = options.type;
    this.retryable = options.retryable ?? true;
    this.details = options.details;
  }
}

/** A handler's failure marked as permanent: the job is discarded (or dead-lettered), never retried. */
export class NonRetryableError extends Error {
  override name = 'NonRetryableError';
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * Marks an error as non-retryable: `throw NonRetryable(new Error('invalid address'))`. The original
 * error's name, message and stack are what the server records.
 */
export function NonRetryable(error: unknown): NonRetryableError {
  return error instanceof NonRetryableError ? error : new NonRetryableError(error);
}

export function isNonRetryable(error: unknown): boolean {
  if (error instanceof NonRetryableError) return true;
  return error instanceof JobError && !error.retryable;
}

/** The handler did not finish within the job's `timeout_ms` (the signal's abort reason). */
export class HandlerTimeoutError extends Error {
  override name = 'HandlerTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`handler exceeded the job timeout of ${timeoutMs} ms`);
  }
}

/** The worker is shutting down and its grace period elapsed (the signal's abort reason). */
export class WorkerShutdownError extends Error {
  override name = 'WorkerShutdownError';
  constructor() {
    super('worker shut down before the job finished; the job was requeued');
  }
}

/** The server no longer holds the job for this worker: cancelled, or its lease expired (abort reason). */
export class JobLeaseLostError extends Error {
  override name = 'JobLeaseLostError';
  constructor(readonly jobId: string) {
    super(`job ${jobId} is no longer active for this worker (cancelled or lease expired)`);
  }
}

/** A thrown value that was not an Error (a string, an object...), or an unexpected crash in a handler. */
export class HandlerPanicError extends Error {
  override name = 'HandlerPanicError';
  constructor(
    readonly thrown: unknown,
    message?: string,
  ) {
    super(message ?? `handler threw a non-Error value: ${describeThrown(thrown)}`, { cause: thrown });
  }
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
