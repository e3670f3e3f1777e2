import { formatZodIssues } from '@lookout/ojs-types';
import { z } from 'zod';
import { CLIENT_ERROR_CODES, OjsError } from './OjsError';
import { BodyTooLargeError, errorFromResponseBody, errorFromThrown } from './errorMapping';
import { type LinkedSignal, linkSignal } from './signals';

/** The subset of `fetch` the client needs; pass `globalThis.fetch`, undici's, or `app.request` of a Hono app. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface OjsClientOptions {
  /** Server origin plus any path prefix, e.g. `http://localhost:8080` (the `/ojs/...` paths are appended). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Defaults to the global fetch. */
  fetch?: FetchLike | undefined;
  /** Per-call timeout in ms (default 5000). For streams it bounds the wait for response headers. */
  timeoutMs?: number | undefined;
  /** Extra headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Sent as `User-Agent` (browsers may ignore it). */
  userAgent?: string | undefined;
  /** Larger response bodies are rejected with `bad_upstream_response` without being buffered (default 10 MiB). */
  maxResponseBytes?: number | undefined;
}

/** Options every client method accepts as its last argument. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number | undefined;
  /** Extra headers for this call (e.g. `X-Request-Id` to correlate logs). */
  headers?: Record<string, string> | undefined;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;

export interface RequestSpec<S extends z.ZodType> {
  method: HttpMethod;
  /** Absolute path on the server, starting with `/` (already encoded). */
  path: string;
  /** Query parameters; undefined/null are skipped, arrays are joined with commas. */
  query?: Record<string, QueryValue> | undefined;
  /** JSON body. POST/PUT/PATCH send `{}` when omitted; GET/DELETE send none unless given. */
  body?: unknown;
  /** Parses the 2xx JSON body; an empty body (e.g. 204) is passed as `undefined`. */
  schema: S;
  /** Non-2xx statuses whose body is still a regular answer (e.g. 503 of a degraded health check). */
  okStatuses?: readonly number[] | undefined;
}

