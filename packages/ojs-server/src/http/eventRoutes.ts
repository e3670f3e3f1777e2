import { Hono } from 'hono';
import type { OjsEvent } from '../events/EventLog';
import { invalidRequest } from '../errors';
import type { AppEnv, HttpDeps } from './AppEnv';
import { ojsJson } from './response';
import { queryObject } from './validate';

const list = (v: string | undefined): string[] | undefined =>
  v === undefined || v.trim() === ''
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');

/** The wire form of an event: the envelope plus `seq` and (for transitions) `state_change`. */
export function eventToWire(e: OjsEvent): Record<string, unknown> {
  return e as unknown as Record<string, unknown>;
}

/** `GET /ojs/v1/events` (events §6.4): cursor polling over the event log. */
export function eventRoutes(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { events } = deps;

  app.get('/events', (c) => {
    const q = queryObject(c.req.url);
    const afterRaw = q['after'] ?? q['cursor'];
    let after = 0;
    if (afterRaw !== undefined && afterRaw !== '') {
      after = Number(afterRaw);
      if (!Number.isSafeInteger(after) || after < 0)
        throw invalidRequest('after: must be a cursor returned by this endpoint');
    }
    const limitRaw = q['limit'];
    const limit = limitRaw === undefined ? 100 : Number(limitRaw);
    if (!Number.isSafeInteger(limit) || limit < 1) throw invalidRequest('limit: must be a positive integer');
    const filter: Parameters<typeof events.readAfter>[2] = {};
    const types = list(q['types'] ?? q['event_types']);
    const queues = list(q['queues'] ?? q['queue']);
    const jobTypes = list(q['job_types']);
    if (types) filter.types = types;
    if (queues) filter.queues = queues;
    if (jobTypes) filter.jobTypes = jobTypes;
    if (q['subject'] !== undefined) filter.subject = q['subject'];
    const res = events.readAfter(after, Math.min(limit, 1000), filter);
    const body: Record<string, unknown> = {
      events: res.events.map(eventToWire),
      cursor: String(res.cursor),
      has_more: res.hasMore,
      first_seq: events.firstSeq,
      last_seq: events.lastSeq,
    };
    if (res.gap) body['gap'] = { oldest_available: events.firstSeq, requested_after: after };
    return ojsJson(c, body);
  });

  return app;
}
