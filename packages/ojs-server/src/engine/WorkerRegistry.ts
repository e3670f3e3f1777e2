import type { Clock } from '../clock';

export type WorkerState = 'running' | 'quiet' | 'draining' | 'terminating' | 'stale';
export type WorkerDirectiveValue = 'quiet' | 'terminate';

export interface WorkerInfo {
  id: string;
  hostname?: string;
  /** What the worker last reported (`running`, `quiet`, `drain`, ...). */
  reportedState?: string;
  queues: string[];
  concurrency?: number;
  version?: string;
  metadata?: Record<string, unknown>;
  activeJobCount: number;
  activeJobIds: string[];
  startedAt: number;
  lastSeenAt: number;
  lastHeartbeatAt?: number;
  lastFetchAt?: number;
  /** Directive set by the admin API, delivered by the next heartbeat response. */
  directive?: WorkerDirectiveValue;
  directiveAt?: number;
}

export interface HeartbeatUpdate {
  reportedState?: string;
  hostname?: string;
  queues?: string[];
  concurrency?: number;
  version?: string;
  metadata?: Record<string, unknown>;
  activeJobCount?: number;
  activeJobIds?: string[];
}

const DRAIN_STATES = new Set(['drain', 'draining', 'shutting_down', 'stopping']);
const QUIET_STATES = new Set(['quiet', 'quieted', 'paused']);
const TERMINATE_STATES = new Set(['terminate', 'terminating', 'terminated', 'stopped']);

/** Workers known from FETCH and heartbeats, with admin directives (admin §9, worker-protocol §4). */
export class WorkerRegistry {
  readonly #clock: Clock;
  readonly #staleAfterMs: number;
  #workers = new Map<string, WorkerInfo>();

  constructor(clock: Clock, staleAfterMs: number) {
    this.#clock = clock;
    this.#staleAfterMs = staleAfterMs;
  }

  get staleAfterMs(): number {
    return this.#staleAfterMs;
  }

  /** Record that a worker showed up; returns true when it was not known before. */
  touch(
    id: string,
    kind: 'fetch' | 'heartbeat',
    update: HeartbeatUpdate = {},
  ): { worker: WorkerInfo; isNew: boolean } {
    const now = this.#clock.now();
    let w = this.#workers.get(id);
    const isNew = w === undefined;
    if (!w) {
      w = { id, queues: [], activeJobCount: 0, activeJobIds: [], startedAt: now, lastSeenAt: now };
      this.#workers.set(id, w);
    }
    w.lastSeenAt = now;
    if (kind === 'heartbeat') w.lastHeartbeatAt = now;
    else w.lastFetchAt = now;
    if (update.reportedState !== undefined) w.reportedState = update.reportedState;
    if (update.hostname !== undefined) w.hostname = update.hostname;
    if (update.queues !== undefined) w.queues = update.queues;
    if (update.concurrency !== undefined) w.concurrency = update.concurrency;
    if (update.version !== undefined) w.version = update.version;
    if (update.metadata !== undefined) w.metadata = update.metadata;
    if (update.activeJobCount !== undefined) w.activeJobCount = update.activeJobCount;
    if (update.activeJobIds !== undefined) w.activeJobIds = update.activeJobIds;
    return { worker: w, isNew };
  }

  get(id: string): WorkerInfo | undefined {
    return this.#workers.get(id);
  }

  list(): WorkerInfo[] {
    return [...this.#workers.values()].sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  }

  get size(): number {
    return this.#workers.size;
  }

  stateOf(w: WorkerInfo, now = this.#clock.now()): WorkerState {
    if (now - w.lastSeenAt > this.#staleAfterMs) return 'stale';
    const reported = w.reportedState?.toLowerCase();
    if (w.directive === 'terminate' || (reported !== undefined && TERMINATE_STATES.has(reported))) {
      return 'terminating';
    }
    if (reported !== undefined && DRAIN_STATES.has(reported)) return 'draining';
    if (w.directive === 'quiet' || (reported !== undefined && QUIET_STATES.has(reported))) return 'quiet';
    return 'running';
  }

  /** A quiet, draining or terminating worker must not be given new jobs (graceful-shutdown §5.1). */
  mayFetch(id: string): boolean {
    const w = this.#workers.get(id);
    if (!w) return true;
    const s = this.stateOf(w);
    return s === 'running' || s === 'stale';
  }

  setDirective(id: string, directive: WorkerDirectiveValue): WorkerInfo | undefined {
    const w = this.#workers.get(id);
    if (!w) return undefined;
    w.directive = directive;
    w.directiveAt = this.#clock.now();
    return w;
  }

  remove(id: string): boolean {
    return this.#workers.delete(id);
  }

  /**
   * Forget workers silent for longer than `forgetAfterMs`, and sooner (once silent past the stale
   * threshold) those whose last word was a final `stopped`/`terminated` with no job in hand: they shut down
   * cleanly and are gone, not stale. Returns the ids removed with the reason.
   */
  prune(forgetAfterMs: number): { id: string; reason: 'stopped' | 'forgotten' }[] {
    const now = this.#clock.now();
    const removed: { id: string; reason: 'stopped' | 'forgotten' }[] = [];
    for (const [id, w] of this.#workers) {
      const silentMs = now - w.lastSeenAt;
      const reported = w.reportedState?.toLowerCase();
      const stoppedCleanly = (reported === 'stopped' || reported === 'terminated') && w.activeJobCount === 0;
      if (silentMs > forgetAfterMs || (stoppedCleanly && silentMs > this.#staleAfterMs)) {
        this.#workers.delete(id);
        removed.push({ id, reason: silentMs > forgetAfterMs ? 'forgotten' : 'stopped' });
      }
    }
    return removed;
  }

  clear(): void {
    this.#workers.clear();
  }
}
