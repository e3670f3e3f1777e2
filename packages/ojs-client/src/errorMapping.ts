import { normalizeErrorBody } from '@lookout/ojs-types';
import { CLIENT_ERROR_CODES, OjsError } from './OjsError';
import { parseRetryAfter } from './parseRetryAfter';
import { type LinkedSignal, TimeoutReason } from './signals';

/** Thrown by the bounded body reader when a response is larger than allowed. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(
    readonly limitBytes: number,
    readonly receivedBytes: number,
  ) {
    super(`response body exceeds the ${limitBytes}-byte limit`);
  }
}

interface RequestContext {
  method: string;
  url: string;
  timeoutMs: number;
}

/** Statuses for which retrying later can succeed even when the body says nothing. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * Maps a non-2xx response to an OjsError. A recognisable error body (wrapper or flat form, any code
 * case) gives code/message/retryable/details; anything else is `bad_upstream_response`.
 * Retry-After is honoured on 429 and 503.
 */
export function errorFromResponseBody(
  response: Response,
  text: string,
  requestId: string | undefined,
): OjsError {
  const status = response.status;
  const retryAfterMs =
    status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
  let json: unknown;
  let isJson = false;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
      isJson = true;
    } catch {
      isJson = false;
    }
  }
  const shape = isJson ? normalizeErrorBody(json) : null;
  if (shape !== null) {
    const details = shape.details;
    return new OjsError({
      code: shape.code,
      message: shape.message,
      status,
      retryable: shape.retryable || status === 429 || status === 503,
      details,
      requestId: shape.request_id ?? requestId,
      retryAfterMs,
    });
  }
  const contentType = response.headers.get('content-type');
  const trimmed = text.trim();
  return new OjsError({
    code: CLIENT_ERROR_CODES.badUpstreamResponse,
    message: isJson
      ? `OJS server answered ${status} with a JSON body that is not an error object`
      : trimmed === ''
        ? `OJS server answered ${status} with an empty body`
        : `OJS server answered ${status} with a non-JSON body (${contentType ?? 'no content type'})`,
    status,
    retryable: isRetryableStatus(status),
    details: {
      content_type: contentType,
      body_preview: trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed,
    },
    requestId,
    retryAfterMs,
  });
}

/**
 * Maps anything thrown while connecting or reading a body: the call's own timeout, the caller's
 * abort, an oversized body, or a network failure (connection refused, reset, DNS, ...).
 */
export function errorFromThrown(
  error: unknown,
  link: LinkedSignal,
  parentSignal: AbortSignal | undefined,
  context: RequestContext,
  phase: 'connect' | 'body',
  response?: Response,
  requestId?: string,
): OjsError {
  if (error instanceof OjsError) return error;
  if (error instanceof BodyTooLargeError) {
    return new OjsError({
      code: CLIENT_ERROR_CODES.badUpstreamResponse,
      message: `${context.method} ${pathOf(context.url)}: ${error.message}`,
      status: response?.status ?? 0,
      retryable: false,
      details: { limit_bytes: error.limitBytes, received_bytes: error.receivedBytes },
      requestId,
      cause: error,
    });
  }
  if (link.timedOut) {
    const timeoutMs =
      link.signal.reason instanceof TimeoutReason ? link.signal.reason.timeoutMs : context.timeoutMs;
    return new OjsError({
      code: CLIENT_ERROR_CODES.backendTimeout,
      message: `${context.method} ${pathOf(context.url)} timed out after ${timeoutMs} ms`,
      status: 0,
      retryable: true,
      details: { timeout_ms: timeoutMs, phase },
      requestId,
      cause: error,
    });
  }
  if (parentSignal?.aborted) {
    return new OjsError({
      code: CLIENT_ERROR_CODES.aborted,
      message: `${context.method} ${pathOf(context.url)} was aborted`,
      status: 0,
      retryable: false,
      details: { phase },
      requestId,
      cause: error,
    });
  }
  const reason = networkReason(error);
  return new OjsError({
    code: CLIENT_ERROR_CODES.backendUnavailable,
    message: `${context.method} ${pathOf(context.url)} failed: ${reason}`,
    status: 0,
    retryable: true,
    details: { phase, reason },
    requestId,
    cause: error,
  });
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname;
  } catch {
    return url;
  }
}

/** Best human-readable reason for a network failure (undici nests the socket error in `cause`). */
function networkReason(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      const code = (current as Error & { code?: unknown }).code;
      parts.push(typeof code === 'string' ? `${code}: ${current.message}` : current.message);
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
  }
  return parts.length === 0 ? 'network error' : parts.join(' <- ');
}
