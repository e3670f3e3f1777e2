import { healthResponseSchema, manifestSchema } from '@lookout/ojs-types';
import { type CallOptions, type Transport } from '../transport';

/** Discovery and health. */
export function systemApi(transport: Transport) {
  return {
    /** `GET /ojs/manifest` (HB or conformance form; see `manifestExtensionNames`). */
    manifest: (options?: CallOptions) => {
      return transport.request({ method: 'GET', path: '/ojs/manifest', schema: manifestSchema }, options);
    },

    /** `GET /ojs/v1/health`. A 503 with a health body resolves too (`status: "degraded"`). */
    health: (options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: '/ojs/v1/health', schema: healthResponseSchema, okStatuses: [503] },
        options,
      );
    },
  };
}

export type SystemApi = ReturnType<typeof systemApi>;
