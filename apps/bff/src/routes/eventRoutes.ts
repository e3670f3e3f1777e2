import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { eventsQuerySchema } from '../api/schemas';
import type { SseSink, Subscription } from '../events/EventHub';
import { nodeResponseSink, SSE_HEADERS, webStreamSink } from '../events/sseSinks';
import type { BffDeps } from '../http/BffDeps';
import { parseQuery } from '../http/validate';
import { redactingSink } from '../security/redactingSink';
import { contentSecurityPolicy } from '../security/securityHeaders';
import { redactsFor } from '../security/viewerRedaction';
import { route, type RouteSpec } from './routeTable';

/** Headers of the live stream written straight to Node's response (the security headers middleware cannot add them). */
const STREAM_HEADERS: Record<string, string> = {
  ...SSE_HEADERS,
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': contentSecurityPolicy(),
  'Referrer-Policy': 'no-referrer',
};

/**
 * `GET /api/events`: one SSE connection per browser, written straight to Node's response (never
 * compressed). Resume with `Last-Event-ID` (header, or `last_event_id` query for clients that cannot set it).
 * Viewers get every frame redacted.
 */
export function eventRoutes(deps: BffDeps): RouteSpec[] {
  /**
   * Counts a connected client and returns its release: closes the subscription (read lazily, as it is made
   * after the release is handed to it) and uncounts the client, once whatever calls it first.
   */
  const clientRelease = (subscription: () => Subscription): (() => void) => {
    deps.metrics.sseClients.inc();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      subscription().close();
      deps.metrics.sseClients.dec();
    };
  };
  return [
    route('GET', '/events', 'viewer', (c) => {
      const query = parseQuery(c, eventsQuerySchema);
      const filter = { clusters: query.cluster, queues: query.queue, jobs: query.job, types: query.types };
      const lastEventId = c.req.header('last-event-id') ?? c.req.query('last_event_id');
      const wrap = (sink: SseSink): SseSink => (redactsFor(c) ? redactingSink(sink, deps.redactor) : sink);
      const { incoming, outgoing } = c.env ?? {};
      if (incoming && outgoing) {
        outgoing.writeHead(200, { ...STREAM_HEADERS, 'X-Request-Id': c.get('requestId') });
        outgoing.socket?.setNoDelay(true);
        const release = clientRelease(() => subscription);
        const subscription: Subscription = deps.hub.subscribe(
          wrap(nodeResponseSink(outgoing)),
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
      const release = clientRelease(() => subscription);
      const { sink, stream } = webStreamSink(release);
      const subscription: Subscription = deps.hub.subscribe(wrap(sink), filter, lastEventId, release);
      c.req.raw.signal.addEventListener('abort', () => {
        release();
        sink.end();
      });
      return new Response(stream, { status: 200, headers: STREAM_HEADERS });
    }),
  ];
}
