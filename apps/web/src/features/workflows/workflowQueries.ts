import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiPath } from '../../api/apiClient';
import { workflowDetailSchema, workflowListSchema } from './workflow.mapper';
import { workflowKeys } from './workflowKeys';

export const workflowQueries = {
  list: (cluster: string | undefined, state: string | undefined) =>
    queryOptions({
      queryKey: workflowKeys.list(cluster, state),
      queryFn: ({ signal }) =>
        apiGet(apiPath('/api/workflows', { cluster, state }), workflowListSchema, signal),
    }),
  detail: (cluster: string, id: string) =>
    queryOptions({
      queryKey: workflowKeys.detail(cluster, id),
      queryFn: ({ signal }) =>
        apiGet(
          `/api/clusters/${encodeURIComponent(cluster)}/workflows/${encodeURIComponent(id)}`,
          workflowDetailSchema,
          signal,
        ),
    }),
};
