import type { JobState } from '@lookout/ojs-types';
import type { Clock } from '../clock';
import { uuidv7 } from '../util/uuidv7';

/**
 * The realtime projection of a job state transition (ojs-realtime `job.state_changed`):
 * `{ job_id, queue, type, from, to, timestamp }` where `type` is the job type.
 */
export interface JobStateChange {
  job_id: string;
  queue: string;
  type: string;
  from: JobState | null;
  to: JobState | null;
  timestamp: string;
}

/**
 * One entry of the event log: the OJS event envelope (ojs-events §2) plus a monotonic `seq` and, for
 * events that move a job between states, the realtime `state_change` projection.
 */
export interface OjsEvent {
  seq: number;
  specversion: '1.0';
  id: string;
  type: string;
  source: string;
  time: string;
  subject?: string;
  datacontenttype: 'application/json';
  data: Record<string, unknown>;
  state_change?: JobStateChange;
}

export interface EventInput {
  type: string;
  subject?: string;
  /** Component that produced the event: api, scheduler, cron, workers, admin, workflows. */
  component?: string;
  data: Record<string, unknown>;
  stateChange?: Omit<JobStateChange, 'timestamp'>;
}

export interface EventFilter {
  /** Event types; `job.*` matches every `job.` event. */
  types?: readonly string[];
  queues?: readonly string[];
  jobTypes?: readonly string[];
  /** Only events about this subject (job id, queue, worker id, ...). */
  subject?: string;
}

export interface EventReadResult {
  events: OjsEvent[];
  /** seq of the last event examined; pass it back as `afterSeq` to continue. */
  cursor: number;
  hasMore: boolean;
  /** True when `afterSeq` is older than the retained window (events were lost to retention). */
  gap: boolean;
}

export type EventListener = (event: OjsEvent) => void;

export interface EventLogOptions {
  clock: Clock;
  /** Events kept in memory (default 100 000). */
  capacity?: number;
  /** Service name used in `source` URIs: `ojs://{service}/{component}`. */
  service?: string;
  /** First seq to hand out minus one (a persisted log resumes where it stopped). */
  startSeq?: number;
  /** Called for every appended event (persistence); errors are reported, never thrown. */
  onAppend?: (event: OjsEvent) => void;
  onListenerError?: (error: unknown) => void;
}

function typeMatches(patterns: readonly string[], type: string): boolean {
  for (const p of patterns) {
    if (p === type || p === '*') return true;
    if (p.endsWith('.*') && type.startsWith(p.slice(0, -1))) return true;
  }
  return false;
}

export function eventMatches(event: OjsEvent, filter: EventFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.types && filter.types.length > 0 && !typeMatches(filter.types, event.type)) return false;
  if (filter.queues && filter.queues.length > 0) {
    const q = event.data['queue'];
    if (typeof q !== 'string' || !filter.queues.includes(q)) return false;
  }
  if (filter.jobTypes && filter.jobTypes.length > 0) {
    const t = event.data['job_type'];
    if (typeof t !== 'string' || !filter.jobTypes.includes(t)) return false;
  }
  if (filter.subject !== undefined && event.subject !== filter.subject) return false;
  return true;
}

/**
 * Append-only, bounded, in-memory log of every event the server emits, with monotonic sequence numbers.
 * It feeds `GET /ojs/v1/events`, SSE streams (replay through {@link readAfter}, live through
 * {@link subscribe}) and any persistence hook.
 */
export class EventLog {
  readonly #clock: Clock;
  readonly #capacity: number;
  readonly #service: string;
  readonly #onAppend: ((event: OjsEvent) => void) | undefined;
  readonly #onListenerError: (error: unknown) => void;
  #buffer: (OjsEvent | undefined)[];
  /** seq of the oldest retained event. */
  #first: number;
  /** seq of the newest event (0 before the first append). */
  #last: number;
  #listeners = new Set<EventListener>();

  constructor(options: EventLogOptions) {
    this.#clock = options.clock;
    this.#capacity = Math.max(1, options.capacity ?? 100_000);
    this.#service = options.service ?? 'lookout';
    this.#onAppend = options.onAppend;
    this.#onListenerError =
      options.onListenerError ?? ((e) => console.error('[ojs-server] event listener failed:', e));
    this.#buffer = new Array<OjsEvent | undefined>(Math.min(this.#capacity, 1024));
    this.#last = options.startSeq ?? 0;
    this.#first = this.#last + 1;
  }

  /** seq of the oldest retained event (lastSeq + 1 when empty). */
  get firstSeq(): number {
    return this.#first;
  }

