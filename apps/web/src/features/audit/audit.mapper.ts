import { z } from 'zod';
import { AUDIT_RESULTS } from './auditFilter.model';

export const auditEntrySchema = z
  .object({
    id: z.number(),
    time: z.string(),
    actor: z.string(),
    role: z.string().nullish(),
    auth_mode: z.string().nullish(),
    ip: z.string().nullish(),
    cluster: z.string().nullish(),
    action: z.string(),
    target: z.string().nullish(),
    filter: z.unknown().optional(),
    count: z.number().nullish(),
    result: z.enum(AUDIT_RESULTS).or(z.string()),
    status: z.number().nullish(),
    error_code: z.string().nullish(),
    request_id: z.string().nullish(),
  })
  .transform((e) => ({
    id: e.id,
    time: e.time,
    actor: e.actor,
    role: e.role ?? undefined,
    authMode: e.auth_mode ?? undefined,
    ip: e.ip ?? undefined,
    cluster: e.cluster ?? undefined,
    action: e.action,
    target: e.target ?? undefined,
    filter: e.filter === null ? undefined : e.filter,
    count: e.count ?? undefined,
    result: e.result,
    status: e.status ?? undefined,
    errorCode: e.error_code ?? undefined,
    requestId: e.request_id ?? undefined,
  }));
export type AuditEntry = z.output<typeof auditEntrySchema>;

export const auditPageSchema = z
  .object({ entries: z.array(auditEntrySchema), next_before: z.number().nullish() })
  .transform((p) => ({ entries: p.entries, nextBefore: p.next_before ?? undefined }));
export type AuditPage = z.output<typeof auditPageSchema>;

/** A bulk filter as one short line (`queue=emails state=failed`). */
export function filterText(filter: unknown): string {
  if (filter === undefined || filter === null) return '';
  if (typeof filter !== 'object' || Array.isArray(filter)) return JSON.stringify(filter);
  return Object.entries(filter as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}
