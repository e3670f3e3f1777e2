import { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { isTerminalState } from '@lookout/ojs-types';
import type { OjsEngine } from '../engine/OjsEngine';
import { invalidRequest, isOjsServerError, notFound, type OjsServerError } from '../errors';
import type { AppEnv, OjsApp } from '../http/AppEnv';
import { errorResponse, OJS_VERSION } from '../http/response';
import type { ManifestExtension } from '../http/systemRoutes';
import type { JobRecord } from '../store/records';
import { RealtimeHub } from './RealtimeHub';
import { resolveRealtimeOptions, type RealtimeOptionsInput } from './realtimeOptions';
import { sseEventFrame, sseRetry } from './sseFrame';
import { nodeSseSink, SSE_HEADERS, webSseSink, type SseSink } from './SseSink';
import {
  parseAllChannel,
  parseJobChannel,
  parseQueueChannel,
  type ChannelParse,
  type StreamChannel,
} from './streamChannel';

export interface RealtimeDeps {
  /** The engine: its event log feeds the streams; jobs and queues are looked up for 404s. */
  engine: Pick<OjsEngine, 'events' | 'clock' | 'findJob' | 'store'>;
  options?: RealtimeOptionsInput;
}

/** What {@link mountRealtime} gives back. */
export interface RealtimeHandle {
  readonly hub: RealtimeHub;
  /** Manifest entries for the mounted streams. */
  readonly extensions: ManifestExtension[];
  /** Send `server.shutdown` to every stream, close them, refuse new ones. Returns how many were closed. */
  shutdown(reason?: string): number;
}

export const REALTIME_PATHS = {
  job: '/ojs/v1/jobs/{id}/events',
  queue: '/ojs/v1/queues/{name}/events',
  all: '/ojs/v1/events/stream',
} as const;

export function realtimeExtensions(): ManifestExtension[] {
  return [
    {
      name: 'realtime',
      uri: 'urn:ojs:ext:realtime',
      version: '0.1.0',
      description: 'SSE per job and per queue: monotonic ids, Last-Event-ID replay, system.gap, heartbeats',
      endpoints: { job: REALTIME_PATHS.job, queue: REALTIME_PATHS.queue },
    },
    {
      name: 'events-stream',
      uri: 'urn:lookout:ext:events-stream',
      version: '1.0.0',
      description:
        'One SSE stream of every event as OJS envelopes (id = event sequence, Last-Event-ID replay, system.gap); ' +
        'filters: types (job.* prefixes), queues, job_id, job_types',
      endpoints: { stream: REALTIME_PATHS.all },
    },
  ];
}

const handles = new WeakMap<object, RealtimeHandle>();

/** The realtime handle mounted on `app`, if any (used by `startOjsServer` for graceful shutdown). */
export function realtimeOf(app: object): RealtimeHandle | undefined {
  return handles.get(app);
}

function nodeResponseOf(c: Context<AppEnv>): ServerResponse | undefined {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('outgoing' in env)) return undefined;
  const outgoing = env.outgoing;
  return outgoing instanceof ServerResponse && !outgoing.headersSent ? outgoing : undefined;
}

/** Connection limits are per API key when there is one, else per remote address. */
function clientKeyOf(c: Context<AppEnv>): string {
  const auth = c.req.header('authorization');
  if (auth !== undefined && auth !== '') return `key:${auth}`;
  const env: unknown = c.env;
  if (typeof env === 'object' && env !== null && 'incoming' in env) {
    const incoming = env.incoming;
    if (typeof incoming === 'object' && incoming !== null && 'socket' in incoming) {
      const socket = incoming.socket;
      if (typeof socket === 'object' && socket !== null && 'remoteAddress' in socket) {
        const address = socket.remoteAddress;
        if (typeof address === 'string') return `ip:${address}`;
      }
    }
  }
  return 'local';
}

function requestIdOf(c: Context<AppEnv>): string | undefined {
  const id: unknown = c.get('requestId');
  return typeof id === 'string' ? id : undefined;
}

function streamHeaders(c: Context<AppEnv>): Record<string, string> {
  const headers: Record<string, string> = { ...SSE_HEADERS, 'OJS-Version': OJS_VERSION };
  const requestId = requestIdOf(c);
  if (requestId !== undefined) headers['X-Request-Id'] = requestId;
  return headers;
}

