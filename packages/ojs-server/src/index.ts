export {
  createOjsServer,
  IMPLEMENTATION,
  type CreateOjsServerInput,
  type OjsServer,
  type OjsServerContext,
  type OjsServerExtension,
} from './createOjsServer';
export {
  serverOptionsSchema,
  resolveServerOptions,
  type ServerOptions,
  type ServerOptionsInput,
} from './options';
export { systemClock, ManualClock, type Clock } from './clock';
export { OjsServerError, isOjsServerError } from './errors';
export {
  EventLog,
  eventMatches,
  type OjsEvent,
  type EventInput,
  type EventFilter,
  type EventListener,
  type EventReadResult,
  type JobStateChange,
} from './events/EventLog';
export { OjsEngine } from './engine/OjsEngine';
export { WorkflowManager } from './engine/WorkflowManager';
export { CronScheduler } from './engine/CronScheduler';
export { Scheduler } from './engine/Scheduler';
export { jobToWire, jobToSummary, jobToAdminDetail } from './engine/jobWire';
export { MemoryStore } from './store/MemoryStore';
export { SqliteStore, type SqliteStoreOptions } from './store/SqliteStore';
export type { OjsStore, JobFilter, JobListQuery, JobListPage, StateCounts } from './store/OjsStore';
export type * from './store/records';
export { ojsJson, errorResponse, OJS_CONTENT_TYPE, OJS_VERSION } from './http/response';
export type { AppEnv, OjsApp } from './http/AppEnv';
export type { ManifestExtension } from './http/systemRoutes';
export { startOjsServer, type StartOjsServerInput, type RunningOjsServer, type StoreOptions } from './start';
export {
  realtimeExtension,
  mountRealtime,
  realtimeOf,
  type RealtimeExtension,
  type RealtimeHandle,
  type RealtimeOptionsInput,
} from './realtime';
