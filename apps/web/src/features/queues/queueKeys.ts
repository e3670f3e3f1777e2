import { scopeOf } from '../../api/ojsKeys';

export const queueKeys = {
  all: (cluster: string | undefined) => ['ojs', scopeOf(cluster), 'queues'] as const,
  list: (cluster: string | undefined) => [...queueKeys.all(cluster), 'list'] as const,
  detail: (cluster: string, name: string) => [...queueKeys.all(cluster), 'detail', name] as const,
};
