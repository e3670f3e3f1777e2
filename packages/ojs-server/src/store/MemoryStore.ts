import { isTerminalState, type JobState } from '@lookout/ojs-types';
import { MinHeap } from '../util/MinHeap';
import type { SortedNumberList } from '../util/SortedNumberList';
import {
  emptyCounts,
  type JobFilter,
  type JobListPage,
  type JobListQuery,
  type OjsStore,
  type StateCounts,
} from './OjsStore';
import { PartitionIndex } from './PartitionIndex';
import { decodeCursor, encodeCursor, matchesFilter, partitionFor, sortValue } from './partitions';
import type { CronRecord, JobRecord, QueueRecord, WorkflowRecord } from './records';

const STATES: readonly JobState[] = [
  'scheduled',
  'available',
  'pending',
  'active',
  'retryable',
  'completed',
  'cancelled',
  'discarded',
];

/** FIFO of one priority: ids in availability order, consumed from `head`; removals are lazy. */
class FifoBucket {
  ids: string[] = [];
  seqs: number[] = [];
  head = 0;
  /** Entries still available (the arrays may also hold stale ones). */
  live = 0;

  compact(): void {
    if (this.head > 1024 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.seqs = this.seqs.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * Available jobs of one queue: a FIFO per priority (highest priority first). Claimed or cancelled jobs are
 * dropped lazily: an entry is live while its job is still available with the same availability sequence.
 */
class AvailableIndex {
  /** Priorities present, highest first. */
  readonly priorities: number[] = [];
  readonly buckets = new Map<number, FifoBucket>();

  add(job: JobRecord): void {
    let bucket = this.buckets.get(job.priority);
    if (!bucket) {
      bucket = new FifoBucket();
      this.buckets.set(job.priority, bucket);
      const prios = this.priorities;
      let i = 0;
      while (i < prios.length && (prios[i] as number) > job.priority) i++;
      prios.splice(i, 0, job.priority);
    }
    bucket.ids.push(job.id);
    bucket.seqs.push(job.aseq);
    bucket.live++;
  }

  delete(job: JobRecord): void {
    const bucket = this.buckets.get(job.priority);
    if (!bucket) return;
    bucket.live--;
    if (bucket.live <= 0) {
      this.buckets.delete(job.priority);
      const i = this.priorities.indexOf(job.priority);
      if (i >= 0) this.priorities.splice(i, 1);
    }
  }

  get empty(): boolean {
    return this.buckets.size === 0;
  }

  *iterate(current: (id: string, aseq: number) => JobRecord | undefined): Generator<JobRecord> {
    for (const p of [...this.priorities]) {
      const bucket = this.buckets.get(p);
      if (!bucket) continue;
      for (let i = bucket.head; i < bucket.ids.length; i++) {
        const job = current(bucket.ids[i] as string, bucket.seqs[i] as number);
        if (!job) {
          // stale entry at the front: drop it for good
          if (i === bucket.head) bucket.head++;
          continue;
        }
        yield job;
        if (this.buckets.get(p) !== bucket) break;
      }
      bucket.compact();
    }
  }
}

function finishedAt(job: JobRecord): number | undefined {
  switch (job.state) {
    case 'completed':
      return job.completedAt;
    case 'cancelled':
      return job.cancelledAt;
    case 'discarded':
      return job.discardedAt ?? job.completedAt;
    default:
      return undefined;
  }
}

/**
 * In-memory store: everything is indexed (available buckets, due-time heaps, listing partitions,
 * uniqueness keys), so no operation scans the job table.
 */
export class MemoryStore implements OjsStore {
  readonly kind = 'memory' as const;

  #jobs = new Map<string, JobRecord>();
  #byCseq = new Map<number, JobRecord>();
  #parts = new PartitionIndex();
  #available = new Map<string, AvailableIndex>();
  #promote = new MinHeap<string>();
  #deadline = new MinHeap<string>();
  #unique = new Map<string, Set<string>>();
  #finished = new Map<string, Map<string, number>>();
  #queues = new Map<string, QueueRecord>();
  #crons = new Map<string, CronRecord>();
  #workflows = new Map<string, WorkflowRecord>();
  #workflowOrder: string[] = [];
  #meta = new Map<string, string>();
  #cseq = 0;
  #aseq = 0;

  transaction<T>(fn: () => T): T {
    return fn();
  }

  nextCseq(): number {
    return ++this.#cseq;
  }

  nextAseq(): number {
    return ++this.#aseq;
  }

  getJob(id: string): JobRecord | undefined {
    return this.#jobs.get(id);
  }

  insertJob(job: JobRecord): void {
    if (this.#jobs.has(job.id)) throw new Error(`job ${job.id} already exists`);
    this.#jobs.set(job.id, job);
    this.#byCseq.set(job.cseq, job);
    this.#index(job);
  }

  updateJob(next: JobRecord, prev: JobRecord): void {
    const stored = this.#jobs.get(prev.id);
    if (stored !== prev) throw new Error(`stale update of job ${prev.id}`);
    this.#unindex(prev, next);
    this.#jobs.set(next.id, next);
    this.#byCseq.set(next.cseq, next);
    this.#index(next, prev);
  }

  deleteJob(job: JobRecord): void {
    const stored = this.#jobs.get(job.id);
    if (!stored) return;
    this.#unindex(stored);
    this.#jobs.delete(job.id);
    this.#byCseq.delete(stored.cseq);
  }

  #index(job: JobRecord, prev?: JobRecord): void {
    if (prev) this.#parts.move(prev, job);
    else this.#parts.add(job);
    if (job.state === 'available') {
      let idx = this.#available.get(job.queue);
      if (!idx) {
        idx = new AvailableIndex();
        this.#available.set(job.queue, idx);
      }
      idx.add(job);
    }
    if (job.promoteAt !== undefined && job.promoteAt !== prev?.promoteAt)
      this.#promote.push(job.promoteAt, job.id);
    if (job.deadlineAt !== undefined && job.deadlineAt !== prev?.deadlineAt) {
      this.#deadline.push(job.deadlineAt, job.id);
    }
    if (job.uniqueKey !== undefined) {
      let set = this.#unique.get(job.uniqueKey);
      if (!set) {
        set = new Set();
        this.#unique.set(job.uniqueKey, set);
      }
      set.add(job.id);
    }
    if (isTerminalState(job.state) && (prev === undefined || prev.state !== job.state)) {
      let fin = this.#finished.get(job.state);
      if (!fin) {
        fin = new Map();
        this.#finished.set(job.state, fin);
      }
      fin.delete(job.id);
      fin.set(job.id, finishedAt(job) ?? job.createdAt);
    }
  }

  /** Remove `job` from the indexes it will not share with `next`. */
  #unindex(job: JobRecord, next?: JobRecord): void {
    if (!next) this.#parts.remove(job);
    if (job.state === 'available') {
      const idx = this.#available.get(job.queue);
      if (idx) {
        idx.delete(job);
        if (idx.empty) this.#available.delete(job.queue);
      }
    }
    if (job.uniqueKey !== undefined && job.uniqueKey !== next?.uniqueKey) {
      const set = this.#unique.get(job.uniqueKey);
      if (set) {
        set.delete(job.id);
        if (set.size === 0) this.#unique.delete(job.uniqueKey);
      }
    }
    if (isTerminalState(job.state) && (next === undefined || next.state !== job.state)) {
      this.#finished.get(job.state)?.delete(job.id);
    }
  }

  *availableJobs(queue: string): Generator<JobRecord> {
    const idx = this.#available.get(queue);
    if (!idx) return;
    const jobs = this.#jobs;
    yield* idx.iterate((id, aseq) => {
      const job = jobs.get(id);
      return job && job.state === 'available' && job.aseq === aseq && job.queue === queue ? job : undefined;
    });
  }

  #due(heap: MinHeap<string>, field: 'promoteAt' | 'deadlineAt', now: number, limit: number): JobRecord[] {
    const out: JobRecord[] = [];
    const seen = new Set<string>();
    const keep: Array<[number, string]> = [];
    while (out.length < limit) {
      const key = heap.peekKey();
      if (key === undefined || key > now) break;
      const entry = heap.pop();
      if (!entry) break;
      const job = this.#jobs.get(entry.value);
      if (!job || job[field] !== entry.key || seen.has(job.id)) continue;
      seen.add(job.id);
      out.push(job);
      keep.push([entry.key, entry.value]);
    }
    // entries stay indexed until the job's due time changes (stale ones are dropped lazily)
    for (const [k, v] of keep) heap.push(k, v);
    return out;
  }

  duePromotions(now: number, limit: number): JobRecord[] {
    return this.#due(this.#promote, 'promoteAt', now, limit);
  }

  dueDeadlines(now: number, limit: number): JobRecord[] {
    return this.#due(this.#deadline, 'deadlineAt', now, limit);
  }

  nextDueAt(): number | undefined {
    const a = this.#validTop(this.#promote, 'promoteAt');
    const b = this.#validTop(this.#deadline, 'deadlineAt');
    if (a === undefined) return b;
    if (b === undefined) return a;
    return Math.min(a, b);
  }

  #validTop(heap: MinHeap<string>, field: 'promoteAt' | 'deadlineAt'): number | undefined {
    for (;;) {
      const key = heap.peekKey();
      if (key === undefined) return undefined;
      // drop stale entries at the top
      const entry = heap.pop();
      if (!entry) return undefined;
      const job = this.#jobs.get(entry.value);
      if (job && job[field] === entry.key) {
        heap.push(entry.key, entry.value);
        return entry.key;
      }
    }
  }

