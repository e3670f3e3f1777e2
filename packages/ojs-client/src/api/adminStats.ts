import { type StatsPeriod, adminStatsSchema, statsHistorySchema } from '@lookout/ojs-types';
import { type CallOptions, type Transport } from '../transport';

export interface StatsHistoryQuery {
  period?: StatsPeriod | undefined;
  since?: string | undefined;
  until?: string | undefined;
  queue?: string | undefined;
}

/** Admin statistics (`/ojs/v1/admin/stats`). */
export function adminStatsApi(transport: Transport) {
  return {
    /** `GET /admin/stats`. */
    get: (options?: CallOptions) => {
      return transport.request(
        { method: 'GET', path: '/ojs/v1/admin/stats', schema: adminStatsSchema },
        options,
      );
    },

    /** `GET /admin/stats/history` -> `{period, data: [...]}`. */
    history: (query: StatsHistoryQuery = {}, options?: CallOptions) => {
      return transport.request(
        {
          method: 'GET',
          path: '/ojs/v1/admin/stats/history',
          query: { period: query.period, since: query.since, until: query.until, queue: query.queue },
          schema: statsHistorySchema,
        },
        options,
      );
    },
  };
}

export type AdminStatsApi = ReturnType<typeof adminStatsApi>;
