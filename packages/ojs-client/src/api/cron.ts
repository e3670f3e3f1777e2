import {
  type CronRegisterRequest,
  type cronJobSchema,
  cronListResponseSchema,
  cronResponseSchema,
} from '@lookout/ojs-types';
import { z } from 'zod';
import { type CallOptions, type Transport, seg } from '../transport';

/** DELETE answers `{cron}` (openapi/CT) or `{deleted:true, name}` (HB); both become `{name, cron?}`. */
const cronDeleteResponseSchema = z.union([
  cronResponseSchema.transform((body) => ({ name: body.cron.name, cron: body.cron })),
  z
    .looseObject({ deleted: z.boolean(), name: z.string().min(1) })
    .transform((body): { name: string; cron?: z.output<typeof cronJobSchema> } => ({ name: body.name })),
]);

/** Cron jobs (`/ojs/v1/cron`). */
export function cronApi(transport: Transport) {
  return {
    /** `GET /ojs/v1/cron` -> the registered cron jobs (`crons` or `cron_jobs`, normalised). */
    list: async (options?: CallOptions) => {
      const data = await transport.request(
        { method: 'GET', path: '/ojs/v1/cron', schema: cronListResponseSchema },
        options,
      );
      return data.crons;
    },

    /** `POST /ojs/v1/cron` (either request shape) -> the cron job. Registering an existing name upserts. */
    register: async (request: CronRegisterRequest, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: '/ojs/v1/cron', body: request, schema: cronResponseSchema },
        options,
      );
      return data.cron;
    },

    /** `DELETE /ojs/v1/cron/{name}` -> `{name, cron?}`. */
    delete: (name: string, options?: CallOptions) => {
      return transport.request(
        { method: 'DELETE', path: `/ojs/v1/cron/${seg(name)}`, schema: cronDeleteResponseSchema },
        options,
      );
    },
  };
}

export type CronApi = ReturnType<typeof cronApi>;
