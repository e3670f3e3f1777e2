import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/schemas';
import { auditCsv, csvCell } from './auditExport';

describe('auditExport', () => {
  it('escapes cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b\nc')).toBe('"a,b\nc"');
  });

  it('writes a header and one row per entry', () => {
    const entry: AuditEntry = {
      id: 1,
      time: '2026-01-01T00:00:00.000Z',
      actor: '=cmd|calc',
      role: 'admin',
      auth_mode: 'basic',
      ip: '127.0.0.1',
      cluster: 'local',
      action: 'bulk.retry',
      target: null,
      filter: { queue: 'emails' },
      count: 3,
      result: 'ok',
      status: 202,
      error_code: null,
      request_id: 'r1',
    };
    const csv = auditCsv([entry]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'id,time,actor,role,auth_mode,ip,cluster,action,target,filter,count,result,status,error_code,request_id',
    );
    expect(row).toBe(
      `1,2026-01-01T00:00:00.000Z,'=cmd|calc,admin,basic,127.0.0.1,local,bulk.retry,,"{""queue"":""emails""}",3,ok,202,,r1`,
    );
  });
});
