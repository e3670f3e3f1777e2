import type { JobRecord } from './records';
import type { JobFilter } from './OjsStore';

/**
 * Listing partitions. Every job belongs to one sorted partition per combination of the exact-match
 * filters (state, queue, type), plus the dead-letter partitions. A listing picks the partition matching its
 * exact filters, so it pages through an index and never scans unrelated jobs; the partition sizes double as
 * O(1) counters.
 */
export function partitionKeys(job: Pick<JobRecord, 'state' | 'queue' | 'type' | 'deadLetterAt'>): string[] {
  const { state: s, queue: q, type: t } = job;
  const keys = [
    '*',
    `s|${s}`,
    `q|${q}`,
    `qs|${q}|${s}`,
    `t|${t}`,
    `ts|${t}|${s}`,
    `tq|${t}|${q}`,
    `tqs|${t}|${q}|${s}`,
  ];
  if (job.deadLetterAt !== undefined) keys.push('d', `dq|${q}`);
  return keys;
}

/** The partition a filter reads, and whether type still has to be checked per row. */
export function partitionFor(filter: JobFilter): { key: string; residualType: boolean } {
  const { queue, type } = filter;
  let state = filter.state;
  if (state === undefined && filter.states?.length === 1) state = filter.states[0];
  // several states: read the partition without state and check the state per row
  const multi = filter.states !== undefined && filter.states.length > 1;
  if (multi) {
    const inner = partitionFor({ ...filter, state: undefined, states: undefined });
    return { key: inner.key, residualType: true };
  }
  if (filter.deadLetter) {
    return {
      key: queue !== undefined ? `dq|${queue}` : 'd',
      residualType: type !== undefined || state !== undefined,
    };
  }
  if (type !== undefined) {
    if (queue !== undefined && state !== undefined)
      return { key: `tqs|${type}|${queue}|${state}`, residualType: false };
    if (queue !== undefined) return { key: `tq|${type}|${queue}`, residualType: false };
    if (state !== undefined) return { key: `ts|${type}|${state}`, residualType: false };
    return { key: `t|${type}`, residualType: false };
  }
  if (queue !== undefined && state !== undefined) return { key: `qs|${queue}|${state}`, residualType: false };
  if (queue !== undefined) return { key: `q|${queue}`, residualType: false };
  if (state !== undefined) return { key: `s|${state}`, residualType: false };
  return { key: '*', residualType: false };
}

/** Row-level check of the filters a partition does not already guarantee. */
export function matchesFilter(job: JobRecord, filter: JobFilter): boolean {
  if (filter.state !== undefined && job.state !== filter.state) return false;
  if (filter.states !== undefined && filter.states.length > 0 && !filter.states.includes(job.state))
    return false;
  if (filter.queue !== undefined && job.queue !== filter.queue) return false;
  if (filter.type !== undefined && job.type !== filter.type) return false;
  if (filter.typePrefix !== undefined && !job.type.startsWith(filter.typePrefix)) return false;
  if (filter.since !== undefined && job.createdAt < filter.since) return false;
  if (filter.until !== undefined && job.createdAt >= filter.until) return false;
  if (filter.deadLetter && job.deadLetterAt === undefined) return false;
  return true;
}

export interface CursorKey {
  /** Sort value of the last row (created_at sorts use the creation sequence itself). */
  v: number;
  /** Creation sequence of the last row (tie breaker). */
  c: number;
}

export function encodeCursor(sort: string, order: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ s: sort, o: order, v: key.v, c: key.c })).toString('base64url');
}

/** Decode a cursor made by {@link encodeCursor} for the same sort; undefined when it does not fit. */
export function decodeCursor(cursor: string, sort: string, order: string): CursorKey | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const p = parsed as Record<string, unknown>;
    if (p['s'] !== sort || p['o'] !== order) return undefined;
    const v = p['v'];
    const c = p['c'];
    if (typeof v !== 'number' || typeof c !== 'number' || !Number.isFinite(v) || !Number.isFinite(c)) {
      return undefined;
    }
    return { v, c };
  } catch {
    return undefined;
  }
}

/** Sort value of a job for a sort field (scheduled_at falls back to created_at). */
export function sortValue(job: JobRecord, sort: string): number {
  if (sort === 'priority') return job.priority;
  if (sort === 'scheduled_at') return job.scheduledAt ?? job.createdAt;
  return job.cseq;
}
