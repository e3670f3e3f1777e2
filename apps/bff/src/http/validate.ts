import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, invalidRequestFromZod } from '../errors/ApiError';

/** Parses the query string with a zod schema; 400 `invalid_request` naming the field otherwise. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw invalidRequestFromZod(result.error, 'query parameter');
  return result.data;
}

/** Parses a JSON body with a zod schema (400 on bad JSON, wrong content type or bad fields). */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  const text = await c.req.text();
  let json: unknown = {};
  if (text.trim() !== '') {
    if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
      throw ApiError.invalidRequest('the body must be JSON (Content-Type: application/json)');
    }
    try {
      json = JSON.parse(text);
    } catch {
      throw ApiError.invalidRequest('the body is not valid JSON');
    }
  }
  const result = schema.safeParse(json);
  if (!result.success) throw invalidRequestFromZod(result.error, 'body field');
  return result.data;
}
