import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiPath } from '../../api/apiClient';
import { queueDetailSchema, queueListSchema } from './queue.mapper';
import { queueKeys } from './queueKeys';

export const queueQueries = {
  list: (cluster: string | undefined) =>
    queryOptions({
      queryKey: queueKeys.list(cluster),
      queryFn: ({ signal }) => apiGet(apiPath('/api/queues', { cluster }), queueListSchema, signal),
    }),
  detail: (cluster: string, name: string) =>
    queryOptions({
      queryKey: queueKeys.detail(cluster, name),
      queryFn: ({ signal }) =>
        apiGet(
          `/api/clusters/${encodeURIComponent(cluster)}/queues/${encodeURIComponent(name)}`,
          queueDetailSchema,
          signal,
        ),
    }),
};