  findByUniqueKey(key: string): JobRecord[] {
    const set = this.#unique.get(key);
    if (!set) return [];
    const out: JobRecord[] = [];
    for (const id of set) {
      const job = this.#jobs.get(id);
      if (job) out.push(job);
    }
    return out;
  }

  finishedBefore(state: 'completed' | 'cancelled' | 'discarded', before: number, limit: number): JobRecord[] {
    const fin = this.#finished.get(state);
    if (!fin) return [];
    const out: JobRecord[] = [];
    for (const [id, at] of fin) {
      if (at >= before || out.length >= limit) break;
      const job = this.#jobs.get(id);
      if (job) out.push(job);
    }
    return out;
  }

  *activeJobs(): Generator<JobRecord> {
    const list = this.#parts.get('s|active');
    if (!list) return;
    for (const cseq of [...list.ascendingFrom(0)]) {
      const job = this.#byCseq.get(cseq);
      if (job) yield job;
    }
  }

  /** Bounds [lo, hi) of partition positions whose jobs were created in [since, until). */
  #timeRange(list: SortedNumberList, filter: JobFilter): [number, number] {
    const createdAtAt = (i: number): number => this.#byCseq.get(list.at(i) as number)?.createdAt ?? 0;
    const search = (t: number): number => {
      let lo = 0;
      let hi = list.size;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (createdAtAt(mid) < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const lo = filter.since !== undefined ? search(filter.since) : 0;
    const hi = filter.until !== undefined ? search(filter.until) : list.size;
    return [lo, Math.max(lo, hi)];
  }

  listJobs(query: JobListQuery): JobListPage {
    const { key, residualType } = partitionFor(query);
    const list = this.#parts.get(key);
    if (!list) return { items: [], total: 0 };
    const [lo, hi] = this.#timeRange(list, query);
    const residual = residualType || query.typePrefix !== undefined;
    const asc = query.order === 'asc';
    const limit = Math.max(0, query.limit);

    if (query.sort === 'created_at') {
      const cursor =
        query.cursor !== undefined ? decodeCursor(query.cursor, query.sort, query.order) : undefined;
      let start: number;
      if (cursor)
        start = asc ? Math.max(lo, list.rank(cursor.c + 1)) : Math.min(hi - 1, list.rank(cursor.c) - 1);
      else start = asc ? lo + (residual ? 0 : query.offset) : hi - 1 - (residual ? 0 : query.offset);
      const iter = asc ? list.ascendingFrom(start) : list.descendingFrom(start);
      const items: JobRecord[] = [];
      let skip = residual && !cursor ? query.offset : 0;
      let pos = start;
      let more = false;
      for (const cseq of iter) {
        if (asc ? pos >= hi : pos < lo) break;
        pos += asc ? 1 : -1;
        const job = this.#byCseq.get(cseq);
        if (!job || (residual && !matchesFilter(job, query))) continue;
        if (skip > 0) {
          skip--;
          continue;
        }
        if (items.length === limit) {
          more = true;
          break;
        }
        items.push(job);
      }
      const total = residual ? this.#countResidual(list, lo, hi, query) : hi - lo;
      const page: JobListPage = { items, total };
      const last = items[items.length - 1];
      if (more && last)
        page.nextCursor = encodeCursor(query.sort, query.order, { v: last.cseq, c: last.cseq });
      return page;
    }

    // priority / scheduled_at: sort the partition range (bounded by the exact-match filters)
    const rows: JobRecord[] = [];
    for (const cseq of list.ascendingFrom(lo)) {
      if (rows.length >= hi - lo) break;
      const job = this.#byCseq.get(cseq);
      if (job && (!residual || matchesFilter(job, query))) rows.push(job);
    }
    const dir = asc ? 1 : -1;
    rows.sort((a, b) => {
      const d = sortValue(a, query.sort) - sortValue(b, query.sort);
      return d !== 0 ? d * dir : (a.cseq - b.cseq) * dir;
    });
    let startIdx = query.offset;
    const cursor =
      query.cursor !== undefined ? decodeCursor(query.cursor, query.sort, query.order) : undefined;
    if (cursor) {
      const after = (j: JobRecord): boolean => {
        const d = sortValue(j, query.sort) - cursor.v;
        return (d !== 0 ? d * dir : (j.cseq - cursor.c) * dir) > 0;
      };
      startIdx = rows.findIndex(after);
      if (startIdx < 0) startIdx = rows.length;
    }
    const items = rows.slice(startIdx, startIdx + limit);
    const page: JobListPage = { items, total: rows.length };
    const last = items[items.length - 1];
    if (last && startIdx + limit < rows.length) {
      page.nextCursor = encodeCursor(query.sort, query.order, {
        v: sortValue(last, query.sort),
        c: last.cseq,
      });
    }
    return page;
  }

  #countResidual(list: SortedNumberList, lo: number, hi: number, filter: JobFilter): number {
    let n = 0;
    let pos = lo;
    for (const cseq of list.ascendingFrom(lo)) {
      if (pos++ >= hi) break;
      const job = this.#byCseq.get(cseq);
      if (job && matchesFilter(job, filter)) n++;
    }
    return n;
  }

