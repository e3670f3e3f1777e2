import { scopeOf } from '../../api/ojsKeys';

export const workerKeys = {
  all: (cluster: string | undefined) => ['ojs', scopeOf(cluster), 'workers'] as const,
  list: (cluster: string | undefined) => [...workerKeys.all(cluster), 'list'] as const,
};
