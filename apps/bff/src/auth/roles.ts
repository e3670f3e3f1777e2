/** Roles, weakest first: viewer reads; operator also retries, cancels, pauses and runs bulk retry/cancel;
 * admin also deletes, purges, deregisters workers and runs bulk delete. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface AuthUser {
  name: string;
  role: Role;
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** True when `role` is at least `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return roleRank(role) >= roleRank(required);
}
