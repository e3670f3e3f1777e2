/**
 * The one error type of the server. The engine throws it for protocol errors (not found, conflicts,
 * validation) and the HTTP layer renders it as `{ error: { code, type, message, retryable, ... } }`.
 */
export interface OjsServerErrorOptions {
  /** openapi `type`; defaults to `code` (CT wants `validation_error` on 422s). */
  type?: string;
  retryable?: boolean;
  details?: Record<string, unknown>;
  hint?: string;
  /** Extra response headers (Retry-After, X-OJS-Queue-Depth, ...). */
  headers?: Record<string, string>;
  /** Extra top-level fields of the error object (backpressure adds queue/depth/bound/strategy). */
  extra?: Record<string, unknown>;
}

export class OjsServerError extends Error {
  readonly status: number;
  readonly code: string;
  readonly type: string;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly hint: string | undefined;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, message: string, options: OjsServerErrorOptions = {}) {
    super(message);
    this.name = 'OjsServerError';
    this.status = status;
    this.code = code;
    this.type = options.type ?? code;
    this.retryable = options.retryable ?? (status >= 500 || status === 429);
    this.details = options.details;
    this.hint = options.hint;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

export function isOjsServerError(e: unknown): e is OjsServerError {
  return e instanceof OjsServerError;
}

export const invalidRequest = (message: string, details?: Record<string, unknown>): OjsServerError =>
  new OjsServerError(400, 'invalid_request', message, details ? { details } : {});

export const invalidPayload = (message: string, details?: Record<string, unknown>): OjsServerError =>
  new OjsServerError(400, 'invalid_payload', message, details ? { details } : {});

export const validationError = (message: string, details?: Record<string, unknown>): OjsServerError =>
  new OjsServerError(422, 'validation_error', message, {
    type: 'validation_error',
    ...(details ? { details } : {}),
  });

export const notFound = (what: string, id: string): OjsServerError =>
  new OjsServerError(404, 'not_found', `${what} '${id}' not found`, {
    details: { resource: what.toLowerCase(), id },
    hint: `Check the ${what.toLowerCase()} identifier; it may never have existed or may have been deleted.`,
  });

export const conflict = (message: string, details?: Record<string, unknown>): OjsServerError =>
  new OjsServerError(409, 'conflict', message, details ? { details } : {});

export const duplicate = (message: string, details?: Record<string, unknown>): OjsServerError =>
  new OjsServerError(409, 'duplicate', message, details ? { details } : {});

/** A state-machine violation: `current_state` and `attempted` are reported (core §6.4, L0 requirement). */
export const invalidTransition = (jobId: string, currentState: string, attempted: string): OjsServerError =>
  new OjsServerError(409, 'conflict', `job '${jobId}' is ${currentState}; cannot ${attempted}`, {
    details: { job_id: jobId, current_state: currentState, attempted_action: attempted },
    hint: 'Fetch the job to see its current state; terminal jobs accept no further transitions.',
  });
