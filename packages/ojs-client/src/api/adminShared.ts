import {
  type ADMIN_JOB_SORT_FIELDS,
  type JobState,
  bulkActionResponseSchema,
  jobResponseSchema,
  jobSchema,
  jobStateChangeResponseSchema,
} from '@lookout/ojs-types';
import { z } from 'zod';
import { type QueryValue } from '../transport';

/** Filters, sort and paging of `GET /admin/jobs` and `GET /admin/dead-letter` (admin §7.1), camelCase. */
export interface AdminJobsListQuery {
  queue?: string | undefined;
  /** One state or several (sent comma-separated). */
  state?: JobState | readonly JobState[] | undefined;
  /** Exact type, or a prefix ending with `*`. */
  type?: string | undefined;
  /** created_at lower bound, RFC 3339. */
  since?: string | undefined;
  /** created_at upper bound, RFC 3339. */
  until?: string | undefined;
  /** 1-based page (admin pagination). */
  page?: number | undefined;
  /** Items per page (max 100). */
  perPage?: number | undefined;
  /** openapi/Lite alias paging. */
  limit?: number | undefined;
  offset?: number | undefined;
  sort?: (typeof ADMIN_JOB_SORT_FIELDS)[number] | undefined;
  order?: 'asc' | 'desc' | undefined;
}

export function adminJobsQueryParams(query: AdminJobsListQuery): Record<string, QueryValue> {
  return {
    queue: query.queue,
    state: query.state,
    type: query.type,
    since: query.since,
    until: query.until,
    page: query.page,
    per_page: query.perPage,
    limit: query.limit,
    offset: query.offset,
    sort: query.sort,
    order: query.order,
  };
}

export interface AdminPageQuery {
  page?: number | undefined;
  perPage?: number | undefined;
}

export function pageParams(query: AdminPageQuery): Record<string, QueryValue> {
  return { page: query.page, per_page: query.perPage };
}

/**
 * Admin retry/cancel answers are not pinned down by the spec: accept `{job}` (full or state-change
 * form) or a bare job.
 */
export const adminJobActionSchema = z.union([
  jobResponseSchema.transform((body) => body.job),
  jobStateChangeResponseSchema.transform((body) => body.job),
  jobSchema,
]);

/** Bulk results: the admin-spec counters, or openapi's `{retried: n}` lifted to them. */
export const bulkResultSchema = z.union([
  bulkActionResponseSchema,
  z.looseObject({ retried: z.number().int().min(0) }).transform(({ retried, ...rest }) => ({
    ...rest,
    action: 'retry',
    matched: retried,
    succeeded: retried,
    failed: 0,
  })),
]);
export type BulkResult = z.output<typeof bulkResultSchema>;

/** For endpoints whose answer carries nothing the caller needs (204, `{}`, or anything). */
export const ignoredBodySchema = z.unknown().transform((): undefined => undefined);
