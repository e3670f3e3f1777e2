import { formatZodIssues } from '@lookout/ojs-types';
import type { z } from 'zod';
import { invalidRequest } from '../errors';

/** Parse with zod or throw 400 invalid_request naming every offending field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw invalidRequest(`${what}: ${formatZodIssues(parsed.error)}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** Query string as a plain object (last value wins). */
export function queryObject(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  const q = url.indexOf('?');
  if (q < 0) return out;
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) out[k] = v;
  return out;
}
