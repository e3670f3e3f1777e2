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
