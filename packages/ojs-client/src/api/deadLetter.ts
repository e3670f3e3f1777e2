import {
  deadLetterDeleteResponseSchema,
  deadLetterListResponseSchema,
  type deadLetterRetryRequestSchema,
  deadLetterStatsSchema,
  jobResponseSchema,
} from '@lookout/ojs-types';
import { type z } from 'zod';
import { type CallOptions, type Transport, seg } from '../transport';

export interface ListDeadLetterQuery {
  queue?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  cursor?: string | undefined;
}

export type DeadLetterRetryRequest = z.input<typeof deadLetterRetryRequestSchema>;

/** Dead letter queue (`/ojs/v1/dead-letter`). */
export function deadLetterApi(transport: Transport) {
  return {
    /** `GET /ojs/v1/dead-letter`: `{jobs, pagination?}` (an `{items}` answer is normalised to `jobs`). */
    list: (query: ListDeadLetterQuery = {}, options?: CallOptions) => {
      return transport.request(
        {
          method: 'GET',
          path: '/ojs/v1/dead-letter',
          query: { queue: query.queue, limit: query.limit, offset: query.offset, cursor: query.cursor },
          schema: deadLetterListResponseSchema,
        },
        options,
      );
    },

    /** `POST /ojs/v1/dead-letter/{id}/retry` (optional `{override:{queue, meta, retry}}`) -> the job. */
    retry: async (id: string, request: DeadLetterRetryRequest = {}, options?: CallOptions) => {
      const data = await transport.request(
        {
          method: 'POST',
          path: `/ojs/v1/dead-letter/${seg(id)}/retry`,
          body: request,
          schema: jobResponseSchema,
        },
        options,
      );
      return data.job;
    },

    /** `DELETE /ojs/v1/dead-letter/{id}` -> `{deleted, job_id?}`. */
    delete: (id: string, options?: CallOptions) => {
      return transport.request(
        { method: 'DELETE', path: `/ojs/v1/dead-letter/${seg(id)}`, schema: deadLetterDeleteResponseSchema },
        options,
      );
    },

    /** `GET /ojs/v1/dead-letter/stats` (dead-letter.md §10). */
    stats: (options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: '/ojs/v1/dead-letter/stats', schema: deadLetterStatsSchema },
        options,
      );
    },
  };
}

export type DeadLetterApi = ReturnType<typeof deadLetterApi>;
