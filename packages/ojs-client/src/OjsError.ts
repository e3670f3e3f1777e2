/**
 * The one error type thrown by the OJS client.
 *
 * `status` is the upstream HTTP status, or 0 when no HTTP response was obtained (network failure,
 * timeout, abort). `code` is a lowercase snake_case machine code: either the upstream's own code
 * (normalised to lowercase) or one of the client codes in {@link CLIENT_ERROR_CODES}.
 */
export const CLIENT_ERROR_CODES = {
  /** The server could not be reached, or the connection broke before a full response was read. */
  backendUnavailable: 'backend_unavailable',
  /** The per-call timeout elapsed before a full response was read. */
  backendTimeout: 'backend_timeout',
  /** The response was not JSON, did not match the expected schema, or was larger than allowed. */
  badUpstreamResponse: 'bad_upstream_response',
  /** The caller's AbortSignal aborted the call. */
  aborted: 'aborted',
} as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

export interface OjsErrorInit {
  code: string;
  message: string;
  status: number;
  retryable: boolean;
  details?: Record<string, unknown> | undefined;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/** Wire form of an error, as used by Lookout on every HTTP boundary. */
export interface OjsErrorWire {
  error: {
    code: string;
    message: string;
    retryable: boolean;
    details?: Record<string, unknown>;
    request_id?: string;
  };
}

export class OjsError extends Error {
  override readonly name = 'OjsError';
  readonly code: string;
  readonly status: number;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly requestId: string | undefined;
  /** Milliseconds the server asked us to wait (Retry-After on 429/503), when given. */
  readonly retryAfterMs: number | undefined;

  constructor(init: OjsErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.retryable = init.retryable;
    this.details = init.details;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The `{ error: {...} }` wire shape (snake_case), e.g. for a BFF to forward. */
  toJSON(): OjsErrorWire {
    const error: OjsErrorWire['error'] = {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    if (this.details !== undefined) error.details = this.details;
    if (this.requestId !== undefined) error.request_id = this.requestId;
    return { error };
  }
}

export function isOjsError(value: unknown): value is OjsError {
  return value instanceof OjsError;
}
