import {
  type PurgeRequest,
  type QueueConfig,
  adminQueueDetailSchema,
  adminQueueSchema,
  adminQueuesResponseSchema,
  purgeResponseSchema,
  queueConfigSchema,
  queuePauseResponseSchema,
} from '@lookout/ojs-types';
import { z } from 'zod';
import { type CallOptions, type Transport, seg } from '../transport';
import { type AdminPageQuery, pageParams } from './adminShared';

/** `{items, pagination?}`; a bare array (openapi) is lifted to `{items}`. */
const adminQueuesListSchema = z.union([
  adminQueuesResponseSchema,
  z.array(adminQueueSchema).transform((items) => ({ items })),
]);

/** PUT config answers the config, the queue detail, or nothing. */
const queueConfigResultSchema = z.union([
  z.looseObject({ configuration: queueConfigSchema }).transform((body) => body.configuration),
  queueConfigSchema,
  z.undefined(),
]);

/** Admin queue management (`/ojs/v1/admin/queues`). */
export function adminQueuesApi(transport: Transport) {
  const base = '/ojs/v1/admin/queues';
  return {
    /** `GET /admin/queues` -> `{items: AdminQueue[], pagination?}`. */
    list: (query: AdminPageQuery = {}, options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: base, query: pageParams(query), schema: adminQueuesListSchema },
        options,
      );
    },

    /** `GET /admin/queues/{name}` -> queue with counts, configuration, oldest_available_at. */
    get: (name: string, options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: `${base}/${seg(name)}`, schema: adminQueueDetailSchema },
        options,
      );
    },

    /** `POST /admin/queues/{name}/pause` -> `{name, paused, paused_at?}`. */
    pause: async (name: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: `${base}/${seg(name)}/pause`, schema: queuePauseResponseSchema },
        options,
      );
      return data.queue;
    },

    /** `POST /admin/queues/{name}/resume` -> `{name, paused, paused_at?}`. */
    resume: async (name: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: `${base}/${seg(name)}/resume`, schema: queuePauseResponseSchema },
        options,
      );
      return data.queue;
    },

    /** `DELETE /admin/queues/{name}/jobs` with `{states, older_than?, confirm: true}` -> `{purged_count}`. */
    purge: (name: string, request: PurgeRequest, options?: CallOptions) => {
      return transport.request(
        { method: 'DELETE', path: `${base}/${seg(name)}/jobs`, body: request, schema: purgeResponseSchema },
        options,
      );
    },

    /** `PUT /admin/queues/{name}/config` -> the new configuration when the server returns it. */
    setConfig: (name: string, config: QueueConfig, options?: CallOptions) => {
      return transport.request(
        { method: 'PUT', path: `${base}/${seg(name)}/config`, body: config, schema: queueConfigResultSchema },
        options,
      );
    },
  };
}

export type AdminQueuesApi = ReturnType<typeof adminQueuesApi>;
