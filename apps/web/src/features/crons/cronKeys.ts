import { scopeOf } from '../../api/ojsKeys';

export const cronKeys = {
  all: (cluster: string | undefined) => ['ojs', scopeOf(cluster), 'crons'] as const,
  list: (cluster: string | undefined) => [...cronKeys.all(cluster), 'list'] as const,
};
