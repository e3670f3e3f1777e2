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
  const text = await readBodyText(c.req.raw, options.limit);
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
