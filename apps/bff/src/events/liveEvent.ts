import { z } from 'zod';

/**
 * A live event as the browser receives it in the `data:` of `/api/events` frames. Upstream events of any
 * shape (OJS event envelope, realtime payload, poll item, snapshot diff) are normalised to this.
 */
export const liveEventSchema = z.object({
  cluster: z.string(),
  type: z.string(),
  time: z.string(),
  job_id: z.string().optional(),
  queue: z.string().optional(),
  job_type: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  attempt: z.number().optional(),
  worker_id: z.string().optional(),
  workflow_id: z.string().optional(),
  error: z
    .object({ code: z.string().optional(), message: z.string().optional(), type: z.string().optional() })
    .optional(),
  progress: z.number().optional(),
  data: z.record(z.string(), z.unknown()),
});

export type LiveEvent = z.infer<typeof liveEventSchema>;

/** Event types the BFF itself emits. */
export const SYSTEM_EVENT_TYPES = {
  /** Resume was impossible: refetch everything. */
  gap: 'system.gap',
  /** An upstream went away or came back. */
  cluster: 'system.cluster',
} as const;

/** Filters a browser can put on its stream (all AND-ed; lists are OR). */
export interface LiveEventFilter {
  clusters?: string[] | undefined;
  queues?: string[] | undefined;
  jobs?: string[] | undefined;
  /** Exact types or `prefix.*`. */
  types?: string[] | undefined;
}

export function isEmptyFilter(filter: LiveEventFilter): boolean {
  return !filter.clusters?.length && !filter.queues?.length && !filter.jobs?.length && !filter.types?.length;
}

function typeMatches(type: string, patterns: string[]): boolean {
  return patterns.some((pattern) =>
    pattern === '*'
      ? true
      : pattern.endsWith('.*')
        ? type.startsWith(pattern.slice(0, -1))
        : type === pattern,
  );
}

/** Facts about an event that filters look at (kept beside the serialized frame). */
export interface EventFacts {
  type: string;
  cluster: string;
  queue?: string | undefined;
  jobId?: string | undefined;
}

export function matchesFilter(event: EventFacts, filter: LiveEventFilter): boolean {
  if (event.type === SYSTEM_EVENT_TYPES.gap) return true;
  if (filter.clusters?.length && !filter.clusters.includes(event.cluster)) return false;
  if (event.type === SYSTEM_EVENT_TYPES.cluster) return true;
  if (filter.queues?.length && (event.queue === undefined || !filter.queues.includes(event.queue)))
    return false;
  if (filter.jobs?.length && (event.jobId === undefined || !filter.jobs.includes(event.jobId))) return false;
  if (filter.types?.length && !typeMatches(event.type, filter.types)) return false;
  return true;
}
