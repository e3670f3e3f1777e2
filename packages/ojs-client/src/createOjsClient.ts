import { jobsApi } from './api/jobs';
import { workersApi } from './api/workers';
import { type OjsClientOptions, Transport } from './transport';

/**
 * Creates a typed client for one OJS server. Every method takes an optional last argument
 * `{ signal?, timeoutMs?, headers? }`, resolves with the parsed body and rejects with an OjsError.
 */
export function createOjsClient(options: OjsClientOptions) {
  const transport = new Transport(options);
  return {
    /** The HTTP core, for calls this client does not cover (`transport.request({ method, path, schema })`). */
    transport,
    baseUrl: transport.baseUrl,
    jobs: jobsApi(transport),
    workers: workersApi(transport),
  };
}

export type OjsClient = ReturnType<typeof createOjsClient>;
