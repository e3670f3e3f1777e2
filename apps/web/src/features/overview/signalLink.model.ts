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

/**
 * Keeps the list readable when many signals of one kind fire at once (a fleet of stale workers): at most
 * `perKind` of each kind are listed, the rest are counted per kind so the page can link to them as a whole.
 */
export function capSignals(
  signals: readonly Signal[],
  perKind = 3,
): { shown: Signal[]; hidden: { kind: string; count: number; first: Signal }[] } {
  const shown: Signal[] = [];
  const hidden = new Map<string, { kind: string; count: number; first: Signal }>();
  const seen = new Map<string, number>();
  for (const signal of sortSignals(signals)) {
    const n = seen.get(signal.kind) ?? 0;
    seen.set(signal.kind, n + 1);
    if (n < perKind) {
      shown.push(signal);
      continue;
    }
    const entry = hidden.get(signal.kind);
    if (entry) entry.count += 1;
    else hidden.set(signal.kind, { kind: signal.kind, count: 1, first: signal });
  }
  return { shown, hidden: [...hidden.values()] };
}
