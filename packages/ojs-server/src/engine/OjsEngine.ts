import {
  decideFailureOutcome,
  isTerminalState,
  synthesizeErrorType,
  uniqueFingerprint,
  type JobErrorInput,
  type JobState,
  type JsonValue,
} from '@lookout/ojs-types';
import type { Clock } from '../clock';
import { conflict, duplicate, invalidRequest, invalidTransition, notFound, OjsServerError } from '../errors';
import type { EventInput, EventLog } from '../events/EventLog';
import type { OjsStore, StateCounts } from '../store/OjsStore';
import type { JobErrorEntry, JobErrorValue, JobRecord, QueueConfig, QueueRecord } from '../store/records';
import { uuidv7 } from '../util/uuidv7';
import type { EngineConfig } from './config';
import type { ParsedEnqueue } from './parseEnqueue';
import { RateLimiter, rulesFor, type RateLimitRule } from './RateLimiter';
import { StatsRecorder } from './StatsRecorder';
import { WorkerRegistry, type WorkerInfo } from './WorkerRegistry';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Extra fields a workflow or cron sets on the jobs it creates. */
export interface JobOrigin {
  workflowId?: string;
  workflowIndex?: number;
  workflowRole?: 'step' | 'job' | 'callback';
  parentResults?: JsonValue[];
  component?: string;
}

export interface EnqueueOutcome {
  job: JobRecord;
  /** False when a unique `ignore` conflict returned the existing job. */
  created: boolean;
  /** Response headers (backpressure warnings). */
  headers: Record<string, string>;
}

export interface FetchRequestInput {
  queues: string[];
  count: number;
  workerId?: string;
  visibilityTimeoutMs?: number;
}

export interface NackInput {
  jobId: string;
  error?: JobErrorInput;
  requeue?: boolean;
  workerId?: string;
}

export interface HeartbeatInput {
  workerId: string;
  jobIds: string[];
  activeJobCount: number;
  visibilityTimeoutMs?: number;
  state?: string;
  hostname?: string;
  queues?: string[];
  concurrency?: number;
  version?: string;
  metadata?: Record<string, unknown>;
}

export interface HeartbeatOutcome {
  state: 'running' | 'quiet' | 'terminate';
  jobsExtended: string[];
  worker: WorkerInfo;
}

export interface ProgressInput {
  progress?: number;
  message?: string;
  data?: JsonValue;
}

export interface MaintenanceState {
  enabled: boolean;
  reason?: string;
  enabledAt?: number;
  estimatedEnd?: number;
}

/** Hooks the workflow manager registers to follow its jobs. */
export interface JobTerminalListener {
  (job: JobRecord): void;
}

const NON_TERMINAL: readonly JobState[] = ['scheduled', 'available', 'pending', 'active', 'retryable'];

export function depthOf(counts: StateCounts): number {
  let n = 0;
  for (const s of NON_TERMINAL) n += counts[s];
  return n;
}

/**
 * The OJS job engine: every state transition of every job goes through here, inside a store transaction,
 * and appends its event to the event log once the transaction committed. HTTP handlers, the scheduler,
 * cron and workflows are all callers of this class.
 */
export class OjsEngine {
  readonly store: OjsStore;
  readonly events: EventLog;
  readonly clock: Clock;
  readonly config: EngineConfig;
  readonly workers: WorkerRegistry;
  readonly rateLimiter = new RateLimiter();
  readonly stats = new StatsRecorder();
  readonly startedAt: number;
  readonly random: () => number;

  #pending: EventInput[] | null = null;
  /** Work queued by a transition, run at the end of the same transaction (workflow follow-ups). */
  #deferred: Array<() => void> = [];
  #knownQueues = new Set<string>();
  /** Rate-limit rules each active job was charged against (released on finish). */
  #charged = new Map<string, RateLimitRule[]>();
  #terminalListeners: JobTerminalListener[] = [];
  #lastCreatedAt = 0;
  /** Cached maintenance state (read on every fetch). */
  #maintenance: MaintenanceState | undefined;

  constructor(options: {
    store: OjsStore;
    events: EventLog;
    clock: Clock;
    config: EngineConfig;
    random?: () => number;
  }) {
    this.store = options.store;
    this.events = options.events;
    this.clock = options.clock;
    this.config = options.config;
    this.random = options.random ?? Math.random;
    this.workers = new WorkerRegistry(this.clock, this.config.workerStaleAfterMs);
    this.startedAt = this.clock.now();
    this.#rebuild();
  }

