import type { AuditEntry } from '../api/schemas';

const COLUMNS = [
  'id',
  'time',
  'actor',
  'role',
  'auth_mode',
  'ip',
  'cluster',
  'action',
  'target',
  'filter',
  'count',
  'result',
  'status',
  'error_code',
  'request_id',
] as const satisfies readonly (keyof AuditEntry)[];

/**
 * One CSV cell: quoted when needed, and text a spreadsheet would run as a formula (starting with = + - @,
 * tab or carriage return) prefixed with `'`.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : (JSON.stringify(value) ?? '');
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The entries as CSV (header row, CRLF line ends). */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const entry of entries) lines.push(COLUMNS.map((column) => csvCell(entry[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
