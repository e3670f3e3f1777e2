import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiPath } from '../../api/apiClient';
import { cronListSchema } from './cron.mapper';
import { cronKeys } from './cronKeys';

export const cronQueries = {
  list: (cluster: string | undefined) =>
    queryOptions({
      queryKey: cronKeys.list(cluster),
      queryFn: ({ signal }) => apiGet(apiPath('/api/crons', { cluster }), cronListSchema, signal),
    }),
};
