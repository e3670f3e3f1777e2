import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { auditQuerySchema } from '../api/schemas';
import { AuditLog, type AuditRecord } from './AuditLog';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const base: AuditRecord = {
  actor: 'ann',
  role: 'admin',
  auth_mode: 'basic',
  ip: '127.0.0.1',
  cluster: 'local',
  action: 'queue.pause',
  target: 'queue:emails',
  filter: null,
  count: null,
  result: 'ok',
  status: 200,
  error_code: null,
  request_id: 'req-1',
};

const q = (input: Record<string, string> = {}) => auditQuerySchema.parse(input);

describe('AuditLog', () => {
  it('appends, filters and pages newest first', () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const log = new AuditLog(null, { now: () => now });
    log.append(base);
    now += 60_000;
    log.append({ ...base, actor: 'bob', action: 'job.retry', target: 'job:j1', role: 'operator' });
    now += 60_000;
    log.append({
      ...base,
      action: 'bulk.delete',
      filter: { queue: 'x' },
      count: 7,
      result: 'denied',
      status: 403,
      error_code: 'forbidden',
    });
    expect(log.query(q()).entries.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(log.query(q({ actor: 'bob' })).entries.map((e) => e.action)).toEqual(['job.retry']);
    expect(log.query(q({ result: 'denied' })).entries[0]).toMatchObject({ filter: { queue: 'x' }, count: 7 });
    expect(
      log.query(q({ from: '2026-03-01T10:00:30Z', to: '2026-03-01T10:01:30Z' })).entries.map((e) => e.id),
    ).toEqual([2]);
    expect(log.query(q({ q: 'J1' })).entries.map((e) => e.id)).toEqual([2]);
    const page1 = log.query(q({ limit: '2' }));
    expect(page1.entries.map((e) => e.id)).toEqual([3, 2]);
    expect(page1.next_before).toBe(2);
    const page2 = log.query(q({ limit: '2', before: '2' }));
    expect(page2).toEqual({ entries: [expect.objectContaining({ id: 1 })], next_before: null });
    log.close();
  });

  it('survives reopening and refuses updates and deletes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lookout-audit-'));
    dirs.push(dir);
    const first = AuditLog.inDir(dir);
    first.append(base);
    first.close();
    expect(statSync(path.join(dir, 'audit.db')).mode & 0o777).toBe(0o600);
    const db = new Database(path.join(dir, 'audit.db'));
    expect(() => db.prepare("UPDATE audit SET actor = 'eve'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    db.close();
    const second = AuditLog.inDir(dir);
    expect(second.query(q()).entries).toEqual([
      expect.objectContaining({ id: 1, actor: 'ann', action: 'queue.pause' }),
    ]);
    second.close();
  });
});
