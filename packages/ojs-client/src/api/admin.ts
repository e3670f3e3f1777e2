import { type Transport } from '../transport';
import { adminDeadLetterApi } from './adminDeadLetter';
import { adminJobsApi } from './adminJobs';
import { adminQueuesApi } from './adminQueues';
import { adminStatsApi } from './adminStats';
import { adminSystemApi } from './adminSystem';
import { adminWorkersApi } from './adminWorkers';

/** The admin API extension (`/ojs/v1/admin/*`). */
export function adminApi(transport: Transport) {
  return {
    queues: adminQueuesApi(transport),
    jobs: adminJobsApi(transport),
    workers: adminWorkersApi(transport),
    stats: adminStatsApi(transport),
    deadLetter: adminDeadLetterApi(transport),
    system: adminSystemApi(transport),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
