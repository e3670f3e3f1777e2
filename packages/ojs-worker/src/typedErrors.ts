import { OjsError, type OjsErrorInit } from '@lookout/ojs-client';

/**
 * Typed errors of the SDK client. All extend `OjsError` (from `@lookout/ojs-client`), so `code`,
 * `status`, `message`, `details` and above all `retryable` (can trying again later help?) are always
 * there; the subclass says what kind of failure it is.
 */

/** Gives a subclass its own `name` (OjsError declares `name` as a readonly literal). */
function named(error: OjsError, name: string): void {
  Object.defineProperty(error, 'name', { value: name, enumerable: false, configurable: true });
}

/** A unique policy with `on_conflict: reject` found an existing job (409 `duplicate`). */
export class DuplicateJobError extends OjsError {
  /** The id of the job that already exists, when the server says. */
  readonly existingJobId: string | undefined;
  constructor(init: OjsErrorInit) {
    super(init);
    named(this, 'DuplicateJobError');
    const existing = init.details?.['existing_job_id'];
    this.existingJobId = typeof existing === 'string' ? existing : undefined;
  }
}

/** The job, workflow, queue... does not exist (404). */
export class NotFoundError extends OjsError {
  constructor(init: OjsErrorInit) {
    super(init);
    named(this, 'NotFoundError');
  }
}

/** The request was refused as invalid, by the server (400/422) or before sending. Never retryable. */
export class ValidationError extends OjsError {
  constructor(messageOrInit: string | OjsErrorInit, details?: Record<string, unknown>) {
    super(
      typeof messageOrInit === 'string'
        ? { code: 'invalid_request', message: messageOrInit, status: 0, retryable: false, details }
        : messageOrInit,
    );
    named(this, 'ValidationError');
  }
}

/** The operation does not fit the current state (409 `conflict`), e.g. cancelling a finished job. */
export class ConflictError extends OjsError {
  constructor(init: OjsErrorInit) {
    super(init);
    named(this, 'ConflictError');
  }
}

/** Too many requests (429): wait `retryAfterMs` when given. Retryable. */
export class RateLimitedError extends OjsError {
  constructor(init: OjsErrorInit) {
    super(init);
    named(this, 'RateLimitedError');
  }
}

/** Missing or refused credentials (401/403). */
export class AuthError extends OjsError {
  constructor(init: OjsErrorInit) {
    super(init);
    named(this, 'AuthError');
  }
}

/** The server is away, timed out or failed (network error, 5xx). Retryable. */
export class UnavailableError extends OjsError {
  constructor(init: OjsErrorInit) {
    super(init);
    named(this, 'UnavailableError');
  }
}

const VALIDATION_CODES = new Set([
  'invalid_request',
  'invalid_payload',
  'schema_validation',
  'validation_error',
  'payload_too_large',
  'envelope_too_large',
  'unsupported',
]);
const UNAVAILABLE_CODES = new Set([
  'backend_unavailable',
  'backend_timeout',
  'backend_error',
  'internal_error',
]);

function initOf(e: OjsError): OjsErrorInit {
  return {
    code: e.code,
    message: e.message,
    status: e.status,
    retryable: e.retryable,
    details: e.details,
    requestId: e.requestId,
    retryAfterMs: e.retryAfterMs,
    cause: e.cause,
  };
}

/**
 * Maps any error from `@lookout/ojs-client` to the matching typed error (by code, then by status).
 * Other errors, and OjsErrors of no known kind, are returned as they are.
 */
export function toTypedError(error: unknown): unknown {
  if (!(error instanceof OjsError)) return error;
  if (error.constructor !== OjsError) return error;
  const init = initOf(error);
  const { code, status } = error;
  if (code === 'duplicate') return new DuplicateJobError(init);
  if (code === 'not_found' || status === 404) return new NotFoundError(init);
  if (code === 'rate_limited' || code === 'queue_full' || status === 429) return new RateLimitedError(init);
  if (code === 'conflict' || status === 409) return new ConflictError(init);
  if (code === 'unauthenticated' || code === 'permission_denied' || status === 401 || status === 403)
    return new AuthError(init);
  if (VALIDATION_CODES.has(code) || status === 400 || status === 422) return new ValidationError(init);
  if (UNAVAILABLE_CODES.has(code) || status >= 500) return new UnavailableError(init);
  return error;
}

/** Whether retrying the failed call later can help. */
export function isRetryable(error: unknown): boolean {
  return error instanceof OjsError && error.retryable;
}
