import { z } from 'zod';

/** The one error shape on the wire: `{ error: { code, message, retryable, details? } }`. */
export const wireErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retryable: z.boolean().optional(),
    details: z.unknown().optional(),
  }),
});

/** Every failed call to the BFF surfaces as an ApiError, carrying the server's code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  readonly details: unknown;
  /** Seconds the server asks to wait (`Retry-After`), when it says. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    retryable?: boolean;
    details?: unknown;
    retryAfterSeconds?: number;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.details = init.details;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** Builds an ApiError from a response status and its (possibly non-JSON) body. */
  static fromBody(
    status: number,
    body: unknown,
    fallbackMessage: string,
    retryAfterSeconds?: number,
  ): ApiError {
    const parsed = wireErrorSchema.safeParse(body);
    if (parsed.success) {
      return new ApiError({ status, ...parsed.data.error, retryAfterSeconds });
    }
    return new ApiError({
      status,
      retryAfterSeconds,
      code: status >= 500 ? 'server_error' : 'http_error',
      message: fallbackMessage,
      retryable: status >= 500,
    });
  }

  static network(cause: unknown): ApiError {
    const message = cause instanceof Error ? cause.message : String(cause);
    return new ApiError({
      status: 0,
      code: 'network_error',
      message: `Lookout's server could not be reached (${message})`,
      retryable: true,
    });
  }

  static badResponse(path: string, issues: string): ApiError {
    return new ApiError({
      status: 0,
      code: 'bad_response',
      message: `Unexpected response from ${path}: ${issues}`,
      retryable: false,
    });
  }
}

/** Turns anything thrown into a message fit for the error region. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Position of a syntax error the BFF reports for the search query, when it sends one. */
export function errorPosition(error: unknown): number | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = z.object({ position: z.number().int().nonnegative() }).safeParse(error.details);
  return details.success ? details.data.position : undefined;
}

/** `Retry-After` as seconds: either delta-seconds or an HTTP date (relative to `now`). */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
