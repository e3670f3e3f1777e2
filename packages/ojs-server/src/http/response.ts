import type { Context } from 'hono';
import type { OjsServerError } from '../errors';
import type { AppEnv } from './AppEnv';

/** The OJS media type. Sent exactly, without parameters: the conformance runner compares it verbatim. */
export const OJS_CONTENT_TYPE = 'application/openjobspec+json';
export const OJS_VERSION = '1.0';
export const DOCS_BASE_URL = 'https://openjobspec.org/errors/';

/**
 * Headers every response carries (OJS-Version, X-Request-Id, rate limit), set by the middleware before the
 * handler runs so that responses are built once with all their headers (node-server then writes them
 * without materialising a Headers object).
 */
export function baseHeaders(c: Context<AppEnv> | undefined): Record<string, string> | undefined {
  return c?.get('baseHeaders');
}

/** Responses that already carry the base headers (the middleware leaves them alone). */
export const completeResponses = new WeakSet<Response>();

/** A JSON response with the exact OJS content type. */
export function ojsJson(
  c: Context<AppEnv> | undefined,
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  const base = baseHeaders(c);
  const res = new Response(JSON.stringify(body), {
    status,
    headers: base
      ? { ...base, 'Content-Type': OJS_CONTENT_TYPE, ...headers }
      : { 'Content-Type': OJS_CONTENT_TYPE, ...headers },
  });
  if (base) completeResponses.add(res);
  return res;
}

/** 204 No Content (no body, no content type). */
export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers });
}

const DEFAULT_HINTS: Record<string, string> = {
  invalid_request: 'Check the request against the OJS HTTP binding; the message names the offending field.',
  invalid_payload: 'Send a JSON object body with Content-Type application/openjobspec+json.',
  validation_error: 'Fix the field named in the message and send the request again.',
  not_found: 'Check the identifier; the resource may never have existed or may have been deleted.',
  conflict: 'Fetch the resource to see its current state before retrying the operation.',
  duplicate: 'A job with the same id or uniqueness key already exists; see details.existing_job_id.',
  payload_too_large: 'Reduce the request body below the server limit.',
  unauthenticated: 'Send Authorization: Bearer <api key>.',
  permission_denied: 'The API key is not valid for this server.',
  rate_limited: 'Retry after the number of seconds in the Retry-After header.',
  unsupported: 'This server implements OJS 1.0.',
  internal_error: 'The server failed unexpectedly; the request can be retried.',
};

/** Render an error as `{ error: { code, type, message, retryable, details?, request_id, hint, docs_url } }`. */
export function errorResponse(
  err: OjsServerError,
  requestId: string | undefined,
  c?: Context<AppEnv>,
): Response {
  const error: Record<string, unknown> = {
    ...err.extra,
    code: err.code,
    type: err.type,
    message: err.message,
    retryable: err.retryable,
  };
  if (err.details !== undefined) error['details'] = err.details;
  if (requestId !== undefined) error['request_id'] = requestId;
  error['hint'] =
    err.hint ?? DEFAULT_HINTS[err.code] ?? DEFAULT_HINTS[err.type] ?? 'See the OJS error catalogue.';
  error['docs_url'] = DOCS_BASE_URL + encodeURIComponent(err.code.toLowerCase());
  return ojsJson(c, { error }, err.status, err.headers);
}
