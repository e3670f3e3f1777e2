export type Role = 'viewer' | 'operator' | 'admin';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** What the SPA knows about the caller, as far as permissions go. */
export interface Caller {
  role: Role | undefined;
  readOnly: boolean;
  /** `none`: local use without sign-in, every caller is a local admin. */
  authMode: string;
}

export type Permission = { allowed: true } | { allowed: false; reason: string };

/** The caller's effective role: in `none` mode the BFF treats everyone as a local admin. */
export function effectiveRole(caller: Caller): Role | undefined {
  return caller.role ?? (caller.authMode === 'none' ? 'admin' : undefined);
}

/**
 * Whether the caller may do something that needs `need`, and if not, the reason shown beside the disabled
 * control. `write` actions are also refused in read-only mode. Mirrors the BFF's `requireRole`.
 */
export function permission(caller: Caller | undefined, need: Role, write = true): Permission {
  // Before the session is known, controls stay usable: the server decides, and a refusal shows its reason.
  if (!caller) return { allowed: true };
  const role = effectiveRole(caller);
  if (!role) return { allowed: false, reason: 'sign in first' };
  if (RANK[role] < RANK[need]) return { allowed: false, reason: `needs the ${need} role` };
  if (write && caller.readOnly) return { allowed: false, reason: 'Lookout is read-only' };
  return { allowed: true };
}
