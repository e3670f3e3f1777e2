import { describe, expect, it } from 'vitest';
import {
  auditExportHref,
  auditParams,
  auditSearchSchema,
  hasAuditFilter,
  isoToLocalInput,
  localInputToIso,
  NO_AUDIT_FILTER,
  rangeEndingAt,
} from './auditFilter.model';

describe('auditSearchSchema', () => {
  it('reads every filter from the URL search', () => {
    expect(
      auditSearchSchema.parse({
        actor: 'ann',
        action: 'queue.pause',
        cluster: 'local',
        result: 'denied',
        from: '2026-01-02T03:04:05Z',
        to: '2026-01-03T00:00:00.000Z',
        q: 'emails',
      }),
    ).toEqual({
      actor: 'ann',
      action: 'queue.pause',
      cluster: 'local',
      result: 'denied',
      from: '2026-01-02T03:04:05.000Z',
      to: '2026-01-03T00:00:00.000Z',
      q: 'emails',
    });
  });

  it('drops bad values instead of failing the page', () => {
    expect(auditSearchSchema.parse({ result: 'maybe', from: 'yesterday', actor: 42, q: '   ' })).toEqual(
      NO_AUDIT_FILTER,
    );
    expect(Object.keys(NO_AUDIT_FILTER)).toEqual(['actor', 'action', 'cluster', 'result', 'from', 'to', 'q']);
    expect(Object.values(NO_AUDIT_FILTER).every((v) => v === undefined)).toBe(true);
  });
});

describe('auditParams / auditExportHref', () => {
  const filter = auditSearchSchema.parse({ actor: 'ann', result: 'ok', q: 'a&b' });

  it('leaves out empty filters', () => {
    expect(auditParams(filter)).toEqual({ actor: 'ann', result: 'ok', q: 'a&b' });
    expect(hasAuditFilter(filter)).toBe(true);
    expect(hasAuditFilter(auditSearchSchema.parse({}))).toBe(false);
  });

  it('builds the export address with the format and the filters, encoded', () => {
    expect(auditExportHref(filter, 'csv')).toBe('/api/audit/export?format=csv&actor=ann&result=ok&q=a%26b');
    expect(auditExportHref(auditSearchSchema.parse({}), 'json')).toBe('/api/audit/export?format=json');
  });

  it('round-trips through a URL search string', () => {
    const search = new URLSearchParams(auditParams(filter));
    expect(auditSearchSchema.parse(Object.fromEntries(search))).toEqual(filter);
  });
});

describe('time range helpers', () => {
  it('converts between datetime-local values and ISO instants in local time', () => {
    const iso = localInputToIso('2026-03-04T05:06');
    expect(iso).toBe(new Date(2026, 2, 4, 5, 6).toISOString());
    expect(isoToLocalInput(iso)).toBe('2026-03-04T05:06');
  });

  it('clears on empty or invalid input', () => {
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('soon')).toBeUndefined();
    expect(isoToLocalInput(undefined)).toBe('');
    expect(isoToLocalInput('not a date')).toBe('');
  });

  it('computes a quick range ending now', () => {
    expect(rangeEndingAt(Date.UTC(2026, 0, 1, 12), 3_600_000)).toEqual({
      from: '2026-01-01T11:00:00.000Z',
      to: undefined,
    });
  });
});
