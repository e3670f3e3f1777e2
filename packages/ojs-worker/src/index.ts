// Client
export {
  Client,
  type ClientOptions,
  type BatchJob,
  type ClientEvent,
  type ClientEventStream,
  type EventsOptions,
  type CallOptions,
} from './Client';
export {
  toEnqueueRequest,
  toWireRetry,
  enqueueOptionsSchema,
  retryOptionsSchema,
  uniqueOptionsSchema,
  type EnqueueOptions,
  type RetryOptions,
  type UniqueOptions,
} from './enqueueOptions';
export {
  chain,
  group,
  batch,
  step,
  toWorkflowRequest,
  type WorkflowStep,
  type WorkflowDefinition,
  type ChainDefinition,
  type GroupDefinition,
  type BatchDefinition,
  type BatchCallbacks,
} from './workflowBuilders';
export {
  DuplicateJobError,
  NotFoundError,
  ValidationError,
  ConflictError,
  RateLimitedError,
  AuthError,
  UnavailableError,
  toTypedError,
  isRetryable,
} from './typedErrors';
export { OjsError } from '@lookout/ojs-client';

// Worker
export { Worker, toJsonResult, type WorkerOptions, type WorkerStats, type SignalSource } from './Worker';
export { type JobContext } from './JobContext';
export { composeMiddleware, type Middleware, type Next, type JobHandler } from './composeMiddleware';
export {
  JobError,
  NonRetryable,
  NonRetryableError,
  isNonRetryable,
  HandlerTimeoutError,
  WorkerShutdownError,
  JobLeaseLostError,
  HandlerPanicError,
  type JobErrorOptions,
} from './JobError';
export { failureFromError, type NackError } from './failureFromError';
export { ConcurrencyLimiter } from './ConcurrencyLimiter';
export { FetchBackoff, type FetchBackoffOptions, type FetchFailure } from './FetchBackoff';
export {
  nextLifecycleState,
  mayFetch,
  sendsHeartbeats,
  isShuttingDown,
  reportedWorkerState,
  LIFECYCLE_STATES,
  type LifecycleState,
  type LifecycleEvent,
} from './workerLifecycle';
export {
  createJsonLogger,
  childLogger,
  silentLogger,
  safeStringify,
  type Logger,
  type LogFields,
  type LogLevel,
  type JsonLoggerOptions,
} from './logger';

// Ready-made middleware
export { loggingMiddleware, type LoggingMiddlewareOptions } from './middleware/loggingMiddleware';
export { recoveryMiddleware } from './middleware/recoveryMiddleware';
export {
  metricsMiddleware,
  promMetricsRecorder,
  inMemoryMetricsRecorder,
  type MetricsRecorder,
  type JobMetricLabels,
  type InMemoryJobMetrics,
  type CounterLike,
  type HistogramLike,
  type GaugeLike,
} from './middleware/metricsMiddleware';

// Demo workload
export {
  startDemo,
  type DemoOptions,
  type DemoStats,
  type DemoHandle as DemoWorkloadHandle,
} from './demo/startDemo';
