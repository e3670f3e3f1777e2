import type { Signal } from './overview.mapper';

export type SignalTarget =
  | { to: '/queues/$cluster/$name'; params: { cluster: string; name: string } }
  | { to: '/workers'; search: { cluster?: string; stale?: boolean } }
  | { to: '/jobs'; search: Record<string, string> }
  | { to: '/settings' }
  | { to: '/jobs/$cluster/$id'; params: { cluster: string; id: string } }
  | { to: '/workflows/$cluster/$id'; params: { cluster: string; id: string } }
  | { to: '/queues'; search: { cluster?: string } };

const JOB_FILTER_KEYS = ['cluster', 'queue', 'state', 'type', 'q', 'since', 'until', 'sort', 'order'];

/** Where a health signal sends the on-call engineer to act. */
export function signalTarget(signal: Signal): SignalTarget {
  const params = signal.link?.params ?? {};
  const cluster = params['cluster'] ?? signal.cluster;
  const queue = params['queue'] ?? params['name'] ?? signal.queue;
  switch (signal.link?.page) {
    case 'queue':
      return queue
        ? { to: '/queues/$cluster/$name', params: { cluster, name: queue } }
        : { to: '/queues', search: { cluster } };
    case 'worker':
      return {
        to: '/workers',
        search: { cluster, stale: signal.kind === 'stale_worker' ? true : undefined },
      };
    case 'jobs': {
      const search: Record<string, string> = {};
      for (const key of JOB_FILTER_KEYS) {
        const value = params[key];
        if (value) search[key] = value;
      }
      if (!search['cluster']) search['cluster'] = cluster;
      return { to: '/jobs', search };
    }
    case 'cluster':
      return { to: '/settings' };
    case 'job': {
      const id = params['job_id'] ?? params['id'];
      return id
        ? { to: '/jobs/$cluster/$id', params: { cluster, id } }
        : { to: '/jobs', search: { cluster } };
    }
    case 'workflow': {
      const id = params['workflow_id'] ?? params['id'];
      return id ? { to: '/workflows/$cluster/$id', params: { cluster, id } } : { to: '/settings' };
    }
    default:
      if (signal.kind === 'cluster_unreachable') return { to: '/settings' };
      if (signal.kind === 'stale_worker') return { to: '/workers', search: { cluster, stale: true } };
      if (queue) return { to: '/queues/$cluster/$name', params: { cluster, name: queue } };
      return { to: '/queues', search: { cluster } };
  }
}

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/** Most severe first, then oldest first. */
export function sortSignals(signals: readonly Signal[]): Signal[] {
  return [...signals].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.since ?? '').localeCompare(b.since ?? '') ||
      a.id.localeCompare(b.id),
  );
}
