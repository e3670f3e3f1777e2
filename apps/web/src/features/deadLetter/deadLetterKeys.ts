import { scopeOf } from '../../api/ojsKeys';

export const deadLetterKeys = {
  all: (cluster: string | undefined) => ['ojs', scopeOf(cluster), 'dead-letter'] as const,
  list: (cluster: string | undefined, queue: string | undefined) =>
    [...deadLetterKeys.all(cluster), 'list', { queue: queue ?? null }] as const,
  group: (cluster: string | undefined, fingerprint: string) =>
    [...deadLetterKeys.all(cluster), 'group', fingerprint] as const,
};
