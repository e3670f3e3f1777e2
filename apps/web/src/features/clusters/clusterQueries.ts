import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../api/apiClient';
import { operationEnvelopeSchema } from '../jobs/operation.mapper';
import { clusterListSchema, healthSchema, meSchema } from './cluster.mapper';
import { clusterKeys } from './clusterKeys';

export const clusterQueries = {
  health: () =>
    queryOptions({
      queryKey: clusterKeys.health(),
      queryFn: ({ signal }) => apiGet('/api/health', healthSchema, signal),
      refetchInterval: 30_000,
    }),
  list: () =>
    queryOptions({
      queryKey: clusterKeys.list(),
      queryFn: ({ signal }) => apiGet('/api/clusters', clusterListSchema, signal),
      staleTime: 60_000,
    }),
  me: () =>
    queryOptions({
      queryKey: clusterKeys.me(),
      queryFn: ({ signal }) => apiGet('/api/me', meSchema, signal),
      staleTime: 5 * 60_000,
    }),
  operation: (id: string) =>
    queryOptions({
      queryKey: clusterKeys.operation(id),
      queryFn: ({ signal }) =>
        apiGet(`/api/operations/${encodeURIComponent(id)}`, operationEnvelopeSchema, signal),
      refetchInterval: (query) => (query.state.data?.state === 'running' || !query.state.data ? 500 : false),
    }),
};
