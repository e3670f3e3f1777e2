import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiPath } from '../../api/apiClient';
import { workerListSchema } from './worker.mapper';
import { workerKeys } from './workerKeys';

export const workerQueries = {
  list: (cluster: string | undefined) =>
    queryOptions({
      queryKey: workerKeys.list(cluster),
      queryFn: ({ signal }) => apiGet(apiPath('/api/workers', { cluster }), workerListSchema, signal),
    }),
};