export interface OjsResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  /** `X-Request-Id` of the response, when the server sent one. */
  requestId: string | undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Validates the configuration (fetch is checked separately: zod cannot describe a function's shape). */
const clientOptionsSchema = z.object({
  baseUrl: z.string().refine(isHttpUrl, { error: 'baseUrl must be an absolute http(s) URL' }),
  token: z.string().optional(),
  fetch: z.custom<FetchLike>((value) => typeof value === 'function', 'fetch must be a function').optional(),
  timeoutMs: z.number().positive().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  userAgent: z.string().optional(),
  maxResponseBytes: z.number().int().positive().optional(),
});

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const ACCEPT_JSON = 'application/openjobspec+json, application/json';

/** Encodes one path segment (job id, queue name, cron name, ...). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

/**
 * HTTP core of the client: URL building, headers, timeout + caller signal, bounded body reading,
 * JSON + schema parsing, and mapping of every failure to {@link OjsError}.
 */
export class Transport {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly #fetch: FetchLike;
  readonly #headers: Record<string, string>;

  constructor(options: OjsClientOptions) {
    const parsed = clientOptionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new TypeError(`invalid OJS client options: ${formatZodIssues(parsed.error)}`);
    }
    const config = parsed.data;
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const globalFetch: FetchLike | undefined =
      typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined;
    const chosen = options.fetch ?? globalFetch;
    if (chosen === undefined) throw new TypeError('no fetch implementation available; pass options.fetch');
    this.#fetch = chosen;
    const headers: Record<string, string> = { Accept: ACCEPT_JSON };
    if (config.userAgent !== undefined) headers['User-Agent'] = config.userAgent;
    Object.assign(headers, config.headers ?? {});
    if (config.token !== undefined && config.token !== '') headers.Authorization = `Bearer ${config.token}`;
    this.#headers = headers;
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        if (value.length > 0) search.set(key, value.join(','));
      } else {
        search.set(key, String(value));
      }
    }
    const qs = search.toString();
    return `${this.baseUrl}${path}${qs === '' ? '' : `?${qs}`}`;
  }

  headers(extra?: Record<string, string>): Record<string, string> {
    return { ...this.#headers, ...(extra ?? {}) };
  }

  /** Performs a JSON request and returns the parsed body. */
  async request<S extends z.ZodType>(spec: RequestSpec<S>, options?: CallOptions): Promise<z.output<S>> {
    return (await this.requestWithMeta(spec, options)).data;
  }

  /** Like {@link request} but also returns status, headers and the request id. */
  async requestWithMeta<S extends z.ZodType>(
    spec: RequestSpec<S>,
    options: CallOptions = {},
  ): Promise<OjsResponse<z.output<S>>> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const link = linkSignal(options.signal, timeoutMs);
    const url = this.url(spec.path, spec.query);
    const context = { method: spec.method, url, timeoutMs };
    try {
      const headers = this.headers(options.headers);
      let body: string | undefined;
      const sendsBody =
        spec.body !== undefined || spec.method === 'POST' || spec.method === 'PUT' || spec.method === 'PATCH';
      if (sendsBody) {
        body = JSON.stringify(spec.body ?? {});
        headers['Content-Type'] = 'application/json';
      }
      let response: Response;
      try {
        response = await this.#fetch(url, { method: spec.method, headers, body, signal: link.signal });
      } catch (error) {
        throw errorFromThrown(error, link, options.signal, context, 'connect');
      }
      const requestId = response.headers.get('x-request-id') ?? undefined;
      let text: string;
      try {
        text = await readBodyText(response, this.maxResponseBytes);
      } catch (error) {
        throw errorFromThrown(error, link, options.signal, context, 'body', response, requestId);
      }
      if (!response.ok && !(spec.okStatuses ?? []).includes(response.status)) {
        throw errorFromResponseBody(response, text, requestId);
      }
      let json: unknown;
      if (text.trim() !== '') {
        try {
          json = JSON.parse(text);
        } catch {
          if (!response.ok) throw errorFromResponseBody(response, text, requestId);
          throw new OjsError({
            code: CLIENT_ERROR_CODES.badUpstreamResponse,
            message: `${spec.method} ${spec.path} answered ${response.status} with a body that is not valid JSON`,
            status: response.status,
            retryable: false,
            details: { content_type: response.headers.get('content-type'), body_preview: preview(text) },
            requestId,
          });
        }
      }
      const parsed = spec.schema.safeParse(json);
      if (!parsed.success) {
        // a tolerated non-2xx status whose body is not the expected answer is an ordinary error
        if (!response.ok) throw errorFromResponseBody(response, text, requestId);
        throw new OjsError({
          code: CLIENT_ERROR_CODES.badUpstreamResponse,
          message: `${spec.method} ${spec.path} answered ${response.status} with an unexpected body shape`,
          status: response.status,
          retryable: false,
          details: { issues: summarizeIssues(parsed.error.issues) },
          requestId,
        });
      }
      return {
        data: parsed.data,
        status: response.status,
        headers: response.headers,
        requestId,
      };
    } finally {
      link.dispose();
    }
  }

  /**
   * Opens a streaming GET (used by the SSE reader). The caller owns `link` (its timeout bounds the wait
   * for headers; the caller may turn it into an idle timeout afterwards) and the returned body. On a
   * non-2xx answer the (bounded) body is read and mapped to an {@link OjsError}.
   */
  async openStream(
    path: string,
    query: Record<string, QueryValue> | undefined,
    options: { link: LinkedSignal; parentSignal: AbortSignal | undefined; headers?: Record<string, string> },
  ): Promise<Response> {
    const url = this.url(path, query);
    const context = { method: 'GET', url, timeoutMs: this.timeoutMs };
    const { link, parentSignal } = options;
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method: 'GET',
        headers: this.headers({
          Accept: 'text/event-stream',
          'Cache-Control': 'no-cache',
          ...options.headers,
        }),
        signal: link.signal,
      });
    } catch (error) {
      throw errorFromThrown(error, link, parentSignal, context, 'connect');
    }
    if (response.ok) return response;
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let text: string;
    try {
      text = await readBodyText(response, this.maxResponseBytes);
    } catch (error) {
      throw errorFromThrown(error, link, parentSignal, context, 'body', response, requestId);
    }
    throw errorFromResponseBody(response, text, requestId);
  }
}

/**
 * Reads a response body as UTF-8 text, refusing (and cancelling the stream) once more than `limit`
 * bytes arrive or when Content-Length already announces more.
 */
export async function readBodyText(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit, declared);
  }
  const stream = response.body;
  if (stream === null) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = stream.getReader();
  const decoder = new TextDecoder('utf-8');
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit, received);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function preview(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
}

export function summarizeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[],
): { path: string; message: string }[] {
  return issues.slice(0, 20).map((issue) => ({
    path: issue.path.map((part) => String(part)).join('.'),
    message: issue.message,
  }));
}
