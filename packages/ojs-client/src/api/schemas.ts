import { paginationSchema } from '@lookout/ojs-types';
import { z } from 'zod';
import { type CallOptions, type Transport, seg } from '../transport';

/** A registered argument schema (HB §15). */
export const registeredSchemaSchema = z.looseObject({
  uri: z.string().min(1),
  type: z.string().optional(),
  version: z.union([z.number(), z.string()]).optional(),
  schema: z.unknown().optional(),
  created_at: z.string().optional(),
});
export type RegisteredSchema = z.infer<typeof registeredSchemaSchema>;

const schemaListSchema = z.looseObject({
  schemas: z.array(registeredSchemaSchema),
  pagination: paginationSchema.optional(),
});
const schemaWrapperSchema = z.looseObject({ schema: registeredSchemaSchema });
const schemaDeleteSchema = z
  .looseObject({ deleted: z.boolean().optional(), uri: z.string().optional() })
  .optional()
  .transform((body) => ({ deleted: body?.deleted ?? true, uri: body?.uri }));

export interface RegisterSchemaRequest {
  uri: string;
  type: string;
  version: number | string;
  /** A JSON Schema (draft 2020-12) for the job's `args`. */
  schema: unknown;
}

/** Argument schema registry (HB §15, optional capability). */
export function schemasApi(transport: Transport) {
  return {
    /** `GET /ojs/v1/schemas`. */
    list: (query: { limit?: number; offset?: number } = {}, options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: '/ojs/v1/schemas', query: { ...query }, schema: schemaListSchema },
        options,
      );
    },

    /** `POST /ojs/v1/schemas`. */
    register: async (request: RegisterSchemaRequest, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'POST', path: '/ojs/v1/schemas', body: request, schema: schemaWrapperSchema },
        options,
      );
      return data.schema;
    },

    /** `GET /ojs/v1/schemas/{uri}` (the URI is URL-encoded). */
    get: async (uri: string, options?: CallOptions) => {
      const data = await transport.request(
        { method: 'GET', path: `/ojs/v1/schemas/${seg(uri)}`, schema: schemaWrapperSchema },
        options,
      );
      return data.schema;
    },

    /** `DELETE /ojs/v1/schemas/{uri}`. */
    delete: (uri: string, options?: CallOptions) => {
      return transport.request(
        { method: 'DELETE', path: `/ojs/v1/schemas/${seg(uri)}`, schema: schemaDeleteSchema },
        options,
      );
    },
  };
}

export type SchemasApi = ReturnType<typeof schemasApi>;
