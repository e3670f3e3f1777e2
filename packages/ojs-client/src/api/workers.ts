import {
  type AckRequest,
  type FetchRequest,
  type HeartbeatRequest,
  type NackRequest,
  ackResponseSchema,
  fetchResponseSchema,
  heartbeatDirective,
  heartbeatResponseSchema,
  nackResponseSchema,
} from '@lookout/ojs-types';
import { type CallOptions, type Transport } from '../transport';

/** Worker protocol (`/ojs/v1/workers/*`). */
export function workersApi(transport: Transport) {
  return {
    /** `POST /ojs/v1/workers/fetch`: claims up to `count` jobs from `queues` (checked in order). */
    fetch: async (request: FetchRequest, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: '/ojs/v1/workers/fetch', body: request, schema: fetchResponseSchema },
        options,
      );
      return data.jobs;
    },

    /** `POST /ojs/v1/workers/ack`. */
    ack: (request: AckRequest, options?: CallOptions) => {
      return transport.request(
        { method: 'POST', path: '/ojs/v1/workers/ack', body: request, schema: ackResponseSchema },
        options,
      );
    },

    /** `POST /ojs/v1/workers/nack`. */
    nack: (request: NackRequest, options?: CallOptions) => {
      return transport.request(
        { method: 'POST', path: '/ojs/v1/workers/nack', body: request, schema: nackResponseSchema },
        options,
      );
    },

    /**
     * `POST /ojs/v1/workers/heartbeat`. Adds `resolvedDirective`: the instruction (`running`,
     * `quiet`, `terminate`) whichever spelling the server used (`state`, `directive`, Lite's `continue`).
     */
    heartbeat: async (request: HeartbeatRequest, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: '/ojs/v1/workers/heartbeat', body: request, schema: heartbeatResponseSchema },
        options,
      );
      return { ...data, resolvedDirective: heartbeatDirective(data) };
    },
  };
}

export type WorkersApi = ReturnType<typeof workersApi>;
