import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { eventsQuerySchema } from '../api/schemas';
import { nodeResponseSink, SSE_HEADERS, webStreamSink } from '../events/sseSinks';
import type { Subscription } from '../events/EventHub';
import type { BffDeps } from '../http/BffDeps';
import type { BffEnv } from '../http/BffEnv';
import { parseQuery } from '../http/validate';

/**
 * `GET /api/events`: one SSE connection per browser, written straight to Node's response (never
 * compressed). Resume with `Last-Event-ID` (header, or `last_event_id` query for clients that cannot set it).
 */
export function eventRoutes(deps: BffDeps) {
  return new Hono<BffEnv>().get('/events', (c) => {
    const query = parseQuery(c, eventsQuerySchema);
    const filter = { clusters: query.cluster, queues: query.queue, jobs: query.job, types: query.types };
    const lastEventId = c.req.header('last-event-id') ?? c.req.query('last_event_id');
    const { incoming, outgoing } = c.env ?? {};
    if (incoming && outgoing) {
      outgoing.writeHead(200, SSE_HEADERS);
      outgoing.socket?.setNoDelay(true);
      deps.metrics.sseClients.inc();
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        subscription.close();
        deps.metrics.sseClients.dec();
      };
      const subscription: Subscription = deps.hub.subscribe(
        nodeResponseSink(outgoing),
        filter,
        lastEventId,
        release,
      );
      // `close` on the response fires when the browser goes away (the request's own `close` fires as soon
      // as its empty body is read, so it is not a disconnect signal).
      outgoing.once('close', release);
      if (outgoing.destroyed) release();
      return RESPONSE_ALREADY_SENT;
    }
    deps.metrics.sseClients.inc();
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      subscription.close();
      deps.metrics.sseClients.dec();
    };
    const { sink, stream } = webStreamSink(release);
    const subscription: Subscription = deps.hub.subscribe(sink, filter, lastEventId, release);
    c.req.raw.signal.addEventListener('abort', () => {
      release();
      sink.end();
    });
    return new Response(stream, { status: 200, headers: SSE_HEADERS });
  });
}
