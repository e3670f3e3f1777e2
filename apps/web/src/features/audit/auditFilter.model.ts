import { z } from 'zod';

export const AUDIT_RESULTS = ['ok', 'error', 'denied'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

const text = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .catch(undefined)
  .transform((s) => (s ? s.slice(0, 200) : undefined));
const iso = z
  .string()
  .optional()
  .catch(undefined)
  .transform((s) =>
    s !== undefined && Number.isFinite(Date.parse(s)) ? new Date(s).toISOString() : undefined,
  );

/** The audit page's filters as they live in the URL (deep-linkable). Bad values are dropped, never fatal. */
export const auditSearchSchema = z.object({
  actor: text,
  action: text,
  cluster: text,
  result: z.enum(AUDIT_RESULTS).optional().catch(undefined),
  from: iso,
  to: iso,
  q: text,
});
export type AuditFilter = z.output<typeof auditSearchSchema>;

export const AUDIT_FILTER_KEYS = ['actor', 'action', 'cluster', 'result', 'from', 'to', 'q'] as const;

/** No filter: every key cleared (what "clear filters" navigates to). */
export const NO_AUDIT_FILTER: AuditFilter = {
  actor: undefined,
  action: undefined,
  cluster: undefined,
  result: undefined,
  from: undefined,
  to: undefined,
  q: undefined,
};

/** The filter as query parameters for `/api/audit` and `/api/audit/export` (empty ones left out). */
export function auditParams(filter: AuditFilter): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filter[key];
    if (value !== undefined && value !== '') params[key] = value;
  }
  return params;
}

/** The export download address for the current filters. */
export function auditExportHref(filter: AuditFilter, format: 'csv' | 'json'): string {
  const search = new URLSearchParams({ format, ...auditParams(filter) });
  return `/api/audit/export?${search.toString()}`;
}

/** True when any filter is set. */
export function hasAuditFilter(filter: AuditFilter): boolean {
  return Object.keys(auditParams(filter)).length > 0;
}

/** Quick time ranges offered beside the from/to fields. */
export const TIME_RANGES = [
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
] as const;

/** `from`/`to` for a quick range ending now. */
export function rangeEndingAt(now: number, ms: number): { from: string; to: undefined } {
  return { from: new Date(now - ms).toISOString(), to: undefined };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO instant as the value of a `<input type="datetime-local">` (the browser's local time, minutes). */
export function isoToLocalInput(value: string | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (!Number.isFinite(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (local time) as an ISO instant; empty or invalid input clears the bound. */
export function localInputToIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  return Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
}
