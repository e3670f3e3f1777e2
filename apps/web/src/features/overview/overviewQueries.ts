import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiPath } from '../../api/apiClient';
import { overviewSchema, signalSchema, statsHistorySchema, type StatsWindow } from './overview.mapper';
import { overviewKeys } from './overviewKeys';

const signalListSchema = z.object({ signals: z.array(signalSchema) }).transform((b) => b.signals);

export const overviewQueries = {
  overview: (cluster: string | undefined) =>
    queryOptions({
      queryKey: overviewKeys.overview(cluster),
      queryFn: ({ signal }) => apiGet(apiPath('/api/overview', { cluster }), overviewSchema, signal),
    }),
  signals: () =>
    queryOptions({
      queryKey: overviewKeys.signals(),
      queryFn: ({ signal }) => apiGet('/api/signals', signalListSchema, signal),
    }),
  stats: (cluster: string | undefined, queue: string | undefined, window: StatsWindow) =>
    queryOptions({
      queryKey: overviewKeys.stats(cluster, queue, window),
      queryFn: ({ signal }) =>
        apiGet(apiPath('/api/stats/history', { cluster, queue, window }), statsHistorySchema, signal),
      // Live events keep the newest bucket current; a periodic refetch realigns the whole window.
      refetchInterval: window === '15m' ? 60_000 : 5 * 60_000,
    }),
};
