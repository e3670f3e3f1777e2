import { z } from 'zod';
import { JOB_STATES } from '../../api/wireCommon';

export const JOB_SORTS = ['created_at', 'priority', 'scheduled_at'] as const;
export type JobSort = (typeof JOB_SORTS)[number];

/** The jobs explorer's URL search params; every filter lives in the URL. */
export const jobSearchSchema = z.object({
  cluster: z.string().optional().catch(undefined),
  state: z.enum(JOB_STATES).optional().catch(undefined),
  queue: z.string().optional().catch(undefined),
  type: z.string().optional().catch(undefined),
  since: z.string().optional().catch(undefined),
  until: z.string().optional().catch(undefined),
  q: z.string().optional().catch(undefined),
  sort: z.enum(JOB_SORTS).optional().catch(undefined),
  order: z.enum(['asc', 'desc']).optional().catch(undefined),
  /** Selected job ids (cluster:id), comma separated, or `all` for "every job matching". */
  sel: z.string().optional().catch(undefined),
});
export type JobSearch = z.output<typeof jobSearchSchema>;

/** What is sent to `/api/jobs` (without paging). */
export interface JobListFilter {
  cluster?: string;
  state?: string;
  queue?: string;
  type?: string;
  since?: string;
  until?: string;
  q?: string;
  sort: JobSort;
  order: 'asc' | 'desc';
}

export function toListFilter(search: JobSearch): JobListFilter {
  const filter: JobListFilter = { sort: search.sort ?? 'created_at', order: search.order ?? 'desc' };
  if (search.cluster) filter.cluster = search.cluster;
  if (search.state) filter.state = search.state;
  if (search.queue) filter.queue = search.queue;
  if (search.type) filter.type = search.type;
  if (search.since) filter.since = search.since;
  if (search.until) filter.until = search.until;
  const q = search.q?.trim();
  if (q) filter.q = q;
  return filter;
}

/** Time range presets offered next to the filters, resolved to an ISO `since` relative to `now`. */
export const TIME_RANGES = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 60 * 60_000 },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 60 * 60_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * 60 * 60_000 },
] as const;

export function sinceFor(rangeId: string, now: Date): string | undefined {
  const range = TIME_RANGES.find((r) => r.id === rangeId);
  return range ? new Date(now.getTime() - range.ms).toISOString() : undefined;
}

/** Selection encoding in the URL: `all` or `cluster:id,cluster:id`. */
export type Selection = { kind: 'all' } | { kind: 'some'; ids: ReadonlySet<string> };

export function parseSelection(sel: string | undefined): Selection {
  if (sel === 'all') return { kind: 'all' };
  const ids = (sel ?? '').split(',').filter((s) => s.length > 0);
  return { kind: 'some', ids: new Set(ids) };
}

export function formatSelection(selection: Selection): string | undefined {
  if (selection.kind === 'all') return 'all';
  if (selection.ids.size === 0) return undefined;
  return [...selection.ids].join(',');
}

export function toggleSelected(selection: Selection, key: string): Selection {
  const ids = new Set(selection.kind === 'some' ? selection.ids : []);
  if (ids.has(key)) ids.delete(key);
  else ids.add(key);
  return { kind: 'some', ids };
}

export const selectionKey = (job: { cluster: string; id: string }) => `${job.cluster}:${job.id}`;

export function splitSelectionKey(key: string): { cluster: string; id: string } {
  const at = key.indexOf(':');
  return { cluster: key.slice(0, at), id: key.slice(at + 1) };
}
