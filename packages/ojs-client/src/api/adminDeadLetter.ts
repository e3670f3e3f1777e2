import {
  type BulkActionRequest,
  adminJobsPageSchema,
  type deadLetterPurgeRequestSchema,
  deadLetterStatsSchema,
  jobSummarySchema,
  paginationSchema,
  purgeResponseSchema,
} from '@lookout/ojs-types';
import { z } from 'zod';
import { type CallOptions, type Transport, seg } from '../transport';
import {
  type AdminJobsListQuery,
  adminJobActionSchema,
  adminJobsQueryParams,
  bulkResultSchema,
  ignoredBodySchema,
} from './adminShared';

export type DeadLetterPurgeRequest = z.input<typeof deadLetterPurgeRequestSchema>;

/** `{items, pagination?}`; a `{jobs}` answer (data-plane form) is lifted to `items`. */
const adminDeadLetterPageSchema = z.union([
  adminJobsPageSchema,
  z
    .looseObject({ jobs: z.array(jobSummarySchema), pagination: paginationSchema.optional() })
    .transform(({ jobs, ...rest }) => ({ ...rest, items: jobs })),
]);

const purgeResultSchema = z.union([purgeResponseSchema, z.undefined()]);

/** Admin dead letter management (`/ojs/v1/admin/dead-letter`). */
export function adminDeadLetterApi(transport: Transport) {
  const base = '/ojs/v1/admin/dead-letter';
  return {
    /** `GET /admin/dead-letter` (same filters as the job list) -> `{items, pagination?}`. */
    list: (query: AdminJobsListQuery = {}, options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: base, query: adminJobsQueryParams(query), schema: adminDeadLetterPageSchema },
        options,
      );
    },

    /** `POST /admin/dead-letter/{id}/retry` -> the job. */
    retry: (id: string, options?: CallOptions) => {
      return transport.request(
        { method: 'POST', path: `${base}/${seg(id)}/retry`, schema: adminJobActionSchema },
        options,
      );
    },

    /** `DELETE /admin/dead-letter/{id}` (204). */
    delete: async (id: string, options?: CallOptions): Promise<void> => {
      await transport.request(
        { method: 'DELETE', path: `${base}/${seg(id)}`, schema: ignoredBodySchema },
        options,
      );
    },

    /** `POST /admin/dead-letter/retry` with `{filter, confirm: true}`. */
    bulkRetry: (request: BulkActionRequest, options?: CallOptions) => {
      return transport.request(
        { method: 'POST', path: `${base}/retry`, body: request, schema: bulkResultSchema },
        options,
      );
    },

    /** `GET /admin/dead-letter/stats` -> `{total, by_queue?, by_error_type?, oldest_at?, newest_at?}`. */
    stats: (options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: `${base}/stats`, schema: deadLetterStatsSchema },
        options,
      );
    },

    /** `DELETE /admin/dead-letter` with `{older_than?, queue?, confirm: true}` -> `{purged_count}` when sent. */
    purge: (request: DeadLetterPurgeRequest, options?: CallOptions) => {
      return transport.request(
        { method: 'DELETE', path: base, body: request, schema: purgeResultSchema },
        options,
      );
    },
  };
}

export type AdminDeadLetterApi = ReturnType<typeof adminDeadLetterApi>;
