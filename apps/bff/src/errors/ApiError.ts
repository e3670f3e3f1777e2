import { z } from 'zod';

/** Machine codes the BFF itself answers with (upstream codes such as `conflict` or `duplicate` pass through). */
export const API_ERROR_CODES = {
  invalidRequest: 'invalid_request',
  notFound: 'not_found',
  unsupported: 'unsupported',
  backendUnavailable: 'backend_unavailable',
  badUpstreamResponse: 'bad_upstream_response',
  upstreamError: 'upstream_error',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  readOnly: 'read_only',
  conflict: 'conflict',
  rateLimited: 'rate_limited',
  invalidCredentials: 'invalid_credentials',
  csrfFailed: 'csrf_failed',
  internal: 'internal_error',
} as const;

export type ApiErrorStatus =
  400 | 401 | 403 | 404 | 409 | 413 | 414 | 415 | 422 | 429 | 500 | 501 | 502 | 503 | 504;

export interface ApiErrorInit {
  status: ApiErrorStatus;
  code: string;
  message: string;
  retryable?: boolean;
  details?: Record<string, unknown> | undefined;
  cause?: unknown;
  /** Extra response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
}

/** The one error shape on the wire. */
export interface ApiErrorBody {
  error: { code: string; message: string; retryable: boolean; details?: Record<string, unknown> };
}

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retryable: z.boolean(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** An error the BFF answers with; anything else thrown in a route becomes a 500 `internal_error`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: ApiErrorStatus;
  readonly code: string;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.details = init.details;
    this.headers = init.headers ?? {};
  }

  toBody(): ApiErrorBody {
    const error: ApiErrorBody['error'] = {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }

  static invalidRequest(message: string, details?: Record<string, unknown>): ApiError {
    return new ApiError({ status: 400, code: API_ERROR_CODES.invalidRequest, message, details });
  }

  static notFound(message: string, details?: Record<string, unknown>): ApiError {
    return new ApiError({ status: 404, code: API_ERROR_CODES.notFound, message, details });
  }

  static unsupported(capability: string, message: string): ApiError {
    return new ApiError({
      status: 501,
      code: API_ERROR_CODES.unsupported,
      message,
      details: { capability },
    });
  }

  static conflict(message: string, details?: Record<string, unknown>): ApiError {
    return new ApiError({ status: 409, code: API_ERROR_CODES.conflict, message, details });
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Converts zod issues to the `details.issues` list of a 400. */
export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function invalidRequestFromZod(error: z.ZodError, where: string): ApiError {
  const issues = zodIssues(error);
  const first = issues[0];
  const summary = first ? `${first.path === '' ? where : `${where} ${first.path}`}: ${first.message}` : where;
  return ApiError.invalidRequest(`invalid ${summary}`, { issues });
}
