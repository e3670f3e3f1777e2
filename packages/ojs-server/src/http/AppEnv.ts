import type { Hono } from 'hono';
import type { CronScheduler } from '../engine/CronScheduler';
import type { OjsEngine } from '../engine/OjsEngine';
import type { Scheduler } from '../engine/Scheduler';
import type { WorkflowManager } from '../engine/WorkflowManager';
import type { EventLog } from '../events/EventLog';
import type { ServerOptions } from '../options';

export interface AppEnv {
  Variables: {
    requestId: string;
    /** Headers every response carries; see http/response.ts `baseHeaders`. */
    baseHeaders: Record<string, string>;
  };
}

export type OjsApp = Hono<AppEnv>;

/** What route modules need. */
export interface HttpDeps {
  engine: OjsEngine;
  workflows: WorkflowManager;
  crons: CronScheduler;
  scheduler: Scheduler;
  events: EventLog;
  options: ServerOptions;
  implementation: { name: string; version: string };
}
