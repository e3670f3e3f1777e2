import type { JobState } from '@lookout/ojs-types';
import type { CronRecord, JobRecord, QueueRecord, WorkflowRecord } from './records';

export type JobSortField = 'created_at' | 'scheduled_at' | 'priority';

/** Filters of an admin job listing (admin §7.1). All given filters are combined with AND. */
export interface JobFilter {
  state?: JobState;
  /** Any of these states (when more than one state is wanted). */
  states?: readonly JobState[];
  queue?: string;
  /** Exact job type. */
  type?: string;
  /** Job type prefix (`email.*` is passed as `email.`). */
  typePrefix?: string;
  /** created_at >= since (epoch ms). */
  since?: number;
  /** created_at < until (epoch ms). */
  until?: number;
  /** Only jobs in the dead letter queue. */
  deadLetter?: boolean;
}

export interface JobListQuery extends JobFilter {
  sort: JobSortField;
  order: 'asc' | 'desc';
  /** Rows to skip (page-based paging); ignored when `cursor` is given. */
  offset: number;
  limit: number;
  /** Opaque keyset cursor of a previous page; pages from it in O(log n) whatever the depth. */
  cursor?: string;
}

export interface JobListPage {
  items: JobRecord[];
  total: number;
  /** Cursor of the next page, absent on the last page. */
  nextCursor?: string;
}

export type StateCounts = Record<JobState, number>;

export function emptyCounts(): StateCounts {
  return {
    scheduled: 0,
    available: 0,
    pending: 0,
    active: 0,
    retryable: 0,
    completed: 0,
    cancelled: 0,
    discarded: 0,
  };
}

/** Optional: a store that also keeps the event log (so seq numbers and replay survive a restart). */
export interface EventPersistence {
  /** Append events (one transaction). */
  appendEvents(events: readonly { seq: number }[]): void;
  /** The newest `limit` events, oldest first. */
  loadEvents(limit: number): unknown[];
  /** Drop events with seq <= `seq`. */
  pruneEventsUpTo(seq: number): void;
}

export function hasEventPersistence(store: object): store is EventPersistence {
  return (
    typeof (store as Partial<EventPersistence>).appendEvents === 'function' &&
    typeof (store as Partial<EventPersistence>).loadEvents === 'function'
  );
}

/**
 * Persistence for the engine. Every method is synchronous: the memory store is plain data structures and
 * the SQLite store uses better-sqlite3's synchronous API, so a `transaction` is atomic with respect to the
 * event loop and (for SQLite) durable once it returns.
 *
 * Records handed to and returned by the store must be treated as immutable.
 */
export interface OjsStore {
  readonly kind: 'memory' | 'sqlite';
  /** Run `fn` atomically. Nested calls join the outer transaction. */
  transaction<T>(fn: () => T): T;

  /** Allocate the next creation sequence (listing order). */
  nextCseq(): number;
  /** Allocate the next availability sequence (FIFO order among equal priorities). */
  nextAseq(): number;

  getJob(id: string): JobRecord | undefined;
  insertJob(job: JobRecord): void;
  /** Replace `prev` (the stored record) with `next` (same id). */
  updateJob(next: JobRecord, prev: JobRecord): void;
  deleteJob(job: JobRecord): void;

  /** Available jobs of a queue, highest priority first, FIFO (aseq) among equals. Lazily iterated. */
  availableJobs(queue: string): Iterable<JobRecord>;
  /** Jobs whose `promoteAt` <= now, oldest first. */
  duePromotions(now: number, limit: number): JobRecord[];
  /** Jobs whose `deadlineAt` <= now, oldest first. */
  dueDeadlines(now: number, limit: number): JobRecord[];
  /** Earliest `promoteAt` / `deadlineAt`, to let the scheduler sleep until it. */
  nextDueAt(): number | undefined;
  /** Jobs currently holding uniqueness key `key`. */
  findByUniqueKey(key: string): JobRecord[];
  /** Jobs in `state` (a terminal state) that finished before `before`, oldest first (retention). */
  finishedBefore(state: 'completed' | 'cancelled' | 'discarded', before: number, limit: number): JobRecord[];
  /** Every active job (used to rebuild concurrency counters on start). */
  activeJobs(): Iterable<JobRecord>;

  listJobs(query: JobListQuery): JobListPage;
  countJobs(filter: JobFilter): number;
  /** Per-state counts of one queue: O(1) running counters. */
  queueCounts(queue: string): StateCounts;
  /** Per-state counts over all queues: O(1). */
  totalCounts(): StateCounts;
  deadLetterCount(queue?: string): number;

  getQueue(name: string): QueueRecord | undefined;
  putQueue(queue: QueueRecord): void;
  listQueues(): QueueRecord[];

  getCron(name: string): CronRecord | undefined;
  putCron(cron: CronRecord): void;
  deleteCron(name: string): boolean;
  listCrons(): CronRecord[];

  getWorkflow(id: string): WorkflowRecord | undefined;
  putWorkflow(workflow: WorkflowRecord): void;
  listWorkflows(offset: number, limit: number): { items: WorkflowRecord[]; total: number };

  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string | undefined): void;

  /** Remove everything (test reset). */
  clear(): void;
  /** Flush and release resources. Idempotent. */
  close(): void;
}
