import { type maintenanceRequestSchema, maintenanceSchema } from '@lookout/ojs-types';
import { z } from 'zod';
import { type CallOptions, type Transport } from '../transport';

export type MaintenanceRequest = z.input<typeof maintenanceRequestSchema>;

/** Admin system operations (`/ojs/v1/admin/system`). */
export function adminSystemApi(transport: Transport) {
  const base = '/ojs/v1/admin/system';
  return {
    /** `POST /admin/system/maintenance` `{enabled, reason?, estimated_duration?}` -> maintenance state. */
    setMaintenance: (request: MaintenanceRequest, options?: CallOptions) => {
      return transport.request(
        { method: 'POST', path: `${base}/maintenance`, body: request, schema: maintenanceSchema },
        options,
      );
    },

    /**
     * `GET /admin/system/maintenance` -> maintenance state. Not in the admin spec (which defines only
     * the POST); servers without it answer 404/405.
     */
    getMaintenance: (options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: `${base}/maintenance`, schema: maintenanceSchema },
        options,
      );
    },

    /** `GET /admin/system/config`: non-sensitive server configuration (free-form object). */
    config: (options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: `${base}/config`, schema: z.record(z.string(), z.unknown()) },
        options,
      );
    },
  };
}

export type AdminSystemApi = ReturnType<typeof adminSystemApi>;
