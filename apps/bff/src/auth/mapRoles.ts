import { hasRole, ROLES, type Role } from './roles';

/** Parses `group=role,other=role` (e.g. `lookout-admins=admin,ops=operator`). Throws naming a bad pair. */
export function parseRoleMap(text: string | undefined): Map<string, Role> | null {
  if (text === undefined || text.trim() === '') return null;
  const map = new Map<string, Role>();
  for (const pair of text.split(',')) {
    const trimmed = pair.trim();
    if (trimmed === '') continue;
    const eq = trimmed.lastIndexOf('=');
    const key = trimmed.slice(0, eq).trim();
    const role = trimmed.slice(eq + 1).trim();
    if (eq <= 0 || key === '' || !(ROLES as readonly string[]).includes(role)) {
      throw new Error(`"${trimmed}" is not <value>=<viewer|operator|admin>`);
    }
    map.set(key, role as Role);
  }
  return map;
}

/**
 * The strongest role granted by a claim / header value (a string, a comma list, or an array). Without a
 * map, values that are role names grant themselves.
 */
export function mapRoles(value: unknown, map: Map<string, Role> | null): Role | null {
  const values = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  let best: Role | null = null;
  for (const v of values) {
    const role = map ? map.get(v) : (ROLES as readonly string[]).includes(v) ? (v as Role) : undefined;
    if (role && (best === null || hasRole(role, best))) best = role;
  }
  return best;
}

/** Reads a claim by dotted path (`realm_access.roles`); a literal key with dots wins. */
export function claimAt(claims: Record<string, unknown>, pathText: string): unknown {
  if (pathText in claims) return claims[pathText];
  let node: unknown = claims;
  for (const part of pathText.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
