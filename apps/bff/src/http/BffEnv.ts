import type { HttpBindings } from '@hono/node-server';
import type { AuthUser } from '../auth/roles';

/** What a write handler adds to its audit entry (the route table fills in the rest). */
export interface AuditNote {
  action?: string;
  cluster?: string | null;
  target?: string | null;
  filter?: Record<string, unknown> | null;
  count?: number | null;
}

/** Hono environment of the BFF app. `Bindings` are present when served by @hono/node-server. */
export interface BffEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    user: AuthUser | null;
    /** Id of this request (also in the `X-Request-Id` response header and the audit log). */
    requestId: string;
    auditNote: AuditNote;
  };
}
