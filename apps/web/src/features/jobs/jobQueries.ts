import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiPath } from '../../api/apiClient';
import { jobDetailSchema, whySchema } from '../job/jobDetail.mapper';
import type { JobListFilter } from './jobFilter.model';
import { jobKeys } from './jobKeys';
import { jobPageSchema } from './jobSummary.mapper';

/** The BFF serves at most 100 jobs per page. */
export const JOBS_PER_PAGE = 100;

export const jobQueries = {
  /** One page of the explorer; the virtual list asks for the pages it shows. */
  page: (filter: JobListFilter, page: number) =>
    queryOptions({
      queryKey: [...jobKeys.list(filter.cluster, filter), 'page', page],
      queryFn: ({ signal }) =>
        apiGet(apiPath('/api/jobs', { ...filter, page, per_page: JOBS_PER_PAGE }), jobPageSchema, signal),
    }),
  /** A short list (queue page, dead-letter drill-down). */
  sample: (filter: JobListFilter, perPage = 50) =>
    queryOptions({
      queryKey: [...jobKeys.list(filter.cluster, filter), 'sample', perPage],
      queryFn: ({ signal }) =>
        apiGet(apiPath('/api/jobs', { ...filter, page: 1, per_page: perPage }), jobPageSchema, signal),
    }),
  detail: (cluster: string, id: string) =>
    queryOptions({
      queryKey: jobKeys.detail(cluster, id),
      queryFn: ({ signal }) =>
        apiGet(
          `/api/clusters/${encodeURIComponent(cluster)}/jobs/${encodeURIComponent(id)}`,
          jobDetailSchema,
          signal,
        ),
    }),
  why: (cluster: string, id: string) =>
    queryOptions({
      queryKey: jobKeys.why(cluster, id),
      queryFn: ({ signal }) =>
        apiGet(
          `/api/clusters/${encodeURIComponent(cluster)}/jobs/${encodeURIComponent(id)}/why`,
          whySchema,
          signal,
        ),
    }),
};