  /** Restore in-memory state (known queues, concurrency counters) from the store. */
  #rebuild(): void {
    this.#knownQueues = new Set(this.store.listQueues().map((q) => q.name));
    this.#charged.clear();
    this.rateLimiter.clear();
    for (const job of this.store.activeJobs()) {
      const rules = this.#rulesFor(job);
      if (rules.length > 0) {
        this.rateLimiter.started(rules, job.startedAt ?? this.clock.now());
        this.#charged.set(job.id, rules);
      }
    }
  }

  onJobTerminal(listener: JobTerminalListener): void {
    this.#terminalListeners.push(listener);
  }

  // ── transactions and events ────────────────────────────────────────────────────────────────────

  /** Run `fn` atomically; events emitted inside are appended only after it committed. */
  tx<T>(fn: () => T): T {
    if (this.#pending) return fn();
    this.#pending = [];
    this.#deferred = [];
    let result: T;
    try {
      result = this.store.transaction(() => {
        const r = fn();
        for (let task = this.#deferred.shift(); task; task = this.#deferred.shift()) task();
        return r;
      });
    } catch (e) {
      this.#pending = null;
      this.#deferred = [];
      throw e;
    }
    const pending = this.#pending;
    this.#pending = null;
    for (const e of pending) this.events.append(e);
    return result;
  }

  emit(event: EventInput): void {
    if (this.#pending) this.#pending.push(event);
    else this.events.append(event);
  }

  #jobEvent(
    type: string,
    job: JobRecord,
    data: Record<string, unknown>,
    component: string,
    from?: JobState | null,
  ): void {
    const input: EventInput = {
      type,
      subject: job.id,
      component,
      data: { job_id: job.id, job_type: job.type, queue: job.queue, state: job.state, ...data },
    };
    if (from !== undefined) {
      input.stateChange = { job_id: job.id, queue: job.queue, type: job.type, from, to: job.state };
    }
    this.emit(input);
  }

  // ── queues ─────────────────────────────────────────────────────────────────────────────────────

  ensureQueue(name: string): QueueRecord {
    const existing = this.store.getQueue(name);
    if (existing) {
      this.#knownQueues.add(name);
      return existing;
    }
    const q: QueueRecord = { name, createdAt: this.clock.now(), paused: false, config: {} };
    this.store.putQueue(q);
    this.#knownQueues.add(name);
    return q;
  }

  #touchQueue(name: string): void {
    if (!this.#knownQueues.has(name)) this.ensureQueue(name);
  }

  queueLimits(queue: string): RateLimitRule | undefined {
    const cfg = this.store.getQueue(queue)?.config;
    if (!cfg || (cfg.concurrency === undefined && !cfg.rateLimit)) return undefined;
    const rule: RateLimitRule = { key: `queue:${queue}` };
    if (cfg.concurrency !== undefined) rule.concurrency = cfg.concurrency;
    if (cfg.rateLimit) rule.rate = { limit: cfg.rateLimit.limit, periodMs: cfg.rateLimit.periodMs };
    return rule;
  }

  #rulesFor(job: JobRecord): RateLimitRule[] {
    return rulesFor(job, this.queueLimits(job.queue));
  }

  // ── maintenance ────────────────────────────────────────────────────────────────────────────────

  get maintenance(): MaintenanceState {
    if (this.#maintenance) return this.#maintenance;
    const raw = this.store.getMeta('maintenance');
    let state: MaintenanceState = { enabled: false };
    if (raw) {
      try {
        state = JSON.parse(raw) as MaintenanceState;
      } catch {
        state = { enabled: false };
      }
    }
    this.#maintenance = state;
    return state;
  }

  setMaintenance(state: MaintenanceState): MaintenanceState {
    this.#maintenance = undefined;
    this.tx(() => {
      this.store.setMeta('maintenance', state.enabled ? JSON.stringify(state) : undefined);
      this.emit({
        type: state.enabled ? 'system.maintenance_started' : 'system.maintenance_ended',
        component: 'admin',
        data: { ...(state.reason !== undefined ? { reason: state.reason } : {}) },
      });
    });
    this.#maintenance = state.enabled ? state : { enabled: false };
    return state;
  }

  // ── enqueue ────────────────────────────────────────────────────────────────────────────────────

  #nextCreatedAt(): number {
    // creation times never go backwards, so creation order (cseq) equals created_at order
    const now = Math.max(this.clock.now(), this.#lastCreatedAt);
    this.#lastCreatedAt = now;
    return now;
  }

  #buildJob(parsed: ParsedEnqueue, origin: JobOrigin, now: number): JobRecord {
    const n = parsed.job;
    const job: JobRecord = {
      id: n.id ?? uuidv7(now),
      cseq: 0,
      aseq: 0,
      type: n.type,
      queue: n.queue,
      args: n.args,
      meta: n.meta,
      priority: n.priority,
      state: 'available',
      attempt: 0,
      retry: n.retry,
      tags: n.tags,
      extra: n.extra,
      createdAt: now,
      errors: [],
      hasResult: false,
    };
    if (n.unique) {
      job.unique = n.unique;
      job.uniqueKey = uniqueFingerprint(n.unique, {
        type: n.type,
        queue: n.queue,
        args: n.args,
        meta: n.meta,
      });
    }
    if (n.timeoutMs !== undefined) job.timeoutMs = n.timeoutMs;
    if (n.visibilityTimeoutMs !== undefined) job.visibilityTimeoutMs = n.visibilityTimeoutMs;
    if (n.schema !== undefined) job.schema = n.schema;
    if (n.expiresAtMs !== undefined) {
      job.expiresAt = n.expiresAtMs;
      if (parsed.expiresAtText !== undefined) job.expiresAtText = parsed.expiresAtText;
    }
    if (parsed.rateLimit) job.rateLimit = parsed.rateLimit;
    if (origin.workflowId !== undefined) job.workflowId = origin.workflowId;
    if (origin.workflowIndex !== undefined) job.workflowIndex = origin.workflowIndex;
    if (origin.workflowRole !== undefined) job.workflowRole = origin.workflowRole;
    if (origin.parentResults !== undefined) job.parentResults = origin.parentResults;
    if (n.pending) {
      job.state = 'pending';
    } else if (n.scheduledAtMs !== undefined && n.scheduledAtMs > now) {
      job.state = 'scheduled';
      job.scheduledAt = n.scheduledAtMs;
      if (parsed.scheduledAtText !== undefined) job.scheduledAtText = parsed.scheduledAtText;
      job.promoteAt = n.scheduledAtMs;
    } else {
      job.enqueuedAt = now;
      if (n.scheduledAtMs !== undefined) {
        job.scheduledAt = n.scheduledAtMs;
        if (parsed.scheduledAtText !== undefined) job.scheduledAtText = parsed.scheduledAtText;
      }
    }
    if (job.expiresAt !== undefined) job.deadlineAt = job.expiresAt;
    return job;
  }

  /** A conflicting job for a uniqueness key (unique-jobs §4-5), if any. */
  #uniqueConflict(job: JobRecord, now: number): JobRecord | undefined {
    if (!job.unique || job.uniqueKey === undefined) return undefined;
    const policy = job.unique;
    for (const other of this.store.findByUniqueKey(job.uniqueKey)) {
      if (!policy.states.includes(other.state)) continue;
      if (policy.periodMs !== undefined && other.createdAt + policy.periodMs <= now) continue;
      return other;
    }
    return undefined;
  }

  #backpressure(queue: string, incoming: number): { headers: Record<string, string>; drop: number } {
    const bp = this.store.getQueue(queue)?.config.backpressure;
    if (!bp || bp.maxDepth <= 0) return { headers: {}, drop: 0 };
    const depth = depthOf(this.store.queueCounts(queue));
    if (depth + incoming > bp.maxDepth) {
      if (bp.strategy === 'drop_oldest') return { headers: {}, drop: depth + incoming - bp.maxDepth };
      throw new OjsServerError(
        429,
        'QUEUE_FULL',
        `Queue '${queue}' has reached its depth bound (${bp.maxDepth})`,
        {
          type: 'queue_full',
          retryable: true,
          headers: {
            'Retry-After': '5',
            'X-OJS-Queue-Depth': String(depth),
            'X-OJS-Queue-Bound': String(bp.maxDepth),
          },
          extra: { queue, depth, bound: bp.maxDepth, strategy: bp.strategy },
          hint: 'The queue is full; retry after the Retry-After delay or raise backpressure.max_depth.',
        },
      );
    }
    const after = depth + incoming;
    const headers: Record<string, string> = {
      'X-OJS-Queue-Depth': String(after),
      'X-OJS-Queue-Bound': String(bp.maxDepth),
    };
    if (after / bp.maxDepth >= bp.warningThreshold) {
      headers['X-OJS-Queue-Pressure'] = (Math.round((after / bp.maxDepth) * 1000) / 1000).toString();
    }
    return { headers, drop: 0 };
  }

  #dropOldest(queue: string, n: number): void {
    let left = n;
    const page = this.store.listJobs({
      queue,
      state: 'available',
      sort: 'created_at',
      order: 'asc',
      offset: 0,
      limit: n,
    });
    for (const old of page.items) {
      if (left <= 0) break;
      const now = this.clock.now();
      this.#finishDiscard(old, now, {
        error: {
          code: 'queue_full',
          type: 'backpressure_dropped',
          message: `dropped by backpressure on '${queue}'`,
        },
        component: 'api',
        eventType: 'job.discarded',
        extraData: { reason: 'backpressure_dropped' },
        deadLetter: false,
        setCompletedAt: true,
      });
      left--;
    }
  }

  /** Insert a validated job (inside a transaction). */
  #insert(job: JobRecord, component: string): JobRecord {
    const stored: JobRecord = { ...job, cseq: this.store.nextCseq() };
    if (stored.state === 'available') stored.aseq = this.store.nextAseq();
    this.#touchQueue(stored.queue);
    this.store.insertJob(stored);
    if (stored.rateLimit)
      this.rateLimiter.remember(rulesFor(stored, undefined)[0] as RateLimitRule, stored.createdAt);
    const data: Record<string, unknown> = { priority: stored.priority, attempt: 0 };
    if (stored.scheduledAt !== undefined) data['scheduled_at'] = iso(stored.scheduledAt);
    if (stored.uniqueKey !== undefined) data['unique_key'] = stored.uniqueKey;
    if (stored.workflowId !== undefined) data['workflow_id'] = stored.workflowId;
    const meta = stored.meta['cron_name'];
    if (typeof meta === 'string') data['cron_name'] = meta;
    this.#jobEvent(
      stored.state === 'scheduled' ? 'job.scheduled' : 'job.enqueued',
      stored,
      data,
      component,
      null,
    );
    this.stats.enqueued(stored.queue, stored.createdAt);
    return stored;
  }

  /**
   * Create one job (PUSH). Handles client ids (409 duplicate), uniqueness (reject / ignore / replace) and
   * queue bounds (429 QUEUE_FULL).
   */
  enqueue(parsed: ParsedEnqueue, origin: JobOrigin = {}): EnqueueOutcome {
    return this.tx(() => this.#enqueueInTx(parsed, origin));
  }

  #enqueueInTx(parsed: ParsedEnqueue, origin: JobOrigin): EnqueueOutcome {
    const now = this.#nextCreatedAt();
    const component = origin.component ?? 'api';
    if (parsed.job.id !== undefined && this.store.getJob(parsed.job.id)) {
      throw duplicate(`a job with id '${parsed.job.id}' already exists`, { existing_job_id: parsed.job.id });
    }
    let job = this.#buildJob(parsed, origin, now);
    const existing = this.#uniqueConflict(job, now);
    if (existing && job.unique?.onConflict === 'reject') {
      throw duplicate(`a job with the same uniqueness key already exists (${existing.id})`, {
        existing_job_id: existing.id,
        existing_state: existing.state,
        unique_key: job.uniqueKey,
      });
    }
    if (existing && job.unique?.onConflict === 'ignore')
      return { job: existing, created: false, headers: {} };
    // check the bound before changing anything (a replace frees the slot of the job it cancels)
    const bp = this.#backpressure(job.queue, existing && existing.queue === job.queue ? 0 : 1);
    if (existing) {
      if (job.unique?.onConflict === 'replace_except_schedule' && existing.state === 'scheduled') {
        const at = existing.scheduledAt ?? now;
        job = { ...job, state: 'scheduled', scheduledAt: at, promoteAt: at };
        job.enqueuedAt = undefined;
        if (existing.scheduledAtText !== undefined) job.scheduledAtText = existing.scheduledAtText;
      }
      this.#cancelInTx(existing, { component, reason: 'unique_replace' });
    }
    if (bp.drop > 0) this.#dropOldest(job.queue, bp.drop);
    const stored = this.#insert(job, component);
    return { job: stored, created: true, headers: bp.headers };
  }

  /** Atomic batch (HB `/jobs/batch`): every job is validated first; any conflict creates nothing. */
  enqueueBatch(list: ParsedEnqueue[]): JobRecord[] {
    return this.tx(() => {
      const now = this.#nextCreatedAt();
      const ids = new Set<string>();
      const keys = new Map<string, number>();
      const jobs: JobRecord[] = [];
      const perQueue = new Map<string, number>();
      list.forEach((parsed, i) => {
        const id = parsed.job.id;
        if (id !== undefined) {
          if (ids.has(id) || this.store.getJob(id)) {
            throw duplicate(`jobs[${i}]: a job with id '${id}' already exists`, {
              index: i,
              existing_job_id: id,
            });
          }
          ids.add(id);
        }
        const job = this.#buildJob(parsed, {}, now);
        if (job.uniqueKey !== undefined && job.unique?.onConflict !== 'ignore') {
          const existing = this.#uniqueConflict(job, now);
          if (existing && job.unique?.onConflict === 'reject') {
            throw duplicate(
              `jobs[${i}]: a job with the same uniqueness key already exists (${existing.id})`,
              {
                index: i,
                existing_job_id: existing.id,
              },
            );
          }
          const earlier = keys.get(job.uniqueKey);
          if (earlier !== undefined && job.unique?.onConflict === 'reject') {
            throw duplicate(`jobs[${i}]: same uniqueness key as jobs[${earlier}]`, { index: i });
          }
          keys.set(job.uniqueKey, i);
        }
        perQueue.set(job.queue, (perQueue.get(job.queue) ?? 0) + 1);
        jobs.push(job);
      });
      const headers: Record<string, string> = {};
      for (const [queue, n] of perQueue) {
        const bp = this.#backpressure(queue, n);
        if (bp.drop > 0) this.#dropOldest(queue, bp.drop);
        Object.assign(headers, bp.headers);
      }
      const out: JobRecord[] = [];
      for (const job of jobs) {
        const existing = this.#uniqueConflict(job, now);
        if (existing && job.unique?.onConflict === 'ignore') {
          out.push(existing);
          continue;
        }
        if (existing) this.#cancelInTx(existing, { component: 'api', reason: 'unique_replace' });
        out.push(this.#insert(job, 'api'));
      }
      return out;
    });
  }

  // ── reads ──────────────────────────────────────────────────────────────────────────────────────

  /** The job, with any overdue timer applied first so reads never show a stale state. */
  getJob(id: string): JobRecord {
    this.processDue();
    const job = this.store.getJob(id);
    if (!job) throw notFound('Job', id);
    return job;
  }

  findJob(id: string): JobRecord | undefined {
    return this.store.getJob(id);
  }

  // ── transitions ────────────────────────────────────────────────────────────────────────────────

  #save(next: JobRecord, prev: JobRecord): JobRecord {
    this.store.updateJob(next, prev);
    if (prev.state === 'active' && next.state !== 'active') {
      const rules = this.#charged.get(prev.id);
      if (rules) {
        this.rateLimiter.finished(rules);
        this.#charged.delete(prev.id);
      }
    }
    if (!isTerminalState(prev.state) && isTerminalState(next.state) && this.#terminalListeners.length > 0) {
      const listeners = this.#terminalListeners;
      const finished = next;
      const run = (): void => {
        for (const l of listeners) l(this.store.getJob(finished.id) ?? finished);
      };
      if (this.#pending) this.#deferred.push(run);
      else run();
    }
    return next;
  }

  /** Fields cleared whenever a job leaves `active`. */
  static #leaveActive(job: JobRecord): JobRecord {
    const next = { ...job };
    next.leaseUntil = undefined;
    next.timeoutAt = undefined;
    next.deadlineAt = undefined;
    next.promoteAt = undefined;
    if (next.expiresAt !== undefined && !isTerminalState(next.state)) next.deadlineAt = next.expiresAt;
    return next;
  }

  cancel(id: string, options: { component?: string; reason?: string } = {}): JobRecord {
    return this.tx(() => {
      const job = this.store.getJob(id);
      if (!job) throw notFound('Job', id);
      return this.#cancelInTx(job, options);
    });
  }

  /** Cancel a non-terminal job (inside a transaction). 409 for terminal jobs. */
  cancelInTx(job: JobRecord, options: { component?: string; reason?: string } = {}): JobRecord {
    return this.#cancelInTx(job, options);
  }

  #cancelInTx(job: JobRecord, options: { component?: string; reason?: string }): JobRecord {
    if (isTerminalState(job.state)) throw invalidTransition(job.id, job.state, 'cancel');
    const now = this.clock.now();
    const next: JobRecord = { ...job, state: 'cancelled', cancelledAt: now, previousState: job.state };
    next.leaseUntil = undefined;
    next.timeoutAt = undefined;
    next.deadlineAt = undefined;
    next.promoteAt = undefined;
    this.#save(next, job);
    const data: Record<string, unknown> = { previous_state: job.state };
    if (options.reason !== undefined) data['reason'] = options.reason;
    if (options.component === 'admin') data['cancelled_by'] = 'admin';
    this.#jobEvent('job.cancelled', next, data, options.component ?? 'api', job.state);
    return next;
  }

  activate(id: string): JobRecord {
    return this.tx(() => {
      const job = this.store.getJob(id);
      if (!job) throw notFound('Job', id);
      if (job.state !== 'pending') throw invalidTransition(job.id, job.state, 'activate');
      const now = this.clock.now();
      const next: JobRecord = {
        ...job,
        state: 'available',
        activatedAt: now,
        enqueuedAt: now,
        previousState: 'pending',
        aseq: this.store.nextAseq(),
      };
      this.#save(next, job);
      this.#jobEvent('job.activated', next, {}, 'api', 'pending');
      return next;
    });
  }

  #leaseMs(job: JobRecord, override?: number): number {
    return override ?? job.visibilityTimeoutMs ?? this.config.visibilityTimeoutMs;
  }

  static #deadline(job: JobRecord): number | undefined {
    if (job.leaseUntil === undefined) return job.timeoutAt;
    if (job.timeoutAt === undefined) return job.leaseUntil;
    return Math.min(job.leaseUntil, job.timeoutAt);
  }

  /**
   * FETCH (HB §10.1): claim up to `count` available jobs from the queues in order, highest priority first
   * and FIFO among equals, skipping paused queues and rate-limited jobs. Claims are exclusive: the whole
   * call is one synchronous transaction.
   */
  fetch(req: FetchRequestInput): JobRecord[] {
    this.processDue();
    const now = this.clock.now();
    if (req.workerId !== undefined) {
      const { isNew } = this.workers.touch(req.workerId, 'fetch', { queues: req.queues });
      if (isNew) {
        this.emit({
          type: 'worker.started',
          subject: req.workerId,
          component: 'workers',
          data: { worker_id: req.workerId, queues: req.queues },
        });
      }
      if (!this.workers.mayFetch(req.workerId)) return [];
    }
    if (this.maintenance.enabled) return [];
    const count = Math.max(1, Math.min(req.count, this.config.maxFetchCount));
    return this.tx(() => {
      const out: JobRecord[] = [];
      for (const queue of req.queues) {
        if (out.length >= count) break;
        const q = this.store.getQueue(queue);
        if (!q || q.paused) continue;
        const queueRule = this.queueLimits(queue);
        if (queueRule && !this.rateLimiter.allows([queueRule], now)) continue;
        let skipped = 0;
        const limited: string[] = [];
        for (const job of this.store.availableJobs(queue)) {
          if (out.length >= count) break;
          const rules = rulesFor(job, queueRule);
          if (rules.length > 0 && !this.rateLimiter.allows(rules, now)) {
            if (job.rateLimit?.onLimit === 'drop' || job.rateLimit?.onLimit === 'reschedule')
              limited.push(job.id);
            if (++skipped > this.config.maxRateLimitedSkips) break;
            continue;
          }
          if (rules.length > 0) {
            this.rateLimiter.started(rules, now);
            this.#charged.set(job.id, rules);
          }
          const claimed = this.#claim(job, now, req);
          out.push(claimed);
        }
        for (const id of limited) {
          const job = this.store.getJob(id);
          if (job && job.state === 'available') this.#onRateLimited(job, now);
        }
      }
      return out;
    });
  }

  /** on_limit = drop / reschedule for a job that could not start (rate-limiting §6.2). */
  #onRateLimited(job: JobRecord, now: number): void {
    if (job.rateLimit?.onLimit === 'drop') {
      this.#finishDiscard(job, now, {
        error: {
          code: 'rate_limited',
          type: 'rate_limited',
          message: `rate limit '${job.rateLimit.key}' reached`,
        },
        component: 'scheduler',
        eventType: 'job.discarded',
        extraData: { reason: 'rate_limited' },
        deadLetter: false,
        setCompletedAt: true,
      });
      return;
    }
    const at = this.rateLimiter.nextAllowedAt(rulesFor(job, this.queueLimits(job.queue)), now) ?? now + 1000;
    const next: JobRecord = {
      ...job,
      state: 'scheduled',
      scheduledAt: at,
      promoteAt: at,
      previousState: 'available',
    };
    next.scheduledAtText = undefined;
    this.#save(next, job);
    this.#jobEvent(
      'job.scheduled',
      next,
      { scheduled_at: iso(at), reason: 'rate_limited' },
      'scheduler',
      'available',
    );
  }

  #claim(job: JobRecord, now: number, req: FetchRequestInput): JobRecord {
    const next: JobRecord = {
      ...job,
      state: 'active',
      attempt: job.attempt + 1,
      startedAt: now,
      leaseUntil: now + this.#leaseMs(job, req.visibilityTimeoutMs),
    };
    if (req.workerId !== undefined) next.workerId = req.workerId;
    else next.workerId = undefined;
    if (job.timeoutMs !== undefined && job.timeoutMs > 0) next.timeoutAt = now + job.timeoutMs;
    next.promoteAt = undefined;
    next.previousState = undefined;
    next.progress = undefined;
    const deadline = OjsEngine.#deadline(next);
    if (deadline !== undefined) next.deadlineAt = deadline;
    else next.deadlineAt = undefined;
    this.#save(next, job);
    this.#jobEvent(
      'job.started',
      next,
      {
        worker_id: req.workerId ?? null,
        attempt: next.attempt,
        visible_until: iso(next.leaseUntil as number),
      },
      'workers',
      'available',
    );
    return next;
  }

  #activeJob(jobId: string, action: string): JobRecord {
    const job = this.store.getJob(jobId);
    if (!job) throw notFound('Job', jobId);
    if (job.state !== 'active') throw invalidTransition(job.id, job.state, action);
    return job;
  }

  /** ACK: active -> completed (HB §10.3). */
  ack(jobId: string, result: JsonValue | undefined): JobRecord {
    this.processDue();
    return this.tx(() => {
      const job = this.#activeJob(jobId, 'acknowledge');
      const now = this.clock.now();
      const next: JobRecord = OjsEngine.#leaveActive({ ...job, state: 'completed', completedAt: now });
      next.deadlineAt = undefined;
      next.error = undefined;
      next.nextAttemptAt = undefined;
      if (result !== undefined) {
        next.hasResult = true;
        next.result = result;
      }
      if (next.progress) next.progress = { ...next.progress, value: 1, updatedAt: now };
      this.#save(next, job);
      const duration = now - (job.startedAt ?? now);
      const data: Record<string, unknown> = { duration_ms: duration, attempt: next.attempt };
      if (result !== undefined) data['result'] = result;
      if (job.workerId !== undefined) data['worker_id'] = job.workerId;
      this.#jobEvent('job.completed', next, data, 'workers', 'active');
      this.stats.processed(next.queue, now, duration);
      return next;
    });
  }

  #errorValue(input: JobErrorInput | undefined, fallback: string): JobErrorValue {
    if (!input) return { code: 'handler_error', type: 'handler_error', message: fallback };
    const value: JobErrorValue = {
      code: input.code ?? synthesizeErrorType(input),
      type: synthesizeErrorType(input),
      message: input.message,
    };
    if (input.retryable !== undefined) value.retryable = input.retryable;
    if (input.details !== undefined) value.details = input.details;
    if (input.backtrace !== undefined) value.backtrace = input.backtrace;
    return value;
  }

  #withError(job: JobRecord, error: JobErrorValue, now: number): JobRecord {
    const entry: JobErrorEntry = { ...error, attempt: job.attempt, occurred_at: iso(now) };
    const errors = [...job.errors, entry];
    if (errors.length > this.config.maxErrorsKept)
      errors.splice(0, errors.length - this.config.maxErrorsKept);
    return { ...job, error, errors };
  }

  /** Move an active job to discarded (exhausted, non-retryable, or handler-directed). */
  #finishDiscard(
    job: JobRecord,
    now: number,
    opts: {
      error?: JobErrorValue;
      component: string;
      eventType: string;
      extraData?: Record<string, unknown>;
      deadLetter: boolean;
      setCompletedAt: boolean;
    },
  ): JobRecord {
    let next: JobRecord = opts.error ? this.#withError(job, opts.error, now) : { ...job };
    next = OjsEngine.#leaveActive({
      ...next,
      state: 'discarded',
      discardedAt: now,
      previousState: job.state,
    });
    next.deadlineAt = undefined;
    next.nextAttemptAt = undefined;
    if (opts.setCompletedAt) next.completedAt = now;
    if (opts.deadLetter) next.deadLetterAt = now;
    this.#save(next, job);
    const data: Record<string, unknown> = { total_attempts: next.attempt, ...opts.extraData };
    if (next.error) data['last_error'] = { code: next.error.code, message: next.error.message };
    this.#jobEvent(opts.eventType, next, data, opts.component, job.state);
    if (opts.deadLetter) {
      this.emit({
        type: 'dead_letter.added',
        subject: next.id,
        component: opts.component,
        data: {
          job_id: next.id,
          job_type: next.type,
          queue: next.queue,
          reason: opts.extraData?.['reason'] ?? 'exhausted',
        },
      });
    }
    return next;
  }

  /** A failed attempt (NACK, execution timeout): retry with backoff, requeue, or discard. */
  #fail(
    job: JobRecord,
    now: number,
    error: JobErrorValue,
    opts: { requeue?: boolean; component: string; errorInput?: JobErrorInput },
  ): JobRecord {
    const handlerCode = error.code.toUpperCase();
    const duration = now - (job.startedAt ?? now);
    if (!opts.requeue) this.stats.failed(job.queue, now);
    const failedData: Record<string, unknown> = {
      attempt: job.attempt,
      duration_ms: duration,
      error: {
        code: error.code,
        type: error.type,
        message: error.message,
        retryable: error.retryable ?? true,
      },
    };

    if (opts.requeue) {
      const next: JobRecord = OjsEngine.#leaveActive({
        ...job,
        state: 'available',
        attempt: Math.max(0, job.attempt - 1),
        aseq: this.store.nextAseq(),
        enqueuedAt: now,
        previousState: 'active',
      });
      next.workerId = undefined;
      this.#save(next, job);
      this.#jobEvent(
        'job.requeued',
        next,
        { reason: 'nack_requeue', ...failedData },
        opts.component,
        'active',
      );
      return next;
    }

    // handler response codes override the policy (retry.md §7, errors §4.7)
    let outcome = decideFailureOutcome({
      policy: job.retry,
      attempt: job.attempt,
      error: opts.errorInput ?? { code: error.code, type: error.type, retryable: error.retryable },
      random: this.random,
    });
    if (handlerCode === 'DEAD_LETTER')
      outcome = { state: 'discarded', reason: 'non_retryable', deadLetter: true };
    else if (handlerCode === 'DISCARD' || handlerCode === 'FAIL') {
      outcome = { state: 'discarded', reason: 'non_retryable', deadLetter: false };
    }

    if (outcome.state === 'retryable') {
      let next = this.#withError(job, error, now);
      next = OjsEngine.#leaveActive({
        ...next,
        state: 'retryable',
        retryDelayMs: outcome.delayMs,
        nextAttemptAt: now + outcome.delayMs,
        previousState: 'active',
      });
      next.promoteAt = now + outcome.delayMs;
      this.#save(next, job);
      this.#jobEvent('job.failed', next, failedData, opts.component);
      this.#jobEvent(
        'job.retrying',
        next,
        {
          attempt: next.attempt,
          max_attempts: next.retry.maxAttempts,
          next_retry_at: iso(now + outcome.delayMs),
          retry_delay_ms: outcome.delayMs,
          error: failedData['error'],
        },
        opts.component,
        'active',
      );
      return next;
    }

    const discarded = outcome.state === 'discarded' ? outcome : undefined;
    this.#jobEvent('job.failed', { ...job, state: 'discarded' }, failedData, opts.component);
    return this.#finishDiscard(job, now, {
      error,
      component: opts.component,
      eventType: 'job.discarded',
      extraData: { reason: discarded?.reason ?? 'exhausted' },
      deadLetter: discarded?.deadLetter ?? false,
      setCompletedAt: true,
    });
  }

  /** NACK / FAIL (HB §10.4). */
  nack(input: NackInput): JobRecord {
    this.processDue();
    return this.tx(() => {
      const job = this.#activeJob(input.jobId, 'fail');
      const now = this.clock.now();
      const error = this.#errorValue(input.error, 'job failed');
      const opts: { requeue?: boolean; component: string; errorInput?: JobErrorInput } = {
        component: 'workers',
      };
      if (input.requeue !== undefined) opts.requeue = input.requeue;
      if (input.error !== undefined) opts.errorInput = input.error;
      return this.#fail(job, now, error, opts);
    });
  }

  /** BEAT (HB §10.5): extend leases, record the worker, answer its directive. */
  heartbeat(input: HeartbeatInput): HeartbeatOutcome {
    this.processDue();
    return this.tx(() => {
      const now = this.clock.now();
      const update: Parameters<WorkerRegistry['touch']>[2] = {
        activeJobCount: input.activeJobCount,
        activeJobIds: input.jobIds,
      };
      if (input.state !== undefined) update.reportedState = input.state;
      if (input.hostname !== undefined) update.hostname = input.hostname;
      if (input.queues !== undefined) update.queues = input.queues;
      if (input.concurrency !== undefined) update.concurrency = input.concurrency;
      if (input.version !== undefined) update.version = input.version;
      if (input.metadata !== undefined) update.metadata = input.metadata;
      const previousState = this.workers.get(input.workerId);
      const prevState = previousState ? this.workers.stateOf(previousState, now) : undefined;
      const { worker, isNew } = this.workers.touch(input.workerId, 'heartbeat', update);
      if (isNew) {
        this.emit({
          type: 'worker.started',
          subject: worker.id,
          component: 'workers',
          data: { worker_id: worker.id },
        });
      }
      const extended: string[] = [];
      let testDirective: 'quiet' | 'terminate' | undefined;
      for (const id of input.jobIds) {
        const job = this.store.getJob(id);
        if (!job || job.state !== 'active') continue;
        if (this.config.testHooks) {
          const d = job.meta['test_directive'];
          if (d === 'terminate' || (d === 'quiet' && testDirective === undefined)) testDirective = d;
        }
        const next: JobRecord = { ...job, leaseUntil: now + this.#leaseMs(job, input.visibilityTimeoutMs) };
        const deadline = OjsEngine.#deadline(next);
        if (deadline !== undefined) next.deadlineAt = deadline;
        this.#save(next, job);
        extended.push(id);
        this.#jobEvent(
          'job.heartbeat',
          next,
          { worker_id: input.workerId, attempt: next.attempt, visible_until: iso(next.leaseUntil as number) },
          'workers',
        );
      }
      const nowState = this.workers.stateOf(worker, now);
      this.emit({
        type: 'worker.heartbeat',
        subject: worker.id,
        component: 'workers',
        data: {
          worker_id: worker.id,
          state: nowState,
          active_jobs: input.activeJobCount,
          ...(input.state !== undefined ? { reported_state: input.state } : {}),
        },
      });
      if (
        prevState !== nowState &&
        (nowState === 'quiet' || nowState === 'draining' || nowState === 'terminating')
      ) {
        this.emit({
          type: nowState === 'quiet' ? 'worker.quiet' : 'worker.stopping',
          subject: worker.id,
          component: 'workers',
          data: { worker_id: worker.id, state: nowState },
        });
      }
      const directive = worker.directive ?? testDirective;
      const state = directive === 'terminate' ? 'terminate' : directive === 'quiet' ? 'quiet' : 'running';
      return { state, jobsExtended: extended, worker };
    });
  }

  /** PUT /jobs/:id/progress (progress §6): only for active jobs, otherwise silently ignored. */
  progress(jobId: string, input: ProgressInput): JobRecord {
    return this.tx(() => {
      const job = this.store.getJob(jobId);
      if (!job) throw notFound('Job', jobId);
      if (job.state !== 'active') return job;
      const now = this.clock.now();
      const previous = job.progress?.value ?? null;
      let value = previous;
      if (input.progress !== undefined) {
        const clamped = Math.min(1, Math.max(0, input.progress));
        // numeric progress never decreases within an attempt (§5.1)
        value = previous === null ? clamped : Math.max(previous, clamped);
      }
      const progress: JobRecord['progress'] = { value, updatedAt: now };
      const message = input.message ?? job.progress?.message;
      if (message !== undefined) progress.message = message;
      const data = input.data ?? job.progress?.data;
      if (data !== undefined) progress.data = data;
      // a progress update is also a heartbeat (§6.3)
      const next: JobRecord = { ...job, progress, leaseUntil: now + this.#leaseMs(job) };
      const deadline = OjsEngine.#deadline(next);
      if (deadline !== undefined) next.deadlineAt = deadline;
      this.#save(next, job);
      const ev: Record<string, unknown> = {
        progress: value,
        progress_percent: value === null ? null : Math.round(value * 100),
        attempt: next.attempt,
      };
      if (job.workerId !== undefined) ev['worker_id'] = job.workerId;
      if (message !== undefined) ev['progress_message'] = message;
      if (data !== undefined) ev['data'] = data;
      this.#jobEvent('job.progress', next, ev, 'workers');
      return next;
    });
  }

  // ── retry / delete ─────────────────────────────────────────────────────────────────────────────

  /**
   * Manual retry (DLQ §6.1, admin §7.4): discarded (or, when allowed, cancelled) -> available with
   * attempt reset; error history kept, `error` cleared.
   */
  retryJob(
    jobId: string,
    options: { allowCancelled?: boolean; component?: string; requireDeadLetter?: boolean } = {},
  ): JobRecord {
    return this.tx(() => {
      const job = this.store.getJob(jobId);
      if (!job) throw notFound('Job', jobId);
      if (options.requireDeadLetter && job.deadLetterAt === undefined)
        throw notFound('Dead letter job', jobId);
      return this.retryInTx(job, options);
    });
  }

  retryInTx(job: JobRecord, options: { allowCancelled?: boolean; component?: string } = {}): JobRecord {
    const allowed =
      job.state === 'discarded' || (options.allowCancelled === true && job.state === 'cancelled');
    if (!allowed) throw invalidTransition(job.id, job.state, 'retry');
    const now = this.clock.now();
    const next: JobRecord = {
      ...job,
      state: 'available',
      attempt: 0,
      enqueuedAt: now,
      aseq: this.store.nextAseq(),
      previousState: job.state,
    };
    for (const k of [
      'error',
      'completedAt',
      'discardedAt',
      'cancelledAt',
      'startedAt',
      'nextAttemptAt',
      'retryDelayMs',
      'workerId',
      'deadLetterAt',
      'promoteAt',
      'deadlineAt',
      'leaseUntil',
      'timeoutAt',
      'progress',
    ] as const) {
      next[k] = undefined;
    }
    if (next.expiresAt !== undefined && next.expiresAt > now) next.deadlineAt = next.expiresAt;
    else next.expiresAt = undefined;
    this.#save(next, job);
    const component = options.component ?? 'admin';
    this.#jobEvent('job.retried', next, { previous_state: job.state }, component, job.state);
    if (job.deadLetterAt !== undefined) {
      this.emit({
        type: 'dead_letter.retried',
        subject: job.id,
        component,
        data: { job_id: job.id, job_type: job.type, queue: job.queue },
      });
    }
    return next;
  }

  /** Delete a terminal job for good (DLQ delete, bulk delete, purge, retention). */
  deleteInTx(job: JobRecord, options: { component?: string; reason?: string } = {}): void {
    this.store.deleteJob(job);
    const data: Record<string, unknown> = {
      job_id: job.id,
      job_type: job.type,
      queue: job.queue,
      state: job.state,
    };
    if (options.reason !== undefined) data['reason'] = options.reason;
    this.emit({
      type: job.deadLetterAt !== undefined ? 'dead_letter.deleted' : 'job.deleted',
      subject: job.id,
      component: options.component ?? 'admin',
      data,
      stateChange: { job_id: job.id, queue: job.queue, type: job.type, from: job.state, to: null },
    });
  }

  // ── timers ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Apply every overdue timer: scheduled and retry promotions, lease reclaims, execution timeouts and TTL
   * expiry. Called by the scheduler tick and lazily before reads and fetches. Returns the jobs changed.
   */
  processDue(now = this.clock.now()): number {
    let changed = 0;
    for (let round = 0; round < 10; round++) {
      const n = this.#processDueOnce(now);
      changed += n;
      if (n < this.config.dueBatchSize) break;
    }
    return changed;
  }

  #processDueOnce(now: number): number {
    const next = this.store.nextDueAt();
    if (next === undefined || next > now) return 0;
    return this.tx(() => {
      let changed = 0;
      for (const job of this.store.dueDeadlines(now, this.config.dueBatchSize)) {
        if (this.#handleDeadline(job, now)) changed++;
      }
      if (!this.maintenance.enabled) {
        for (const job of this.store.duePromotions(now, this.config.dueBatchSize)) {
          if (this.#promote(job, now)) changed++;
        }
      }
      return changed;
    });
  }

  #promote(job: JobRecord, now: number): boolean {
    if (job.state !== 'scheduled' && job.state !== 'retryable') {
      const fixed = { ...job };
      fixed.promoteAt = undefined;
      this.store.updateJob(fixed, job);
      return false;
    }
    const next: JobRecord = {
      ...job,
      state: 'available',
      enqueuedAt: now,
      aseq: this.store.nextAseq(),
      previousState: job.state,
    };
    next.promoteAt = undefined;
    next.nextAttemptAt = undefined;
    this.#save(next, job);
    const data: Record<string, unknown> = { attempt: next.attempt };
    if (job.state === 'scheduled' && job.scheduledAt !== undefined)
      data['scheduled_at'] = iso(job.scheduledAt);
    this.#jobEvent(
      job.state === 'retryable' ? 'job.retry_ready' : 'job.promoted',
      next,
      data,
      'scheduler',
      job.state,
    );
    return true;
  }

  #handleDeadline(job: JobRecord, now: number): boolean {
    if (job.state === 'active') {
      if (job.timeoutAt !== undefined && job.timeoutAt <= now) {
        const error: JobErrorValue = {
          code: 'timeout',
          type: 'timeout',
          message: `execution timeout of ${job.timeoutMs ?? 0} ms exceeded`,
          retryable: true,
          details: { timeout_kind: 'execution', timeout_ms: job.timeoutMs ?? 0 },
        };
        this.#fail(job, now, error, {
          component: 'scheduler',
          errorInput: { code: 'timeout', type: 'timeout', message: error.message, retryable: true },
        });
        return true;
      }
      if (job.leaseUntil !== undefined && job.leaseUntil <= now) {
        this.#reclaim(job, now, 'visibility_timeout');
        return true;
      }
      // deadline moved (heartbeat raced the timer): re-index
      const fixed: JobRecord = { ...job };
      const d = OjsEngine.#deadline(fixed);
      if (d !== undefined) fixed.deadlineAt = d;
      else fixed.deadlineAt = undefined;
      if (fixed.deadlineAt !== job.deadlineAt) this.store.updateJob(fixed, job);
      return false;
    }
    if (job.expiresAt !== undefined && job.expiresAt <= now && !isTerminalState(job.state)) {
      const next: JobRecord = { ...job, state: 'discarded', discardedAt: now, previousState: job.state };
      next.deadlineAt = undefined;
      next.promoteAt = undefined;
      next.nextAttemptAt = undefined;
      this.#save(next, job);
      this.#jobEvent(
        'job.expired',
        next,
        { created_at: iso(job.createdAt), expired_at: iso(now), ttl_ms: job.expiresAt - job.createdAt },
        'scheduler',
        job.state,
      );
      return true;
    }
    const fixed = { ...job };
    fixed.deadlineAt = undefined;
    this.store.updateJob(fixed, job);
    return false;
  }

  /** Lease lost: back to available with an error entry (core §6.3, worker-protocol §5.5). */
  #reclaim(job: JobRecord, now: number, kind: 'visibility_timeout' | 'worker_death'): JobRecord {
    const error: JobErrorValue = {
      code: kind,
      type: kind,
      message:
        kind === 'visibility_timeout'
          ? `visibility timeout expired without ACK or NACK (worker ${job.workerId ?? 'unknown'})`
          : `worker ${job.workerId ?? 'unknown'} was deregistered`,
      retryable: true,
    };
    let next = this.#withError(job, error, now);
    next = OjsEngine.#leaveActive({
      ...next,
      state: 'available',
      aseq: this.store.nextAseq(),
      enqueuedAt: now,
      previousState: 'active',
    });
    next.workerId = undefined;
    this.#save(next, job);
    this.#jobEvent(
      'job.requeued',
      next,
      { reason: kind, worker_id: job.workerId ?? null, attempt: job.attempt },
      'scheduler',
      'active',
    );
    return next;
  }

  /** Requeue the active jobs of a worker that is being deregistered. */
  requeueWorkerJobs(workerId: string): string[] {
    return this.tx(() => {
      const now = this.clock.now();
      const ids: string[] = [];
      for (const job of [...this.store.activeJobs()]) {
        if (job.workerId !== workerId) continue;
        this.#reclaim(job, now, 'worker_death');
        ids.push(job.id);
      }
      return ids;
    });
  }

  /** Retention: delete terminal jobs past their retention period (DLQ jobs by the DLQ policy). */
  pruneFinished(now = this.clock.now(), limit = 1000): number {
    const r = this.config.retention;
    let removed = 0;
    this.tx(() => {
      const plans: Array<['completed' | 'cancelled' | 'discarded', number]> = [
        ['completed', r.completedMs],
        ['cancelled', r.cancelledMs],
        ['discarded', r.discardedMs],
      ];
      for (const [state, keepMs] of plans) {
        for (const job of this.store.finishedBefore(state, now - keepMs, limit)) {
          if (job.deadLetterAt !== undefined && job.deadLetterAt > now - r.deadLetterMs) continue;
          if (job.workflowId !== undefined && this.store.getWorkflow(job.workflowId)?.state === 'running')
            continue;
          this.deleteInTx(job, { component: 'scheduler', reason: 'retention' });
          removed++;
        }
      }
      let over = this.store.deadLetterCount() - r.deadLetterMaxCount;
      if (over > 0) {
        const page = this.store.listJobs({
          deadLetter: true,
          sort: 'created_at',
          order: 'asc',
          offset: 0,
          limit: Math.min(over, limit),
        });
        for (const job of page.items) {
          if (over-- <= 0) break;
          this.deleteInTx(job, { component: 'scheduler', reason: 'dead_letter_max_count' });
          removed++;
        }
      }
    });
    return removed;
  }

  // ── queues ─────────────────────────────────────────────────────────────────────────────────────

  getQueueOrThrow(name: string): QueueRecord {
    const q = this.store.getQueue(name);
    if (!q) throw notFound('Queue', name);
    return q;
  }

  setPaused(name: string, paused: boolean, component = 'api'): QueueRecord {
    return this.tx(() => {
      const q = this.ensureQueue(name);
      if (q.paused === paused) return q;
      const next: QueueRecord = { ...q, paused };
      if (paused) next.pausedAt = this.clock.now();
      else next.pausedAt = undefined;
      this.store.putQueue(next);
      this.emit({
        type: paused ? 'queue.paused' : 'queue.resumed',
        subject: name,
        component,
        data: { queue: name, [paused ? 'paused_by' : 'resumed_by']: component },
      });
      return next;
    });
  }

  /** Replace a queue's configuration (admin §6.6). */
  replaceQueueConfig(name: string, config: QueueConfig): QueueRecord {
    return this.tx(() => {
      const q = this.ensureQueue(name);
      const next: QueueRecord = { ...q, config };
      this.store.putQueue(next);
      this.emit({ type: 'queue.config_updated', subject: name, component: 'admin', data: { queue: name } });
      return next;
    });
  }

  /** Remove jobs of the given terminal-or-waiting states from a queue (admin §6.5). */
  purgeQueue(name: string, states: JobState[], olderThan?: number): number {
    const q = this.getQueueOrThrow(name);
    let purged = 0;
    for (const state of states) {
      for (;;) {
        const page = this.store.listJobs({
          queue: q.name,
          state,
          sort: 'created_at',
          order: 'asc',
          offset: 0,
          limit: 500,
          ...(olderThan !== undefined && isTerminalState(state)
            ? {}
            : olderThan !== undefined
              ? { until: olderThan }
              : {}),
        });
        const victims = page.items.filter((j) => {
          if (olderThan === undefined) return true;
          const at = j.completedAt ?? j.cancelledAt ?? j.discardedAt ?? j.createdAt;
          return at < olderThan;
        });
        if (victims.length === 0) break;
        this.tx(() => {
          for (const job of victims) {
            if (job.state === 'active') {
              const cancelled = this.#cancelInTx(job, { component: 'admin', reason: 'purge' });
              this.deleteInTx(cancelled, { component: 'admin', reason: 'purge' });
            } else {
              this.deleteInTx(job, { component: 'admin', reason: 'purge' });
            }
            purged++;
          }
        });
        if (victims.length < page.items.length) break;
      }
    }
    if (purged > 0) {
      this.emit({
        type: 'queue.purged',
        subject: name,
        component: 'admin',
        data: { queue: name, purged_count: purged, states },
      });
    }
    return purged;
  }

  // ── workers (admin) ────────────────────────────────────────────────────────────────────────────

  quietWorker(id: string, directive: 'quiet' | 'terminate' = 'quiet'): WorkerInfo {
    const w = this.workers.setDirective(id, directive);
    if (!w) throw notFound('Worker', id);
    this.emit({
      type: directive === 'quiet' ? 'worker.quiet' : 'worker.stopping',
      subject: id,
      component: 'admin',
      data: { worker_id: id, directive, requested_by: 'admin' },
    });
    return w;
  }

  deregisterWorker(id: string, force = false): { requeued: string[] } {
    const w = this.workers.get(id);
    if (!w) throw notFound('Worker', id);
    if (!force && this.workers.stateOf(w) !== 'stale') {
      throw conflict(`worker '${id}' is still heartbeating; only stale workers can be deregistered`, {
        worker_id: id,
        last_seen_at: iso(w.lastSeenAt),
      });
    }
    const requeued = this.requeueWorkerJobs(id);
    this.workers.remove(id);
    this.emit({
      type: 'worker.stopped',
      subject: id,
      component: 'admin',
      data: { worker_id: id, requeued_jobs: requeued, reason: 'deregistered' },
    });
    return { requeued };
  }

  /** Forget idle rate-limit keys (an hour without jobs). */
  pruneRateLimits(now = this.clock.now()): number {
    return this.rateLimiter.prune(now, 3_600_000);
  }

  /** Forget long-silent workers and cleanly stopped ones (leases of the silent expire on their own). */
  pruneWorkers(): void {
    for (const { id, reason } of this.workers.prune(this.config.workerForgetAfterMs)) {
      this.emit({
        type: 'worker.stopped',
        subject: id,
        component: 'scheduler',
        data: { worker_id: id, reason },
      });
    }
  }

  // ── test hooks ─────────────────────────────────────────────────────────────────────────────────

  /** Drop every job, queue, cron, workflow, worker and event (conformance reset hook). */
  reset(): void {
    this.#maintenance = undefined;
    this.store.transaction(() => this.store.clear());
    this.events.clear();
    this.workers.clear();
    this.rateLimiter.clear();
    this.stats.clear();
    this.#charged.clear();
    this.#knownQueues.clear();
  }

  /** Validate a fetch body's queue list (names must be syntactically valid). */
  static checkQueues(queues: string[]): void {
    for (const q of queues) {
      if (!/^[a-z0-9][a-z0-9\-.]*$/.test(q) || q.length > 128) {
        throw invalidRequest(`queues: '${q}' is not a valid queue name`);
      }
    }
  }
}
