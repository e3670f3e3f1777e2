/**
 * Compile-time check that every response the BFF can send (its exported wire types) is accepted by the
 * SPA's zod schemas. Nothing here runs: if the BFF changes a field in a way the SPA would reject, typecheck
 * fails here first.
 */
import type {
  AuditResponse,
  BulkPreviewResponse,
  ClustersResponse,
  CronsResponse,
  DeadLetterGroupResponse,
  DeadLetterResponse,
  HealthResponse,
  JobDetailResponse,
  JobsResponse,
  LiveEvent,
  LoginResponse,
  MeResponse,
  OperationResponse,
  OverviewResponse,
  QueueDetailResponse,
  QueuesResponse,
  SignalsResponse,
  StatsHistoryResponse,
  WhyResponse,
  WorkersResponse,
  WorkflowDetailResponse,
  WorkflowsResponse,
} from '@lookout/bff/api';
import type { z } from 'zod';
import type { auditPageSchema } from '../features/audit/audit.mapper';
import type { loginResponseSchema } from '../features/auth/authActions';
import type { clusterListSchema, healthSchema, meSchema } from '../features/clusters/cluster.mapper';
import type { cronListSchema } from '../features/crons/cron.mapper';
import type {
  deadLetterGroupDetailSchema,
  deadLetterListSchema,
} from '../features/deadLetter/deadLetter.mapper';
import type { timelineEventSchema, whySchema } from '../features/job/jobDetail.mapper';
import type { bulkPreviewSchema, operationEnvelopeSchema } from '../features/jobs/operation.mapper';
import type { jobPageSchema } from '../features/jobs/jobSummary.mapper';
import type { overviewSchema, signalSchema, statsHistorySchema } from '../features/overview/overview.mapper';
import type { queueDetailSchema, queueListSchema } from '../features/queues/queue.mapper';
import type { workerListSchema } from '../features/workers/worker.mapper';
import type { workflowDetailSchema, workflowListSchema } from '../features/workflows/workflow.mapper';
import type { ojsEventSchema } from '../live/ojsEvent.mapper';

type Accepts<Schema extends z.ZodType, Wire extends z.input<Schema>> = Wire;

export type BffContract = [
  Accepts<typeof healthSchema, HealthResponse>,
  Accepts<typeof clusterListSchema, ClustersResponse>,
  Accepts<typeof meSchema, MeResponse>,
  Accepts<typeof overviewSchema, OverviewResponse>,
  Accepts<typeof signalSchema, SignalsResponse['signals'][number]>,
  Accepts<typeof statsHistorySchema, StatsHistoryResponse>,
  Accepts<typeof queueListSchema, QueuesResponse>,
  Accepts<typeof queueDetailSchema, QueueDetailResponse>,
  Accepts<typeof jobPageSchema, JobsResponse>,
  // The job itself is the upstream's raw OJS job (a record on the BFF side), validated at run time.
  Accepts<typeof timelineEventSchema, JobDetailResponse['events'][number]>,
  Accepts<typeof whySchema, WhyResponse>,
  Accepts<typeof deadLetterListSchema, DeadLetterResponse>,
  Accepts<typeof deadLetterGroupDetailSchema, DeadLetterGroupResponse>,
  Accepts<typeof workerListSchema, WorkersResponse>,
  Accepts<typeof cronListSchema, CronsResponse>,
  Accepts<typeof workflowListSchema, WorkflowsResponse>,
  Accepts<typeof workflowDetailSchema, WorkflowDetailResponse>,
  Accepts<typeof operationEnvelopeSchema, OperationResponse>,
  Accepts<typeof bulkPreviewSchema, BulkPreviewResponse>,
  Accepts<typeof ojsEventSchema, LiveEvent>,
  Accepts<typeof auditPageSchema, AuditResponse>,
  Accepts<typeof loginResponseSchema, LoginResponse>,
];
