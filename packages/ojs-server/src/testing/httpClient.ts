import type { OjsServer } from '../createOjsServer';

export interface CallResult {
  status: number;
  headers: Headers;
  /** Parsed JSON body (undefined for empty bodies). */
  body: Record<string, unknown>;
  text: string;
}

/** Call an in-process server through its fetch handler, as a client would over HTTP. */
export async function call(
  server: Pick<OjsServer, 'fetch'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<CallResult> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/openjobspec+json';
  }
  const res = await server.fetch(new Request(`http://ojs.test${path}`, init));
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  if (text !== '') parsed = JSON.parse(text) as Record<string, unknown>;
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** Narrow an unknown JSON value to an object (throws in tests when it is not one). */
export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

export function arr(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`expected a JSON array, got ${JSON.stringify(value)}`);
  return value;
}
