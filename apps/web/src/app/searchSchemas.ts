import { z } from 'zod';
import { STATS_WINDOWS } from '../features/overview/overview.mapper';

const optional = z.string().optional().catch(undefined);

export const clusterSearchSchema = z.object({ cluster: optional });

export const overviewSearchSchema = z.object({
  cluster: optional,
  window: z.enum(STATS_WINDOWS).optional().catch(undefined),
});

export const queueSearchSchema = z.object({
  window: z.enum(STATS_WINDOWS).optional().catch(undefined),
});

export const deadLetterSearchSchema = z.object({ cluster: optional, queue: optional });

export const workflowSearchSchema = z.object({ cluster: optional, state: optional });

export const workerSearchSchema = z.object({
  cluster: optional,
  stale: z.boolean().optional().catch(undefined),
});

export const eventSearchSchema = z.object({
  cluster: optional,
  queue: optional,
  /** Event type prefix filter, e.g. `job.failed` or `job.`. */
  type: optional,
  paused: z.boolean().optional().catch(undefined),
});
