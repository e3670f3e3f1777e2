import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { JobState } from '@lookout/ojs-types';
import {
  emptyCounts,
  type EventPersistence,
  type JobFilter,
  type JobListPage,
  type JobListQuery,
  type OjsStore,
  type StateCounts,
} from './OjsStore';
import type { SortedNumberList } from '../util/SortedNumberList';
import { PartitionIndex } from './PartitionIndex';
import { SHARED_DEFAULT_RETRY } from './sharedDefaults';
import { decodeCursor, encodeCursor, partitionFor, sortValue } from './partitions';
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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  cseq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  aseq INTEGER NOT NULL,
  queue TEXT NOT NULL,
  state TEXT NOT NULL,
  type TEXT NOT NULL,
  priority INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  sched_at INTEGER NOT NULL,
  promote_at INTEGER,
  deadline_at INTEGER,
  finished_at INTEGER,
  unique_key TEXT,
  dlq INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_fetch ON jobs (queue, priority DESC, aseq) WHERE state = 'available';
CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, cseq);
CREATE INDEX IF NOT EXISTS jobs_queue_state ON jobs (queue, state, cseq);
CREATE INDEX IF NOT EXISTS jobs_type_state ON jobs (type, state, cseq);
CREATE INDEX IF NOT EXISTS jobs_promote ON jobs (promote_at) WHERE promote_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_deadline ON jobs (deadline_at) WHERE deadline_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_finished ON jobs (state, finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_unique ON jobs (unique_key) WHERE unique_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_dlq ON jobs (cseq) WHERE dlq = 1;
CREATE INDEX IF NOT EXISTS jobs_dlq_queue ON jobs (queue, cseq) WHERE dlq = 1;
CREATE TABLE IF NOT EXISTS queues (name TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS crons (name TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS workflows (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, data TEXT NOT NULL);
`;

function finishedAt(job: JobRecord): number | null {
  switch (job.state) {
    case 'completed':
      return job.completedAt ?? null;
    case 'cancelled':
      return job.cancelledAt ?? null;
    case 'discarded':
      return job.discardedAt ?? job.completedAt ?? null;
    default:
      return null;
  }
}

interface JobRow {
  data: string;
}

/** Rows omit the shared default retry policy (most jobs use it); decoding puts the shared object back. */
function encodeJob(job: JobRecord): string {
  if (job.retry !== SHARED_DEFAULT_RETRY) return JSON.stringify(job);
  const { retry: _retry, ...rest } = job;
  return JSON.stringify(rest);
}

function decodeJob(data: string): JobRecord {
  const job = JSON.parse(data) as Partial<JobRecord> & Omit<JobRecord, 'retry'>;
  if (job.retry === undefined) job.retry = SHARED_DEFAULT_RETRY;
  return job as JobRecord;
}

interface AvailRow {
  cseq: number;
  priority: number;
  aseq: number;
}

export interface SqliteStoreOptions {
  /** Database file; `:memory:` for a throwaway database. */
  path: string;
  /** Parsed job records kept in memory (default 20 000). */
  cacheSize?: number;
}

/**
 * SQLite store (better-sqlite3, WAL, synchronous=NORMAL): a transaction that returned is in the WAL, so a
 * job whose enqueue got a 2xx survives a crash of the process. Listing and timers use indexes; per-state
 * counters are kept in memory (rebuilt from one GROUP BY on open) so counts are O(1).
 */
export class SqliteStore implements OjsStore, EventPersistence {
  readonly kind = 'sqlite' as const;
  readonly path: string;

  readonly #db: Database.Database;
  readonly #cacheSize: number;
  #cache = new Map<string, JobRecord>();
  /** Listing partitions (positions, ranks, O(1) counts), rebuilt from the table on open. */
  #parts = new PartitionIndex();
  /** Partition changes of the open transaction, undone on rollback. */
  #undo: Array<() => void> | null = null;
  #depth = 0;
  #cseq = 0;
  #aseq = 0;
  #queues = new Map<string, QueueRecord>();
  #queuesLoaded = false;
  #nextDue: number | undefined;
  #nextDueDirty = true;
  #closed = false;
  readonly #stmt: ReturnType<SqliteStore['prepare']>;

  constructor(options: SqliteStoreOptions) {
    this.path = options.path;
    this.#cacheSize = options.cacheSize ?? 20_000;
    if (options.path !== ':memory:' && options.path !== '')
      mkdirSync(dirname(options.path), { recursive: true });
    this.#db = new Database(options.path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('temp_store = MEMORY');
    this.#db.pragma('cache_size = -65536');
    this.#db.pragma('wal_autocheckpoint = 10000');
    this.#db.exec(SCHEMA);
    this.#stmt = this.prepare();
    this.#load();
  }

  private prepare() {
    const db = this.#db;
    return {
      begin: db.prepare('BEGIN'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      get: db.prepare<[string], JobRow>('SELECT data FROM jobs WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO jobs (cseq, id, aseq, queue, state, type, priority, created_at, sched_at, promote_at, deadline_at,
           finished_at, unique_key, dlq, data)
         VALUES (@cseq, @id, @aseq, @queue, @state, @type, @priority, @created_at, @sched_at, @promote_at, @deadline_at,
           @finished_at, @unique_key, @dlq, @data)`,
      ),
      update: db.prepare(
        `UPDATE jobs SET aseq = @aseq, queue = @queue, state = @state, type = @type, priority = @priority,
           sched_at = @sched_at, promote_at = @promote_at, deadline_at = @deadline_at, finished_at = @finished_at,
           unique_key = @unique_key, dlq = @dlq, data = @data
         WHERE cseq = @cseq`,
      ),
      delete: db.prepare('DELETE FROM jobs WHERE cseq = ?'),
      // keyset walks of the partial fetch index: the rest of one priority, then the lower priorities
      availableTop: db.prepare<[string, number], AvailRow>(
        `SELECT cseq, priority, aseq FROM jobs WHERE queue = ? AND state = 'available'
         ORDER BY priority DESC, aseq LIMIT ?`,
      ),
      availableSamePriority: db.prepare<[string, number, number, number], AvailRow>(
        `SELECT cseq, priority, aseq FROM jobs WHERE queue = ? AND state = 'available' AND priority = ? AND aseq > ?
         ORDER BY priority DESC, aseq LIMIT ?`,
      ),
      availableLowerPriority: db.prepare<[string, number, number], AvailRow>(
        `SELECT cseq, priority, aseq FROM jobs WHERE queue = ? AND state = 'available' AND priority < ?
         ORDER BY priority DESC, aseq LIMIT ?`,
      ),
      duePromote: db.prepare<[number, number], JobRow>(
        'SELECT data FROM jobs WHERE promote_at <= ? ORDER BY promote_at LIMIT ?',
      ),
      dueDeadline: db.prepare<[number, number], JobRow>(
        'SELECT data FROM jobs WHERE deadline_at <= ? ORDER BY deadline_at LIMIT ?',
      ),
      // the WHERE clauses let SQLite answer min() from the partial indexes
      minPromote: db.prepare<[], { v: number | null }>(
        'SELECT min(promote_at) AS v FROM jobs WHERE promote_at IS NOT NULL',
      ),
      minDeadline: db.prepare<[], { v: number | null }>(
        'SELECT min(deadline_at) AS v FROM jobs WHERE deadline_at IS NOT NULL',
      ),
      unique: db.prepare<[string], JobRow>('SELECT data FROM jobs WHERE unique_key = ?'),
      finished: db.prepare<[string, number, number], JobRow>(
        'SELECT data FROM jobs WHERE state = ? AND finished_at < ? ORDER BY finished_at LIMIT ?',
      ),
      active: db.prepare<[], JobRow>("SELECT data FROM jobs WHERE state = 'active' ORDER BY cseq"),
      byCseq: db.prepare<[number], JobRow>('SELECT data FROM jobs WHERE cseq = ?'),
      createdAtFrom: db.prepare<[number], { cseq: number; created_at: number }>(
        'SELECT cseq, created_at FROM jobs WHERE cseq >= ? ORDER BY cseq LIMIT 1',
      ),
      putQueue: db.prepare('INSERT OR REPLACE INTO queues (name, data) VALUES (?, ?)'),
      getCron: db.prepare<[string], JobRow>('SELECT data FROM crons WHERE name = ?'),
      putCron: db.prepare('INSERT OR REPLACE INTO crons (name, data) VALUES (?, ?)'),
      deleteCron: db.prepare('DELETE FROM crons WHERE name = ?'),
      listCrons: db.prepare<[], JobRow>('SELECT data FROM crons ORDER BY name'),
      getWorkflow: db.prepare<[string], JobRow>('SELECT data FROM workflows WHERE id = ?'),
      insertWorkflow: db.prepare(
        'INSERT INTO workflows (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data',
      ),
      listWorkflows: db.prepare<[number, number], JobRow>(
        'SELECT data FROM workflows ORDER BY seq DESC LIMIT ? OFFSET ?',
      ),
      countWorkflows: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM workflows'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      putMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      deleteMeta: db.prepare('DELETE FROM meta WHERE key = ?'),
      insertEvent: db.prepare('INSERT OR REPLACE INTO events (seq, data) VALUES (?, ?)'),
      loadEvents: db.prepare<[number], JobRow>(
        'SELECT data FROM (SELECT seq, data FROM events ORDER BY seq DESC LIMIT ?) ORDER BY seq',
      ),
      pruneEvents: db.prepare('DELETE FROM events WHERE seq <= ?'),
    };
  }

  #load(): void {
    const seq = this.#db
      .prepare<[], { c: number | null; a: number | null }>('SELECT max(cseq) AS c, max(aseq) AS a FROM jobs')
      .get();
    this.#cseq = seq?.c ?? 0;
    this.#aseq = seq?.a ?? 0;
    this.#parts.clear();
    const rows = this.#db
      .prepare<[], { cseq: number; type: string; queue: string; state: JobState; dlq: number }>(
        'SELECT cseq, type, queue, state, dlq FROM jobs ORDER BY cseq',
      )
      .iterate();
    for (const r of rows) {
      this.#parts.add({
        cseq: r.cseq,
        type: r.type,
        queue: r.queue,
        state: r.state,
        deadLetterAt: r.dlq === 1 ? 1 : undefined,
      });
    }
  }

  // ── transactions ─────────────────────────────────────────────────────────────────────────────

  transaction<T>(fn: () => T): T {
    if (this.#depth > 0) {
      this.#depth++;
      try {
        return fn();
      } finally {
        this.#depth--;
      }
    }
    this.#stmt.begin.run();
    this.#depth = 1;
    this.#undo = [];
    try {
      const result = fn();
      this.#stmt.commit.run();
      return result;
    } catch (e) {
      if (this.#db.inTransaction) this.#stmt.rollback.run();
      // in-memory mirrors must follow the rollback
      for (let i = this.#undo.length - 1; i >= 0; i--) (this.#undo[i] as () => void)();
      this.#cache.clear();
      this.#queues.clear();
      this.#queuesLoaded = false;
      this.#nextDueDirty = true;
      const seq = this.#db
        .prepare<[], { c: number | null; a: number | null }>(
          'SELECT max(cseq) AS c, max(aseq) AS a FROM jobs',
        )
        .get();
      this.#cseq = Math.max(this.#cseq, seq?.c ?? 0);
      this.#aseq = Math.max(this.#aseq, seq?.a ?? 0);
      throw e;
    } finally {
      this.#depth = 0;
      this.#undo = null;
    }
  }

  /** Run a write outside an explicit transaction as its own transaction. */
  #write<T>(fn: () => T): T {
    return this.#depth > 0 ? fn() : this.transaction(fn);
  }

  nextCseq(): number {
    return ++this.#cseq;
  }

  nextAseq(): number {
    return ++this.#aseq;
  }

  // ── jobs ─────────────────────────────────────────────────────────────────────────────────────

  #parse(row: JobRow | undefined): JobRecord | undefined {
    if (!row) return undefined;
    const job = decodeJob(row.data);
    return job;
  }

  #remember(job: JobRecord): JobRecord {
    const cache = this.#cache;
    cache.delete(job.id);
    cache.set(job.id, job);
    if (cache.size > this.#cacheSize) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    return job;
  }

  #rows(rows: JobRow[]): JobRecord[] {
    return rows.map((r) => {
      const job = decodeJob(r.data);
      return this.#cache.get(job.id) ?? this.#remember(job);
    });
  }

  getJob(id: string): JobRecord | undefined {
    const cached = this.#cache.get(id);
    if (cached) return cached;
    const job = this.#parse(this.#stmt.get.get(id));
    return job ? this.#remember(job) : undefined;
  }

  #params(job: JobRecord): Record<string, unknown> {
    return {
      cseq: job.cseq,
      id: job.id,
      aseq: job.aseq,
      queue: job.queue,
      state: job.state,
      type: job.type,
      priority: job.priority,
      created_at: job.createdAt,
      sched_at: job.scheduledAt ?? job.createdAt,
      promote_at: job.promoteAt ?? null,
      deadline_at: job.deadlineAt ?? null,
      finished_at: finishedAt(job),
      unique_key: job.uniqueKey ?? null,
      dlq: job.deadLetterAt !== undefined ? 1 : 0,
      data: encodeJob(job),
    };
  }

  #noteDue(job: JobRecord, prev?: JobRecord): void {
    if (this.#nextDueDirty) return;
    for (const t of [job.promoteAt, job.deadlineAt]) {
      if (t !== undefined && (this.#nextDue === undefined || t < this.#nextDue)) this.#nextDue = t;
    }
    if (prev && this.#nextDue !== undefined) {
      const gone = (t: number | undefined, now: number | undefined): boolean =>
        t === this.#nextDue && now !== t;
      if (gone(prev.promoteAt, job.promoteAt) || gone(prev.deadlineAt, job.deadlineAt))
        this.#nextDueDirty = true;
    }
  }

  insertJob(job: JobRecord): void {
    this.#write(() => {
      this.#stmt.insert.run(this.#params(job));
      this.#parts.add(job);
      this.#undo?.push(() => this.#parts.remove(job));
    });
    this.#remember(job);
    this.#noteDue(job);
  }

  updateJob(next: JobRecord, prev: JobRecord): void {
    this.#write(() => {
      const info = this.#stmt.update.run(this.#params(next));
      if (info.changes !== 1) throw new Error(`job ${prev.id} does not exist`);
      this.#parts.move(prev, next);
      this.#undo?.push(() => this.#parts.move(next, prev));
    });
    this.#remember(next);
    this.#noteDue(next, prev);
  }

  deleteJob(job: JobRecord): void {
    const stored = this.getJob(job.id);
    if (!stored) return;
    this.#write(() => {
      this.#stmt.delete.run(stored.cseq);
      this.#parts.remove(stored);
      this.#undo?.push(() => this.#parts.add(stored));
    });
    this.#cache.delete(job.id);
    if (stored.promoteAt === this.#nextDue || stored.deadlineAt === this.#nextDue) this.#nextDueDirty = true;
  }

  *availableJobs(queue: string): Generator<JobRecord> {
    // small first chunk (most fetches claim one job), larger ones after
    let size = 8;
    let rows = this.#stmt.availableTop.all(queue, size);
    for (;;) {
      let last: AvailRow | undefined;
      for (const row of rows) {
        last = row;
        const job = this.#byCseq(row.cseq);
        if (job && job.state === 'available' && job.aseq === row.aseq) yield job;
      }
      if (!last) return;
      const full = rows.length === size;
      size = Math.min(size * 4, 256);
      if (full) {
        // the rest of the last priority first, then the lower priorities
        rows = this.#stmt.availableSamePriority.all(queue, last.priority, last.aseq, size);
        if (rows.length > 0) continue;
      }
      rows = this.#stmt.availableLowerPriority.all(queue, last.priority, size);
    }
  }

  /** A job by creation sequence (through the record cache when its id is known). */
  #byCseq(cseq: number): JobRecord | undefined {
    const row = this.#stmt.byCseq.get(cseq);
    if (!row) return undefined;
    const job = decodeJob(row.data);
    return this.#cache.get(job.id) ?? this.#remember(job);
  }

  duePromotions(now: number, limit: number): JobRecord[] {
    return this.#rows(this.#stmt.duePromote.all(now, limit));
  }

  dueDeadlines(now: number, limit: number): JobRecord[] {
    return this.#rows(this.#stmt.dueDeadline.all(now, limit));
  }

  nextDueAt(): number | undefined {
    if (this.#nextDueDirty) {
      const a = this.#stmt.minPromote.get()?.v ?? undefined;
      const b = this.#stmt.minDeadline.get()?.v ?? undefined;
      this.#nextDue = a === undefined ? b : b === undefined ? a : Math.min(a, b);
      this.#nextDueDirty = false;
    }
    return this.#nextDue;
  }

  findByUniqueKey(key: string): JobRecord[] {
    return this.#rows(this.#stmt.unique.all(key));
  }

  finishedBefore(state: 'completed' | 'cancelled' | 'discarded', before: number, limit: number): JobRecord[] {
    return this.#rows(this.#stmt.finished.all(state, before, limit));
  }

  activeJobs(): Iterable<JobRecord> {
    return this.#rows(this.#stmt.active.all());
  }

  // ── listing ──────────────────────────────────────────────────────────────────────────────────

  /** First cseq whose created_at >= t (created_at never decreases with cseq), by binary search. */
  #cseqAtTime(t: number): number {
    let lo = 1;
    let hi = this.#cseq + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const row = this.#stmt.createdAtFrom.get(mid);
      if (!row) {
        hi = mid;
        continue;
      }
      if (row.created_at < t) lo = row.cseq + 1;
      else hi = Math.min(mid, row.cseq);
    }
    return lo;
  }

  #where(filter: JobFilter): { clauses: string[]; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.deadLetter) clauses.push('dlq = 1');
    if (filter.state !== undefined) {
      clauses.push('state = ?');
      params.push(filter.state);
    } else if (filter.states !== undefined && filter.states.length > 0) {
      clauses.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
      params.push(...filter.states);
    }
    if (filter.queue !== undefined) {
      clauses.push('queue = ?');
      params.push(filter.queue);
    }
    if (filter.type !== undefined) {
      clauses.push('type = ?');
      params.push(filter.type);
    }
    if (filter.typePrefix !== undefined) {
      clauses.push('type >= ? AND type < ?');
      params.push(filter.typePrefix, `${filter.typePrefix}\uffff`);
    }
    if (filter.since !== undefined) {
      clauses.push('cseq >= ?');
      params.push(this.#cseqAtTime(filter.since));
    }
    if (filter.until !== undefined) {
      clauses.push('cseq < ?');
      params.push(this.#cseqAtTime(filter.until));
    }
    return { clauses, params };
  }

  /** Positions [lo, hi) of the partition list that fall in the since/until range. */
  #range(list: SortedNumberList, filter: JobFilter): [number, number] {
    const lo = filter.since !== undefined ? list.rank(this.#cseqAtTime(filter.since)) : 0;
    const hi = filter.until !== undefined ? list.rank(this.#cseqAtTime(filter.until)) : list.size;
    return [lo, Math.max(lo, hi)];
  }

  listJobs(query: JobListQuery): JobListPage {
    const { key, residualType } = partitionFor(query);
    if (query.sort === 'created_at' && !residualType && query.typePrefix === undefined) {
      return this.#listByPosition(this.#parts.get(key), query);
    }
    return this.#listBySql(query);
  }

  /** Exact-filter listings by creation order: positions come from the partition list, rows by primary key. */
  #listByPosition(list: SortedNumberList, query: JobListQuery): JobListPage {
    const [lo, hi] = this.#range(list, query);
    const asc = query.order === 'asc';
    const cursor =
      query.cursor !== undefined ? decodeCursor(query.cursor, query.sort, query.order) : undefined;
    let start: number;
    if (cursor)
      start = asc ? Math.max(lo, list.rank(cursor.c + 1)) : Math.min(hi - 1, list.rank(cursor.c) - 1);
    else start = asc ? lo + query.offset : hi - 1 - query.offset;
    const limit = Math.max(0, query.limit);
    const cseqs: number[] = [];
    let more = false;
    let pos = start;
    for (const c of asc ? list.ascendingFrom(start) : list.descendingFrom(start)) {
      if (asc ? pos >= hi : pos < lo) break;
      pos += asc ? 1 : -1;
      if (cseqs.length === limit) {
        more = true;
        break;
      }
      cseqs.push(c);
    }
    const items: JobRecord[] = [];
    for (const c of cseqs) {
      const row = this.#stmt.byCseq.get(c);
      if (row) items.push(this.#rows([row])[0] as JobRecord);
    }
    const page: JobListPage = { items, total: hi - lo };
    const last = items[items.length - 1];
    if (more && last) page.nextCursor = encodeCursor(query.sort, query.order, { v: last.cseq, c: last.cseq });
    return page;
  }

  #listBySql(query: JobListQuery): JobListPage {
    const { clauses, params } = this.#where(query);
    const dir = query.order === 'asc' ? 'ASC' : 'DESC';
    const cmp = query.order === 'asc' ? '>' : '<';
    const col = query.sort === 'priority' ? 'priority' : query.sort === 'scheduled_at' ? 'sched_at' : 'cseq';
    const cursor =
      query.cursor !== undefined ? decodeCursor(query.cursor, query.sort, query.order) : undefined;
    const pageClauses = [...clauses];
    const pageParams = [...params];
    if (cursor) {
      if (col === 'cseq') {
        pageClauses.push(`cseq ${cmp} ?`);
        pageParams.push(cursor.c);
      } else {
        pageClauses.push(`(${col} ${cmp} ? OR (${col} = ? AND cseq ${cmp} ?))`);
        pageParams.push(cursor.v, cursor.v, cursor.c);
      }
    }
    const where = pageClauses.length > 0 ? `WHERE ${pageClauses.join(' AND ')}` : '';
    const order = col === 'cseq' ? `cseq ${dir}` : `${col} ${dir}, cseq ${dir}`;
    const limit = Math.max(0, query.limit);
    const offset = cursor ? 0 : query.offset;
    const rows = this.#db
      .prepare<unknown[], JobRow>(`SELECT data FROM jobs ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...pageParams, limit + 1, offset);
    const items = this.#rows(rows.slice(0, limit));
    const page: JobListPage = { items, total: this.countJobs(query) };
    const last = items[items.length - 1];
    if (rows.length > limit && last) {
      page.nextCursor = encodeCursor(query.sort, query.order, {
        v: sortValue(last, query.sort),
        c: last.cseq,
      });
    }
    return page;
  }

  countJobs(filter: JobFilter): number {
    const { key, residualType } = partitionFor(filter);
    if (!residualType && filter.typePrefix === undefined) {
      const [lo, hi] = this.#range(this.#parts.get(key), filter);
      return hi - lo;
    }
    const { clauses, params } = this.#where(filter);
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    return (
      this.#db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM jobs ${where}`).get(...params)
        ?.n ?? 0
    );
  }

  queueCounts(queue: string): StateCounts {
    const counts = emptyCounts();
    for (const s of STATES) counts[s] = this.#parts.size(`qs|${queue}|${s}`);
    return counts;
  }

  totalCounts(): StateCounts {
    const counts = emptyCounts();
    for (const s of STATES) counts[s] = this.#parts.size(`s|${s}`);
    return counts;
  }

  deadLetterCount(queue?: string): number {
    return this.#parts.size(queue === undefined ? 'd' : `dq|${queue}`);
  }

  // ── queues, crons, workflows, meta ───────────────────────────────────────────────────────────

  #loadQueues(): void {
    if (this.#queuesLoaded) return;
    this.#queues.clear();
    for (const row of this.#db.prepare<[], { data: string }>('SELECT data FROM queues').all()) {
      const q = JSON.parse(row.data) as QueueRecord;
      this.#queues.set(q.name, q);
    }
    this.#queuesLoaded = true;
  }

  getQueue(name: string): QueueRecord | undefined {
    this.#loadQueues();
    return this.#queues.get(name);
  }

  putQueue(queue: QueueRecord): void {
    this.#loadQueues();
    this.#write(() => this.#stmt.putQueue.run(queue.name, JSON.stringify(queue)));
    this.#queues.set(queue.name, queue);
  }

  listQueues(): QueueRecord[] {
    this.#loadQueues();
    return [...this.#queues.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  getCron(name: string): CronRecord | undefined {
    const row = this.#stmt.getCron.get(name);
    return row ? (JSON.parse(row.data) as CronRecord) : undefined;
  }

  putCron(cron: CronRecord): void {
    this.#write(() => this.#stmt.putCron.run(cron.name, JSON.stringify(cron)));
  }

  deleteCron(name: string): boolean {
    return this.#write(() => this.#stmt.deleteCron.run(name).changes > 0);
  }

  listCrons(): CronRecord[] {
    return this.#stmt.listCrons.all().map((r) => JSON.parse(r.data) as CronRecord);
  }

  getWorkflow(id: string): WorkflowRecord | undefined {
    const row = this.#stmt.getWorkflow.get(id);
    return row ? (JSON.parse(row.data) as WorkflowRecord) : undefined;
  }

  putWorkflow(workflow: WorkflowRecord): void {
    this.#write(() => this.#stmt.insertWorkflow.run(workflow.id, JSON.stringify(workflow)));
  }

  listWorkflows(offset: number, limit: number): { items: WorkflowRecord[]; total: number } {
    const items = this.#stmt.listWorkflows
      .all(limit, offset)
      .map((r) => JSON.parse(r.data) as WorkflowRecord);
    return { items, total: this.#stmt.countWorkflows.get()?.n ?? 0 };
  }

  getMeta(key: string): string | undefined {
    return this.#stmt.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string | undefined): void {
    this.#write(() => {
      if (value === undefined) this.#stmt.deleteMeta.run(key);
      else this.#stmt.putMeta.run(key, value);
    });
  }

  appendEvents(events: readonly { seq: number }[]): void {
    if (events.length === 0 || this.#closed) return;
    this.#write(() => {
      for (const e of events) this.#stmt.insertEvent.run(e.seq, JSON.stringify(e));
    });
  }

  loadEvents(limit: number): unknown[] {
    return this.#stmt.loadEvents.all(limit).map((r) => JSON.parse(r.data) as unknown);
  }

  pruneEventsUpTo(seq: number): void {
    if (this.#closed) return;
    this.#write(() => this.#stmt.pruneEvents.run(seq));
  }

  clear(): void {
    this.#write(() => {
      this.#db.exec(
        'DELETE FROM jobs; DELETE FROM queues; DELETE FROM crons; DELETE FROM workflows; DELETE FROM meta; DELETE FROM events;',
      );
    });
    this.#cache.clear();
    this.#parts.clear();
    this.#queues.clear();
    this.#queuesLoaded = false;
    this.#nextDueDirty = true;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.#db.close();
    }
  }
}
