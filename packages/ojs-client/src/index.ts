export { createOjsClient, type OjsClient } from './createOjsClient';
export {
  Transport,
  seg,
  readBodyText,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  ACCEPT_JSON,
  type FetchLike,
  type OjsClientOptions,
  type CallOptions,
  type HttpMethod,
  type QueryValue,
  type RequestSpec,
  type OjsResponse,
} from './transport';
export {
  OjsError,
  isOjsError,
  CLIENT_ERROR_CODES,
  type ClientErrorCode,
  type OjsErrorInit,
  type OjsErrorWire,
} from './OjsError';
export { isRetryableStatus } from './errorMapping';
export { parseRetryAfter } from './parseRetryAfter';
export { SseParser, type SseMessage, type SseItem } from './SseParser';
export { SseStream, DEFAULT_SSE_IDLE_TIMEOUT_MS, type SseStreamOptions } from './sse';
export {
  OjsEventStream,
  toStreamEvent,
  isTerminalJobEvent,
  GAP_EVENT_TYPES,
  type GapEventType,
  type OjsStreamEvent,
  type OjsStreamDataEvent,
  type OjsStreamGapEvent,
  type OjsEventStreamOptions,
} from './OjsEventStream';
export {
  EventPoller,
  DEFAULT_POLL_INTERVAL_MS,
  type EventPollerOptions,
  type EventsPollQuery,
  type EventsPage,
  type PollFunction,
} from './poller';
export {
  reconnectDelayMs,
  resolveReconnectOptions,
  DEFAULT_RECONNECT,
  type ReconnectOptions,
  type ResolvedReconnectOptions,
} from './reconnectDelay';
export { type StreamState, type StreamStateChange, type StreamStateListener } from './streamState';
export {
  jobsApi,
  jobProgressSchema,
  type JobsApi,
  type JobProgress,
  type JobProgressUpdate,
  type JobEventsOptions,
} from './api/jobs';
export { workersApi, type WorkersApi } from './api/workers';
export { queuesApi, type QueuesApi, type ListQueuesQuery, type QueueEventsOptions } from './api/queues';
export {
  deadLetterApi,
  type DeadLetterApi,
  type ListDeadLetterQuery,
  type DeadLetterRetryRequest,
} from './api/deadLetter';
export { cronApi, type CronApi } from './api/cron';
export { workflowsApi, type WorkflowsApi } from './api/workflows';
export { systemApi, type SystemApi } from './api/system';
export {
  schemasApi,
  registeredSchemaSchema,
  type SchemasApi,
  type RegisteredSchema,
  type RegisterSchemaRequest,
} from './api/schemas';
export { eventsApi, type EventsApi } from './api/events';
export { adminApi, type AdminApi } from './api/admin';
export { adminQueuesApi, type AdminQueuesApi } from './api/adminQueues';
export { adminJobsApi, type AdminJobsApi } from './api/adminJobs';
export { adminWorkersApi, type AdminWorkersApi } from './api/adminWorkers';
export { adminStatsApi, type AdminStatsApi, type StatsHistoryQuery } from './api/adminStats';
export {
  adminDeadLetterApi,
  type AdminDeadLetterApi,
  type DeadLetterPurgeRequest,
} from './api/adminDeadLetter';
export { adminSystemApi, type AdminSystemApi, type MaintenanceRequest } from './api/adminSystem';
export {
  adminJobsQueryParams,
  adminJobActionSchema,
  bulkResultSchema,
  type AdminJobsListQuery,
  type AdminPageQuery,
  type BulkResult,
} from './api/adminShared';
