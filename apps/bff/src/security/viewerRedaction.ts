import type { Context } from 'hono';
import type { JobSummary } from '../api/schemas';
import { ApiError } from '../errors/ApiError';
import type { BffEnv } from '../http/BffEnv';
import { parseJobQuery } from '../query/parseJobQuery';
import type { Redactor } from './createRedactor';

/** True when the caller's payloads are redacted (the viewer role). */
export function redactsFor(c: Context<BffEnv>): boolean {
  return c.get('user')?.role === 'viewer';
}

/** Job summaries with hidden values cut out of their args preview. */
export function redactSummaries(items: readonly JobSummary[], redactor: Redactor): JobSummary[] {
  return items.map((item) => {
    const { text, redacted } = redactor.redactJsonText(item.args_preview);
    return redacted ? { ...item, args_preview: text } : item;
  });
}

/**
 * Refuses (403) a search on a hidden field (`args.password:x`), which would otherwise tell a viewer the
 * value by which jobs match.
 */
export function assertSearchable(q: string | undefined, redactor: Redactor): void {
  if (q === undefined || q.trim() === '') return;
  const parsed = parseJobQuery(q);
  if (!parsed.ok) return;
  for (const condition of [...parsed.query.args, ...parsed.query.meta]) {
    const hidden = condition.path.split('.').find((segment) => redactor.matchesKey(segment));
    if (hidden !== undefined) {
      throw new ApiError({
        status: 403,
        code: 'forbidden',
        message: `the field "${hidden}" is hidden for the viewer role and cannot be searched`,
        details: { field: condition.path },
      });
    }
  }
}
