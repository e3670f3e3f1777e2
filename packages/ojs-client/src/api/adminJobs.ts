import { type BulkActionRequest, adminJobDetailSchema, adminJobsPageSchema } from '@lookout/ojs-types';
import { type CallOptions, type Transport, seg } from '../transport';
import {
  type AdminJobsListQuery,
  adminJobActionSchema,
  adminJobsQueryParams,
  bulkResultSchema,
} from './adminShared';

/** Admin job inspection and actions (`/ojs/v1/admin/jobs`). */
export function adminJobsApi(transport: Transport) {
  const base = '/ojs/v1/admin/jobs';
  const bulk = (action: 'retry' | 'cancel' | 'delete', request: BulkActionRequest, options?: CallOptions) =>
    transport.request(
      { method: 'POST', path: `${base}/bulk/${action}`, body: request, schema: bulkResultSchema },
      options,
    );
  return {
    /** `GET /admin/jobs` with filters, sort and paging -> `{items: JobSummary[], pagination?}`. */
    list: (query: AdminJobsListQuery = {}, options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: base, query: adminJobsQueryParams(query), schema: adminJobsPageSchema },
        options,
      );
    },

    /** `GET /admin/jobs/{id}` -> the bare job. */
    get: (id: string, options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: `${base}/${seg(id)}`, schema: adminJobDetailSchema },
        options,
      );
    },

    /** `POST /admin/jobs/{id}/cancel` -> the job (full or `{id, state, ...}`). */
    cancel: (id: string, options?: CallOptions) => {
      return transport.request(
        { method: 'POST', path: `${base}/${seg(id)}/cancel`, schema: adminJobActionSchema },
        options,
      );
    },

    /** `POST /admin/jobs/{id}/retry` -> the job (full or `{id, state, ...}`). */
    retry: (id: string, options?: CallOptions) => {
      return transport.request(
        { method: 'POST', path: `${base}/${seg(id)}/retry`, schema: adminJobActionSchema },
        options,
      );
    },

    /** `POST /admin/jobs/bulk/retry` with `{filter, confirm: true}` -> `{action, matched, succeeded, failed, errors?}`. */
    bulkRetry: (request: BulkActionRequest, options?: CallOptions) => {
      return bulk('retry', request, options);
    },

    /** `POST /admin/jobs/bulk/cancel` (non-terminal jobs only). */
    bulkCancel: (request: BulkActionRequest, options?: CallOptions) => {
      return bulk('cancel', request, options);
    },

    /** `POST /admin/jobs/bulk/delete` (terminal jobs only). */
    bulkDelete: (request: BulkActionRequest, options?: CallOptions) => {
      return bulk('delete', request, options);
    },
  };
}

export type AdminJobsApi = ReturnType<typeof adminJobsApi>;