/**
 * The job's current state as one `job.state_changed` (ojs-realtime §2.1, for jobs already terminal).
 * Its id is the newest event sequence: the transition happened at or before it.
 */
function terminalFrame(job: JobRecord, seq: number): string {
  const at = job.completedAt ?? job.cancelledAt ?? job.discardedAt ?? job.createdAt;
  const data = {
    job_id: job.id,
    queue: job.queue,
    type: job.type,
    from: job.previousState ?? null,
    to: job.state,
    timestamp: new Date(at).toISOString(),
  };
  return sseEventFrame(String(seq), 'job.state_changed', JSON.stringify(data));
}

/**
 * Mounts the SSE endpoints on `app`:
 * - `GET /ojs/v1/jobs/{id}/events` (404 JSON when the job does not exist; a terminal job gets its state
 *   as one `job.state_changed` and the stream closes),
 * - `GET /ojs/v1/queues/{name}/events` (404 when the queue does not exist),
 * - `GET /ojs/v1/events/stream`: every event as an OJS envelope, filtered by `types` (`job.*`), `queues`,
 *   `job_id`, `job_types`.
 * Served by @hono/node-server, streams are written straight to Node's response; elsewhere (e.g.
 * `app.fetch`) the body is a web `ReadableStream`.
 */
export function mountRealtime(app: OjsApp, deps: RealtimeDeps): RealtimeHandle {
  const { engine } = deps;
  const hub = new RealtimeHub(engine.events, engine.clock, resolveRealtimeOptions(deps.options));
  const retry = sseRetry(hub.options.retryMs);

  const fail = (c: Context<AppEnv>, err: OjsServerError): Response => errorResponse(err, requestIdOf(c));

  const serve = (c: Context<AppEnv>, parsed: ChannelParse): Response => {
    if (!parsed.ok) return fail(c, invalidRequest(parsed.message));
    const channel: StreamChannel = parsed.channel;
    const lastEventId = c.req.header('last-event-id') ?? parsed.lastEventId;
    const headers = streamHeaders(c);
    const outgoing = nodeResponseOf(c);
    try {
      if (outgoing) {
        hub.open(channel, clientKeyOf(c), lastEventId, (events) => nodeSseSink(outgoing, headers, events));
        return RESPONSE_ALREADY_SENT;
      }
      let body: ReadableStream<Uint8Array> | undefined;
      let sinkRef: SseSink | undefined;
      const signal = c.req.raw.signal;
      const onAbort = (): void => sinkRef?.end();
      hub.open(channel, clientKeyOf(c), lastEventId, (events) => {
        const web = webSseSink({
          onDrain: events.onDrain,
          onClose: () => {
            signal.removeEventListener('abort', onAbort);
            events.onClose();
          },
        });
        body = web.stream;
        sinkRef = web.sink;
        return web.sink;
      });
      signal.addEventListener('abort', onAbort, { once: true });
      return new Response(body ?? null, { status: 200, headers });
    } catch (e) {
      if (isOjsServerError(e)) return fail(c, e);
      throw e;
    }
  };

  app.get('/ojs/v1/events/stream', (c) => serve(c, parseAllChannel(c.req.queries())));

  app.get('/ojs/v1/jobs/:id/events', (c) => {
    const id = c.req.param('id');
    const job = engine.findJob(id);
    if (!job) return fail(c, notFound('Job', id));
    const parsed = parseJobChannel(id, c.req.queries());
    if (parsed.ok && isTerminalState(job.state)) {
      return new Response(retry + terminalFrame(job, engine.events.lastSeq), {
        status: 200,
        headers: streamHeaders(c),
      });
    }
    return serve(c, parsed);
  });

  app.get('/ojs/v1/queues/:name/events', (c) => {
    const name = c.req.param('name');
    if (!engine.store.getQueue(name)) return fail(c, notFound('Queue', name));
    return serve(c, parseQueueChannel(name, c.req.queries()));
  });

  const handle: RealtimeHandle = {
    hub,
    extensions: realtimeExtensions(),
    shutdown: (reason) => hub.shutdown(reason),
  };
  handles.set(app, handle);
  return handle;
}