  countJobs(filter: JobFilter): number {
    const { key, residualType } = partitionFor(filter);
    const list = this.#parts.get(key);
    if (!list) return 0;
    const [lo, hi] = this.#timeRange(list, filter);
    if (residualType || filter.typePrefix !== undefined) return this.#countResidual(list, lo, hi, filter);
    return hi - lo;
  }

  queueCounts(queue: string): StateCounts {
    const counts = emptyCounts();
    for (const s of STATES) counts[s] = this.#parts.get(`qs|${queue}|${s}`)?.size ?? 0;
    return counts;
  }

  totalCounts(): StateCounts {
    const counts = emptyCounts();
    for (const s of STATES) counts[s] = this.#parts.get(`s|${s}`)?.size ?? 0;
    return counts;
  }

  deadLetterCount(queue?: string): number {
    return this.#parts.get(queue === undefined ? 'd' : `dq|${queue}`)?.size ?? 0;
  }

  getQueue(name: string): QueueRecord | undefined {
    return this.#queues.get(name);
  }

  putQueue(queue: QueueRecord): void {
    this.#queues.set(queue.name, queue);
  }

  listQueues(): QueueRecord[] {
    return [...this.#queues.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  getCron(name: string): CronRecord | undefined {
    return this.#crons.get(name);
  }

  putCron(cron: CronRecord): void {
    this.#crons.set(cron.name, cron);
  }

  deleteCron(name: string): boolean {
    return this.#crons.delete(name);
  }

  listCrons(): CronRecord[] {
    return [...this.#crons.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  getWorkflow(id: string): WorkflowRecord | undefined {
    return this.#workflows.get(id);
  }

  putWorkflow(workflow: WorkflowRecord): void {
    if (!this.#workflows.has(workflow.id)) this.#workflowOrder.push(workflow.id);
    this.#workflows.set(workflow.id, workflow);
  }

  listWorkflows(offset: number, limit: number): { items: WorkflowRecord[]; total: number } {
    const ids = this.#workflowOrder;
    const items: WorkflowRecord[] = [];
    for (let i = ids.length - 1 - offset; i >= 0 && items.length < limit; i--) {
      const wf = this.#workflows.get(ids[i] as string);
      if (wf) items.push(wf);
    }
    return { items, total: ids.length };
  }

  getMeta(key: string): string | undefined {
    return this.#meta.get(key);
  }

  setMeta(key: string, value: string | undefined): void {
    if (value === undefined) this.#meta.delete(key);
    else this.#meta.set(key, value);
  }

  clear(): void {
    this.#jobs.clear();
    this.#byCseq.clear();
    this.#parts.clear();
    this.#available.clear();
    this.#promote.clear();
    this.#deadline.clear();
    this.#unique.clear();
    this.#finished.clear();
    this.#queues.clear();
    this.#crons.clear();
    this.#workflows.clear();
    this.#workflowOrder = [];
    this.#meta.clear();
  }

  close(): void {
    // nothing to release
  }
}
