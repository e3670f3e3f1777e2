import type { OjsEvent } from '../../live/ojsEvent.mapper';

export interface EventFilter {
  cluster?: string | undefined;
  queue?: string | undefined;
  /** Type prefix: `job.` matches every job event; `job.failed` only that type. */
  type?: string | undefined;
}

export function matchesEvent(event: OjsEvent, filter: EventFilter): boolean {
  if (filter.cluster && event.cluster !== filter.cluster) return false;
  if (filter.queue && event.queue !== filter.queue) return false;
  if (filter.type) {
    const prefix = filter.type.endsWith('*') ? filter.type.slice(0, -1) : filter.type;
    if (!event.type.startsWith(prefix)) return false;
  }
  return true;
}

/** Newest first, filtered, at most `limit`. */
export function visibleEvents(events: readonly OjsEvent[], filter: EventFilter, limit: number): OjsEvent[] {
  const out: OjsEvent[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
    const e = events[i];
    if (e && matchesEvent(e, filter)) out.push(e);
  }
  return out;
}
