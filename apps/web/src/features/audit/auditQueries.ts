import { infiniteQueryOptions } from '@tanstack/react-query';
import { apiGet, apiPath } from '../../api/apiClient';
import { auditPageSchema } from './audit.mapper';
import { auditParams, type AuditFilter } from './auditFilter.model';

export const AUDIT_PAGE_SIZE = 100;

export const auditKeys = {
  all: () => ['audit'] as const,
  list: (filter: AuditFilter) => ['audit', 'list', auditParams(filter)] as const,
};

export const auditQueries = {
  /** Newest first; each "load more" asks for the entries before the last one shown. */
  list: (filter: AuditFilter) =>
    infiniteQueryOptions({
      queryKey: auditKeys.list(filter),
      initialPageParam: undefined as number | undefined,
      queryFn: ({ pageParam, signal }) =>
        apiGet(
          apiPath('/api/audit', { ...auditParams(filter), limit: AUDIT_PAGE_SIZE, before: pageParam }),
          auditPageSchema,
          signal,
        ),
      getNextPageParam: (last) => last.nextBefore,
    }),
};
