import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuditRecord } from '../audit/AuditLog';
import { hasRole, type Role } from '../auth/roles';
import { ApiError } from '../errors/ApiError';
import { toApiError } from '../errors/toApiError';
import type { BffDeps } from '../http/BffDeps';
import type { AuditNote, BffEnv } from '../http/BffEnv';

/** Who may call a route: anyone (`public`), or a signed-in caller with at least this role. */
export type Access = 'public' | Role;
export type RouteMethod = 'GET' | 'POST' | 'DELETE';

export interface AuditSpec {
  /** e.g. `queue.pause`; a handler may refine it (`bulk.delete`) with {@link noteAudit}. */
  action: string;
  target?: (c: Context<BffEnv>) => string | null;
}

export type RouteHandler = (c: Context<BffEnv>) => Response | Promise<Response>;

/** One BFF route and its security: the app registers routes only from these. */
export interface RouteSpec {
  method: RouteMethod;
  path: string;
  access: Access;
  /** Changes state: refused in read-only mode and audited. */
  write: boolean;
  audit?: AuditSpec;
  handler: RouteHandler;
}

/** Largest body of a write request. */
export const WRITE_BODY_LIMIT = 64 * 1024;

/** Declares a route (path relative to its mount point; `:param` names typed in the handler). */
export function route<P extends string>(
  method: RouteMethod,
  path: P,
  access: Access,
  handler: (c: Context<BffEnv, P>) => Response | Promise<Response>,
  extra: { write?: boolean; audit?: AuditSpec } = {},
): RouteSpec {
  return {
    method,
    path,
    access,
    write: extra.write ?? (method !== 'GET' && access !== 'public'),
    ...(extra.audit ? { audit: extra.audit } : {}),
    handler,
  };
}

/** Adds facts to the audit entry of the current write. */
export function noteAudit(c: Context<BffEnv>, note: AuditNote): void {
  Object.assign(c.get('auditNote'), note);
}

/** Throws 401 / 403 / read_only when the caller may not use `spec`. */
export function checkAccess(
  spec: Pick<RouteSpec, 'access' | 'write'>,
  c: Context<BffEnv>,
  readOnly: boolean,
): void {
  if (spec.access === 'public') return;
  const user = c.get('user');
  if (!user) throw new ApiError({ status: 401, code: 'unauthorized', message: 'sign in first' });
  requireRoleOf(user.role, spec.access);
  if (readOnly && spec.write) {
    throw new ApiError({ status: 403, code: 'read_only', message: 'Lookout is in read-only mode' });
  }
}

/** Throws 403 `forbidden` naming the role when `role` is below `required`. */
export function requireRoleOf(role: Role, required: Role): void {
  if (!hasRole(role, required)) {
    throw new ApiError({
      status: 403,
      code: 'forbidden',
      message: `this action needs the ${required} role (you are ${role})`,
      details: { required_role: required, role },
    });
  }
}

const DENIED_CODES = new Set([
  'unauthorized',
  'forbidden',
  'read_only',
  'csrf_failed',
  'unsupported_media_type',
]);

/** An audit entry for the current request. */
export function auditRecord(
  c: Context<BffEnv>,
  deps: Pick<BffDeps, 'auth' | 'clientAddress'>,
  base: { action: string; target?: string | null },
  outcome: { status: number; errorCode: string | null },
): AuditRecord {
  const user = c.get('user');
  const note = c.get('auditNote');
  const denied = outcome.errorCode !== null && DENIED_CODES.has(outcome.errorCode);
  return {
    actor: user?.name ?? 'anonymous',
    role: user?.role ?? null,
    auth_mode: deps.auth.mode,
    ip: deps.clientAddress(c),
    cluster:
      note.cluster !== undefined ? note.cluster : (c.req.param('cluster') ?? c.req.query('cluster') ?? null),
    action: note.action ?? base.action,
    target: note.target !== undefined ? note.target : (base.target ?? null),
    filter: note.filter ?? null,
    count: note.count ?? null,
    result: outcome.errorCode === null && outcome.status < 400 ? 'ok' : denied ? 'denied' : 'error',
    status: outcome.status,
    error_code: outcome.errorCode,
    request_id: c.get('requestId'),
  };
}

/**
 * Registers `specs` on `app` with their checks (CSRF guard, role, read-only), body limit and audit. The CSRF
 * guard runs inside the route so that a forged write is audited as denied like any other.
 */
export function registerRoutes(
  app: Hono<BffEnv>,
  specs: readonly RouteSpec[],
  deps: BffDeps,
  guards: { csrf?: (c: Context<BffEnv>, next: () => Promise<void>) => Promise<unknown> } = {},
): void {
  const csrf = async (c: Context<BffEnv>) => {
    if (guards.csrf) await guards.csrf(c, () => Promise.resolve());
  };
  const limit = bodyLimit({
    maxSize: WRITE_BODY_LIMIT,
    onError: () => {
      throw new ApiError({
        status: 413,
        code: 'payload_too_large',
        message: `request body over ${WRITE_BODY_LIMIT} bytes`,
      });
    },
  });
  for (const spec of specs) {
    const handler = async (c: Context<BffEnv>) => {
      c.set('auditNote', {});
      if (!spec.audit) {
        await csrf(c);
        checkAccess(spec, c, deps.readOnly);
        return spec.handler(c);
      }
      const target = () => {
        try {
          return spec.audit?.target?.(c) ?? null;
        } catch {
          return null;
        }
      };
      try {
        await csrf(c);
        checkAccess(spec, c, deps.readOnly);
        const res = await spec.handler(c);
        deps.audit.append(
          auditRecord(
            c,
            deps,
            { action: spec.audit.action, target: target() },
            { status: res.status, errorCode: null },
          ),
        );
        return res;
      } catch (error) {
        const apiError = toApiError(error);
        deps.audit.append(
          auditRecord(
            c,
            deps,
            { action: spec.audit.action, target: target() },
            { status: apiError.status, errorCode: apiError.code },
          ),
        );
        throw error;
      }
    };
    if (spec.method === 'GET') app.on(spec.method, spec.path, handler);
    else app.on(spec.method, spec.path, limit, handler);
  }
}

/** Prefixes every path (mounting a module's routes). */
export function mount(prefix: string, specs: readonly RouteSpec[]): RouteSpec[] {
  return specs.map((s) => ({ ...s, path: `${prefix}${s.path === '/' ? '' : s.path}` }));
}
