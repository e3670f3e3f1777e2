import type { Context } from 'hono';
import { invalidPayload, OjsServerError } from '../errors';

export const JSON_MEDIA_TYPES = new Set(['application/openjobspec+json', 'application/json']);

export function mediaType(contentType: string | undefined | null): string | undefined {
  if (!contentType) return undefined;
  return contentType.split(';', 1)[0]?.trim().toLowerCase();
}

export function payloadTooLarge(limit: number): OjsServerError {
  return new OjsServerError(413, 'payload_too_large', `request body exceeds the limit of ${limit} bytes`, {
    details: { max_bytes: limit },
    retryable: false,
  });
}

interface NodeIncoming {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  readableEnded: boolean;
  readableDidRead?: boolean;
  destroy(error?: Error): unknown;
}

function nodeIncoming(c: Context): NodeIncoming | undefined {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  const incoming = env.incoming;
  if (
    typeof incoming !== 'object' ||
    incoming === null ||
    typeof (incoming as { on?: unknown }).on !== 'function'
  ) {
    return undefined;
  }
  const msg = incoming as NodeIncoming;
  return msg.readableDidRead ? undefined : msg;
}

/** Read a Node request stream directly (no web-stream Request is built), with the byte limit. */
function readIncoming(incoming: NodeIncoming, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const done = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
      fn();
    };
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buf.byteLength;
      if (total > limit) {
        done(() => reject(payloadTooLarge(limit)));
        return;
      }
      chunks.push(buf);
    };
    const onEnd = (): void =>
      done(() =>
        resolve(
          chunks.length === 1
            ? (chunks[0] as Buffer).toString('utf8')
            : Buffer.concat(chunks, total).toString('utf8'),
        ),
      );
    const onError = (error: Error): void => done(() => reject(error));
    const onClose = (): void => {
      if (incoming.readableEnded) onEnd();
      else done(() => reject(new Error('client closed the connection before the body was complete')));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

/** The request body as text, read with a hard byte limit (413 `payload_too_large`). */
export async function readRequestText(c: Context, limit: number): Promise<string> {
  const declared = c.req.header('content-length');
  if (declared !== undefined) {
    const n = Number(declared);
    if (Number.isFinite(n) && n > limit) throw payloadTooLarge(limit);
    if (n === 0) return '';
  }
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD') return '';
  const incoming = nodeIncoming(c);
  if (incoming) return readIncoming(incoming, limit);
  return readBodyText(c.req.raw, limit);
}

/** Read the raw body with a hard byte limit (413 as soon as it is exceeded, whatever Content-Length says). */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  const declared = req.headers.get('content-length');
  if (declared !== null) {
    const n = Number(declared);
    if (Number.isFinite(n) && n > limit) throw payloadTooLarge(limit);
  }
  if (req.body === null) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 0) return '';
  if (chunks.length === 1) return Buffer.from(chunks[0] as Uint8Array).toString('utf8');
  return Buffer.concat(chunks, total).toString('utf8');
}

export interface ReadJsonOptions {
  /** When false an empty body yields `undefined` instead of 400 invalid_payload. */
  required: boolean;
  limit: number;
}

/**
 * Parse the request body as JSON. Empty body: 400 `invalid_payload` when required (CT L0-OPS-015 sends no
 * body), else undefined. Malformed JSON: 400 `invalid_payload`.
 */
export async function readJson(c: Context, options: ReadJsonOptions): Promise<unknown> {
  const text = await readRequestText(c, options.limit);
  if (text.trim() === '') {
    if (options.required) throw invalidPayload('request body is empty; a JSON object is required');
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw invalidPayload(`request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Like {@link readJson} but the body, when present, must be a JSON object. */
export async function readJsonObject(
  c: Context,
  options: ReadJsonOptions,
): Promise<Record<string, unknown> | undefined> {
  const value = await readJson(c, options);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidPayload('request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
