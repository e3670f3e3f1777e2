import { adminApi } from './api/admin';
import { cronApi } from './api/cron';
import { deadLetterApi } from './api/deadLetter';
import { eventsApi } from './api/events';
import { jobsApi } from './api/jobs';
import { queuesApi } from './api/queues';
import { schemasApi } from './api/schemas';
import { systemApi } from './api/system';
import { workersApi } from './api/workers';
import { workflowsApi } from './api/workflows';
import { type OjsClientOptions, Transport } from './transport';

/**
 * Creates a typed client for one OJS server. Every method takes an optional last argument
 * `{ signal?, timeoutMs?, headers? }`, resolves with the parsed (tolerant, snake_case) body and
 * rejects with an OjsError.
 */
export function createOjsClient(options: OjsClientOptions) {
  const transport = new Transport(options);
  const system = systemApi(transport);
  return {
    /** The HTTP core, for calls this client does not cover (`transport.request({ method, path, schema })`). */
    transport,
    baseUrl: transport.baseUrl,
    /** `GET /ojs/manifest`. */
    manifest: system.manifest,
    /** `GET /ojs/v1/health` (a degraded 503 resolves too). */
    health: system.health,
    jobs: jobsApi(transport),
    workers: workersApi(transport),
    queues: queuesApi(transport),
    deadLetter: deadLetterApi(transport),
    cron: cronApi(transport),
    workflows: workflowsApi(transport),
    schemas: schemasApi(transport),
    events: eventsApi(transport),
    admin: adminApi(transport),
  };
}

export type OjsClient = ReturnType<typeof createOjsClient>;
