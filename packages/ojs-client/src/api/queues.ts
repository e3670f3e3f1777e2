import {
  queueListResponseSchema,
  queuePauseResponseSchema,
  queueStatsResponseSchema,
} from '@lookout/ojs-types';
import { OjsEventStream, type OjsEventStreamOptions } from '../OjsEventStream';
import { type CallOptions, type Transport, seg } from '../transport';

export interface ListQueuesQuery {
  limit?: number | undefined;
  offset?: number | undefined;
  cursor?: string | undefined;
}

export interface QueueEventsOptions extends OjsEventStreamOptions {
  /** Only these event types (sent as `event_types`). */
  eventTypes?: readonly string[] | undefined;
}

/** Queue operations (`/ojs/v1/queues`). */
export function queuesApi(transport: Transport) {
  return {
    /** `GET /ojs/v1/queues`: `{queues, pagination?}` (bare-name lists are lifted to objects). */
    list: (query: ListQueuesQuery = {}, options?: CallOptions) => {
      return transport.request(
        {
          method: 'GET',
          path: '/ojs/v1/queues',
          query: { limit: query.limit, offset: query.offset, cursor: query.cursor },
          schema: queueListResponseSchema,
        },
        options,
      );
    },

    /** `GET /ojs/v1/queues/{name}/stats`, normalised from either spec shape to flat counters. */
    stats: async (name: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'GET', path: `/ojs/v1/queues/${seg(name)}/stats`, schema: queueStatsResponseSchema },
        options,
      );
      return data.queue;
    },

    /** `POST /ojs/v1/queues/{name}/pause` -> `{name, paused, paused_at?}`. */
    pause: async (name: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: `/ojs/v1/queues/${seg(name)}/pause`, schema: queuePauseResponseSchema },
        options,
      );
      return data.queue;
    },

    /** `POST /ojs/v1/queues/{name}/resume` -> `{name, paused, paused_at?}`. */
    resume: async (name: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: `/ojs/v1/queues/${seg(name)}/resume`, schema: queuePauseResponseSchema },
        options,
      );
      return data.queue;
    },

    /** SSE `GET /ojs/v1/queues/{name}/events`. */
    events: (name: string, options: QueueEventsOptions = {}): OjsEventStream => {
      const { eventTypes, ...rest } = options;
      return new OjsEventStream(transport, `/ojs/v1/queues/${seg(name)}/events`, {
        ...rest,
        query: { ...rest.query, event_types: eventTypes },
      });
    },
  };
}

export type QueuesApi = ReturnType<typeof queuesApi>;
