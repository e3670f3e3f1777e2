import { type OjsEvent, eventsPollResponseSchema } from '@lookout/ojs-types';
import { OjsEventStream, type OjsEventStreamOptions } from '../OjsEventStream';
import { EventPoller, type EventPollerOptions, type EventsPollQuery } from '../poller';
import { type CallOptions, type Transport } from '../transport';

/** Server-wide events: `GET /ojs/v1/events` polling, and SSE on any path. */
export function eventsApi(transport: Transport) {
  const poll = (query: EventsPollQuery = {}, options?: CallOptions) =>
    transport.request(
      {
        method: 'GET',
        path: '/ojs/v1/events',
        query: {
          after: query.after,
          types: query.types,
          queues: query.queues,
          job_types: query.jobTypes,
          limit: query.limit,
        },
        schema: eventsPollResponseSchema,
      },
      options,
    );
  return {
    /** One `GET /ojs/v1/events` call -> `{events, cursor?, has_more?}`. */
    poll,

    /**
     * Follows `GET /ojs/v1/events` from `after` as an async iterable of event envelopes, with
     * backoff on failures and connection state reporting. Read `.cursor` to resume later.
     */
    poller: (options: EventPollerOptions = {}): EventPoller<OjsEvent> => {
      return new EventPoller<OjsEvent>(poll, options);
    },

    /**
     * SSE on any server path (e.g. a server-wide stream such as `/ojs/v1/events/stream`), with
     * reconnect, Last-Event-ID and gap reporting. `path` starts with `/`.
     */
    stream: (path: string, options: OjsEventStreamOptions = {}): OjsEventStream => {
      if (!path.startsWith('/')) throw new TypeError('stream path must start with "/"');
      return new OjsEventStream(transport, path, options);
    },
  };
}

export type EventsApi = ReturnType<typeof eventsApi>;
