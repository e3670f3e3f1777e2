import { scopeOf } from '../../api/ojsKeys';

export const workflowKeys = {
  all: (cluster: string | undefined) => ['ojs', scopeOf(cluster), 'workflows'] as const,
  list: (cluster: string | undefined, state: string | undefined) =>
    [...workflowKeys.all(cluster), 'list', { state: state ?? null }] as const,
  detail: (cluster: string, id: string) => [...workflowKeys.all(cluster), 'detail', id] as const,
};
