import { z } from 'zod';
import { ApiError, parseRetryAfter } from './ApiError';

const meCsrfSchema = z.object({ csrf_token: z.string().nullish() });

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/**
 * Called when a call is refused because nobody is signed in (401 `unauthorized`): the app sends the user to
 * the sign-in page. Sign-in calls themselves (`/api/auth/*`, `/api/me`) never trigger it.
 */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}
let csrfPending: Promise<string | undefined> | undefined;

async function loadCsrfToken(): Promise<string | undefined> {
  csrfPending ??= (async () => {
    try {
      const body = await request('GET', '/api/me', undefined, undefined);
      csrfToken = meCsrfSchema.parse(body).csrf_token ?? undefined;
      return csrfToken;
    } finally {
      csrfPending = undefined;
    }
  })();
  return csrfPending;
}

/** Lets the session query share the token it already fetched. */
export function rememberCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? undefined;
}

async function request(
  method: string,
  path: string,
  body: unknown,
  signal: AbortSignal | undefined,
  headers: Record<string, string> = {},
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw ApiError.network(cause);
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const error = ApiError.fromBody(
      response.status,
      parsed,
      `${method} ${path} failed with HTTP ${response.status}`,
      parseRetryAfter(response.headers.get('Retry-After'), Date.now()),
    );
    if (response.status === 401 && !path.startsWith('/api/auth/') && !path.startsWith('/api/me')) {
      onUnauthorized?.();
    }
    throw error;
  }
  if (text.length > 0 && parsed === undefined) {
    throw ApiError.badResponse(path, 'the body is not JSON');
  }
  return parsed;
}

function decode<T>(path: string, schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
    throw ApiError.badResponse(path, where);
  }
  return result.data;
}

/** Builds `/api/...?a=b` leaving out empty parameters. */
export function apiPath(
  path: string,
  params: Record<string, string | number | boolean | undefined> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** GET a BFF resource and validate it. */
export async function apiGet<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  return decode(path, schema, await request('GET', path, undefined, signal));
}

/** POST/DELETE with the CSRF header; one retry with a fresh token if the server rejects the old one. */
export async function apiSend<T>(
  method: 'POST' | 'DELETE' | 'PUT' | 'PATCH',
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
): Promise<T> {
  const token = csrfToken ?? (await loadCsrfToken());
  try {
    return decode(path, schema, await request(method, path, body, undefined, csrfHeader(token)));
  } catch (error) {
    if (error instanceof ApiError && error.status === 403 && /csrf/i.test(error.code)) {
      const fresh = await loadCsrfToken();
      return decode(path, schema, await request(method, path, body, undefined, csrfHeader(fresh)));
    }
    throw error;
  }
}

function csrfHeader(token: string | undefined): Record<string, string> {
  return token ? { 'X-CSRF-Token': token } : {};
}

/** For writes whose body the SPA does not read. */
export const anyBody = z.unknown();