  /** seq of the newest event, 0 when nothing was ever appended. */
  get lastSeq(): number {
    return this.#last;
  }

  get size(): number {
    return this.#last - this.#first + 1;
  }

  get capacity(): number {
    return this.#capacity;
  }

  #slot(seq: number): number {
    return seq % this.#buffer.length;
  }

  #grow(): void {
    const old = this.#buffer;
    const size = Math.min(this.#capacity, old.length * 2);
    const next = new Array<OjsEvent | undefined>(size);
    for (let seq = this.#first; seq <= this.#last; seq++) next[seq % size] = old[seq % old.length];
    this.#buffer = next;
  }

  #timeMs = Number.NaN;
  #timeText = '';

  append(input: EventInput): OjsEvent {
    const now = this.#clock.now();
    if (now !== this.#timeMs) {
      this.#timeMs = now;
      this.#timeText = new Date(now).toISOString();
    }
    const time = this.#timeText;
    const seq = this.#last + 1;
    const event: OjsEvent = {
      seq,
      specversion: '1.0',
      id: `evt_${uuidv7(now)}`,
      type: input.type,
      source: `ojs://${this.#service}/${input.component ?? 'api'}`,
      time,
      datacontenttype: 'application/json',
      data: input.data,
    };
    if (input.subject !== undefined) event.subject = input.subject;
    if (input.stateChange) event.state_change = { ...input.stateChange, timestamp: time };

    if (this.size >= this.#buffer.length && this.#buffer.length < this.#capacity) this.#grow();
    if (this.size >= this.#capacity) {
      this.#buffer[this.#slot(this.#first)] = undefined;
      this.#first++;
    }
    this.#buffer[this.#slot(seq)] = event;
    this.#last = seq;

    if (this.#onAppend) {
      try {
        this.#onAppend(event);
      } catch (e) {
        this.#onListenerError(e);
      }
    }
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (e) {
        this.#onListenerError(e);
      }
    }
    return event;
  }

  /** The event with this seq, if still retained. */
  get(seq: number): OjsEvent | undefined {
    if (seq < this.#first || seq > this.#last) return undefined;
    return this.#buffer[this.#slot(seq)];
  }

  /**
   * Events with seq > `afterSeq` matching `filter`, oldest first, at most `limit`. Scans at most
   * `maxScan` events (default 10x limit, at least 10 000) so a selective filter cannot stall the caller;
   * `cursor` says where the scan stopped.
   */
  readAfter(afterSeq: number, limit: number, filter?: EventFilter, maxScan?: number): EventReadResult {
    const gap = afterSeq < this.#first - 1 && this.#last > 0;
    let seq = Math.max(afterSeq + 1, this.#first);
    const events: OjsEvent[] = [];
    const budget = maxScan ?? Math.max(10_000, limit * 10);
    let scanned = 0;
    while (seq <= this.#last && events.length < limit && scanned < budget) {
      const e = this.#buffer[this.#slot(seq)];
      if (e && eventMatches(e, filter)) events.push(e);
      seq++;
      scanned++;
    }
    const cursor = Math.max(afterSeq, seq - 1);
    return { events, cursor, hasMore: seq <= this.#last, gap };
  }

  /** Live events from now on. Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /**
   * Load previously persisted events (oldest first) into an empty log: seq numbering continues after
   * them and they can be replayed. Only valid before the first append.
   */
  restore(events: readonly OjsEvent[]): void {
    if (this.size > 0) throw new Error('restore() needs an empty event log');
    let kept = events.slice(-this.#capacity);
    // keep the newest contiguous run (a crash may have lost a flush in between)
    for (let i = kept.length - 1; i > 0; i--) {
      if ((kept[i] as OjsEvent).seq !== (kept[i - 1] as OjsEvent).seq + 1) {
        kept = kept.slice(i);
        break;
      }
    }
    if (kept.length === 0) return;
    this.#buffer = new Array<OjsEvent | undefined>(Math.min(this.#capacity, Math.max(1024, kept.length * 2)));
    this.#first = (kept[0] as OjsEvent).seq;
    this.#last = this.#first - 1;
    for (const e of kept) {
      this.#last = e.seq;
      this.#buffer[this.#slot(e.seq)] = e;
    }
  }

  /** Drop every retained event (seq keeps increasing). */
  clear(): void {
    this.#buffer = new Array<OjsEvent | undefined>(Math.min(this.#capacity, 1024));
    this.#first = this.#last + 1;
  }
}
