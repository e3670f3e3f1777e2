import { adminWorkerDetailSchema, adminWorkerSchema, adminWorkersResponseSchema } from '@lookout/ojs-types';
import { z } from 'zod';
import { type CallOptions, type Transport, seg } from '../transport';
import { type AdminPageQuery, ignoredBodySchema, pageParams } from './adminShared';

const adminWorkersListSchema = z.union([
  adminWorkersResponseSchema,
  z.array(adminWorkerSchema).transform((items) => ({ items })),
]);

/** Quiet answers are unspecified: a worker, `{worker}`, or anything else (-> undefined). */
const quietResultSchema = z.union([
  adminWorkerSchema,
  z.looseObject({ worker: adminWorkerSchema }).transform((body) => body.worker),
  ignoredBodySchema,
]);

/** Admin worker management (`/ojs/v1/admin/workers`). */
export function adminWorkersApi(transport: Transport) {
  const base = '/ojs/v1/admin/workers';
  return {
    /** `GET /admin/workers` -> `{items, summary?, pagination?}`. */
    list: (query: AdminPageQuery = {}, options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: base, query: pageParams(query), schema: adminWorkersListSchema },
        options,
      );
    },

    /** `GET /admin/workers/{id}` -> the worker plus its active jobs. */
    get: (id: string, options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: `${base}/${seg(id)}`, schema: adminWorkerDetailSchema },
        options,
      );
    },

    /** `POST /admin/workers/{id}/quiet`: delivered with the worker's next heartbeat. */
    quiet: (id: string, options?: CallOptions) => {
      return transport.request(
        { method: 'POST', path: `${base}/${seg(id)}/quiet`, schema: quietResultSchema },
        options,
      );
    },

    /** `DELETE /admin/workers/{id}`: deregisters a stale worker (its jobs are rescheduled). */
    deregister: async (id: string, options?: CallOptions): Promise<void> => {
      await transport.request(
        { method: 'DELETE', path: `${base}/${seg(id)}`, schema: ignoredBodySchema },
        options,
      );
    },
  };
}

export type AdminWorkersApi = ReturnType<typeof adminWorkersApi>;
