import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiPath } from '../../api/apiClient';
import { deadLetterGroupDetailSchema, deadLetterListSchema } from './deadLetter.mapper';
import { deadLetterKeys } from './deadLetterKeys';

export const deadLetterQueries = {
  list: (cluster: string | undefined, queue: string | undefined) =>
    queryOptions({
      queryKey: deadLetterKeys.list(cluster, queue),
      queryFn: ({ signal }) =>
        apiGet(apiPath('/api/dead-letter', { cluster, queue }), deadLetterListSchema, signal),
    }),
  group: (cluster: string | undefined, fingerprint: string) =>
    queryOptions({
      queryKey: deadLetterKeys.group(cluster, fingerprint),
      queryFn: ({ signal }) =>
        apiGet(
          apiPath(`/api/dead-letter/groups/${encodeURIComponent(fingerprint)}`, { cluster }),
          deadLetterGroupDetailSchema,
          signal,
        ),
    }),
};
