import { scopeOf } from '../../api/ojsKeys';
import type { JobListFilter } from './jobFilter.model';

export const jobKeys = {
  all: (cluster: string | undefined) => ['ojs', scopeOf(cluster), 'jobs'] as const,
  lists: (cluster: string | undefined) => [...jobKeys.all(cluster), 'list'] as const,
  list: (cluster: string | undefined, filter: JobListFilter) => [...jobKeys.lists(cluster), filter] as const,
  detail: (cluster: string, id: string) => [...jobKeys.all(cluster), 'detail', id] as const,
  why: (cluster: string, id: string) => [...jobKeys.all(cluster), 'why', id] as const,
};
