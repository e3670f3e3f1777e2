import type { AuditResponse } from '../api/schemas';
import { auditExportQuerySchema, auditQuerySchema } from '../api/schemas';
import { auditCsv } from '../audit/auditExport';
import type { BffDeps } from '../http/BffDeps';
import { parseQuery } from '../http/validate';
import { route, type RouteSpec } from './routeTable';

/** Rows in one export (newest first). */
export const AUDIT_EXPORT_LIMIT = 100_000;

/** The audit log, read-only, for admins: a filtered page, or everything matching as CSV / JSON. */
export function auditRoutes(deps: BffDeps): RouteSpec[] {
  return [
    route('GET', '/audit', 'admin', (c) => {
      const query = parseQuery(c, auditQuerySchema);
      const body: AuditResponse = deps.audit.query(query);
      return c.json(body, 200);
    }),
    route('GET', '/audit/export', 'admin', (c) => {
      const { format, ...filters } = parseQuery(c, auditExportQuerySchema);
      const { entries } = deps.audit.query({ ...filters, limit: AUDIT_EXPORT_LIMIT });
      const date = new Date(deps.now()).toISOString().slice(0, 10);
      c.header('Content-Disposition', `attachment; filename="lookout-audit-${date}.${format}"`);
      c.header('Cache-Control', 'no-store');
      if (format === 'json') {
        return c.body(JSON.stringify(entries, null, 2), 200, {
          'Content-Type': 'application/json; charset=utf-8',
        });
      }
      return c.body(auditCsv(entries), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }),
  ];
}
