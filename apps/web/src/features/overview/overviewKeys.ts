import { scopeOf } from '../../api/ojsKeys';
import type { StatsWindow } from './overview.mapper';

export const overviewKeys = {
  overview: (cluster: string | undefined) => ['ojs', scopeOf(cluster), 'overview'] as const,
  signals: () => ['ojs', 'all', 'signals'] as const,
  statsAll: (cluster: string | undefined) => ['ojs', scopeOf(cluster), 'stats'] as const,
  stats: (cluster: string | undefined, queue: string | undefined, window: StatsWindow) =>
    [...overviewKeys.statsAll(cluster), { queue: queue ?? null, window }] as const,
};
