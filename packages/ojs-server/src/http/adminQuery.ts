import { adminJobsQuerySchema, type bulkFilterSchema, type JobState } from '@lookout/ojs-types';
import type { z } from 'zod';
import { invalidRequest } from '../errors';
import type { JobFilter, JobListQuery, JobSortField } from '../store/OjsStore';
import { decodeCursor } from '../store/partitions';
import { parseOr400 } from './validate';

export interface AdminPage {
  page: number;
  perPage: number;
  offset: number;
}

/** `page`/`per_page` (admin §4, default 20, max 100) or `limit`/`offset` (openapi/Lite aliases). */
export function adminPage(q: Record<string, string>): AdminPage {
  const page = q['page'] !== undefined ? Number(q['page']) : undefined;
  const perPage = q['per_page'] !== undefined ? Number(q['per_page']) : undefined;
  const limit = q['limit'] !== undefined ? Number(q['limit']) : undefined;
  const offset = q['offset'] !== undefined ? Number(q['offset']) : undefined;
  for (const [k, v, min] of [
    ['page', page, 1],
    ['per_page', perPage, 1],
    ['limit', limit, 1],
    ['offset', offset, 0],
  ] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < min))
      throw invalidRequest(`${k}: must be an integer >= ${min}`);
  }
  const size = Math.min(perPage ?? limit ?? 20, 1000);
  if (perPage !== undefined && perPage > 100) throw invalidRequest('per_page: must be <= 100');
  const start = offset ?? ((page ?? 1) - 1) * size;
  return { page: page ?? Math.floor(start / size) + 1, perPage: size, offset: start };
}

export function paginationBlock(
  p: AdminPage,
  total: number,
  returned: number,
  nextCursor?: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    total,
    page: p.page,
    per_page: p.perPage,
    total_pages: Math.max(1, Math.ceil(total / p.perPage)),
    limit: p.perPage,
    offset: p.offset,
    has_more: nextCursor !== undefined || p.offset + returned < total,
  };
  if (nextCursor !== undefined) out['next_cursor'] = nextCursor;
  return out;
}

/** `type` filter: exact, or prefix when it ends with `*`. */
function typeFilter(type: string | undefined, filter: JobFilter): void {
  if (type === undefined) return;
  if (type.endsWith('*')) filter.typePrefix = type.slice(0, -1);
  else filter.type = type;
}

function statesFilter(states: readonly JobState[] | undefined, filter: JobFilter): void {
  if (!states || states.length === 0) return;
  if (states.length === 1) filter.state = states[0];
  else filter.states = [...new Set(states)];
}

/** Filters, sort and paging of GET /admin/jobs and /admin/dead-letter (admin §7.1), plus a keyset `cursor`. */
export function adminJobsQuery(q: Record<string, string>): { query: JobListQuery; page: AdminPage } {
  const parsed = parseOr400(adminJobsQuerySchema, q, 'query');
  const page = adminPage(q);
  const filter: JobFilter = {};
  if (parsed.queue !== undefined) filter.queue = parsed.queue;
  statesFilter(parsed.state, filter);
  typeFilter(parsed.type, filter);
  if (parsed.since !== undefined) filter.since = Date.parse(parsed.since);
  if (parsed.until !== undefined) filter.until = Date.parse(parsed.until);
  const sort: JobSortField = parsed.sort ?? 'created_at';
  const order = parsed.order ?? 'desc';
  const query: JobListQuery = { ...filter, sort, order, offset: page.offset, limit: page.perPage };
  const cursor = q['cursor'];
  if (cursor !== undefined && cursor !== '') {
    if (!decodeCursor(cursor, sort, order))
      throw invalidRequest('cursor: not a cursor of this listing (same sort and order)');
    query.cursor = cursor;
  }
  return { query, page };
}

/** Filter of bulk actions (admin §8). */
export function bulkFilter(raw: z.output<typeof bulkFilterSchema>): JobFilter & { jobIds?: string[] } {
  const filter: JobFilter & { jobIds?: string[] } = {};
  if (raw.queue !== undefined) filter.queue = raw.queue;
  statesFilter(
    raw.state === undefined ? undefined : Array.isArray(raw.state) ? raw.state : [raw.state],
    filter,
  );
  typeFilter(raw.type, filter);
  if (raw.since !== undefined) filter.since = Date.parse(raw.since);
  if (raw.until !== undefined) filter.until = Date.parse(raw.until);
  if (raw.job_ids !== undefined) filter.jobIds = raw.job_ids;
  return filter;
}
