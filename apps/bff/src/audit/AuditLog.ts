import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AuditEntry, AuditQuery } from '../api/schemas';

export type AuditRecord = Omit<AuditEntry, 'id' | 'time'> & { time?: string };

interface Row {
  id: number;
  time: string;
  actor: string;
  role: string | null;
  auth_mode: string;
  ip: string | null;
  cluster: string | null;
  action: string;
  target: string | null;
  filter: string | null;
  count: number | null;
  result: string;
  status: number;
  error_code: string | null;
  request_id: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT,
  auth_mode TEXT NOT NULL,
  ip TEXT,
  cluster TEXT,
  action TEXT NOT NULL,
  target TEXT,
  filter TEXT,
  count INTEGER,
  result TEXT NOT NULL,
  status INTEGER NOT NULL,
  error_code TEXT,
  request_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_time ON audit(time);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

/**
 * The append-only audit log: one row per write, sign-in and sign-out (allowed, failed or denied), in
 * SQLite (WAL, synchronous=FULL so an acknowledged entry survives a crash). Triggers refuse UPDATE and
 * DELETE; nothing in the API edits it.
 */
export class AuditLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly now: () => number;

  /** `file` null keeps the log in memory (tests, or no data directory). */
  constructor(file: string | null, options: { now?: () => number } = {}) {
    if (file !== null) mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file ?? ':memory:');
    // Owner-only: the log names users and addresses (SQLite gives its -wal/-shm files the same mode).
    if (file !== null) chmodSync(file, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.now = options.now ?? Date.now;
    this.insert = this.db.prepare(
      `INSERT INTO audit (time, actor, role, auth_mode, ip, cluster, action, target, filter, count, result, status, error_code, request_id)
       VALUES (@time, @actor, @role, @auth_mode, @ip, @cluster, @action, @target, @filter, @count, @result, @status, @error_code, @request_id)`,
    );
  }

  static inDir(dataDir: string, options: { now?: () => number } = {}): AuditLog {
    return new AuditLog(path.join(dataDir, 'audit.db'), options);
  }

  append(record: AuditRecord): AuditEntry {
    const time = record.time ?? new Date(this.now()).toISOString();
    const row = {
      ...record,
      time,
      filter: record.filter === null ? null : JSON.stringify(record.filter),
    };
    const info = this.insert.run(row);
    return { ...record, time, id: Number(info.lastInsertRowid) };
  }

  /** Entries newest first, matching every given filter; `before` pages by id. */
  query(query: AuditQuery): { entries: AuditEntry[]; next_before: number | null } {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    const eq = (column: keyof Row, value: string | undefined) => {
      if (value === undefined) return;
      where.push(`${column} = @${column}`);
      params[column] = value;
    };
    eq('actor', query.actor);
    eq('action', query.action);
    eq('cluster', query.cluster);
    eq('result', query.result);
    if (query.from !== undefined) {
      where.push('time >= @from');
      params.from = new Date(query.from).toISOString();
    }
    if (query.to !== undefined) {
      where.push('time <= @to');
      params.to = new Date(query.to).toISOString();
    }
    if (query.before !== undefined) {
      where.push('id < @before');
      params.before = query.before;
    }
    if (query.q !== undefined && query.q !== '') {
      where.push(
        `(instr(lower(actor), @q) > 0 OR instr(lower(action), @q) > 0 OR instr(lower(coalesce(target, '')), @q) > 0
          OR instr(lower(coalesce(filter, '')), @q) > 0 OR instr(lower(coalesce(error_code, '')), @q) > 0
          OR instr(lower(request_id), @q) > 0)`,
      );
      params.q = query.q.toLowerCase();
    }
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    const rows = this.db.prepare(sql).all({ ...params, limit: query.limit + 1 }) as Row[];
    const page = rows.slice(0, query.limit).map(toEntry);
    const last = page[page.length - 1];
    return { entries: page, next_before: rows.length > query.limit && last ? last.id : null };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toEntry(row: Row): AuditEntry {
  let filter: Record<string, unknown> | null = null;
  if (row.filter !== null) {
    try {
      filter = JSON.parse(row.filter) as Record<string, unknown>;
    } catch {
      filter = { unreadable: row.filter };
    }
  }
  return {
    id: row.id,
    time: row.time,
    actor: row.actor,
    role: row.role === 'viewer' || row.role === 'operator' || row.role === 'admin' ? row.role : null,
    auth_mode: row.auth_mode,
    ip: row.ip,
    cluster: row.cluster,
    action: row.action,
    target: row.target,
    filter,
    count: row.count,
    result: row.result === 'ok' || row.result === 'denied' ? row.result : 'error',
    status: row.status,
    error_code: row.error_code,
    request_id: row.request_id,
  };
}
