import { createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { peerAddress } from '../http/clientIp';
import type { IpMatcher } from '../security/createIpMatcher';
import type { AuthProvider } from './AuthProvider';
import { mapRoles } from './mapRoles';
import type { Role } from './roles';
import { safeEqual } from './SessionManager';

export interface ProxyAuthOptions {
  userHeader: string;
  roleHeader: string;
  roleMap: Map<string, Role> | null;
  /** Only requests whose TCP peer is in this list may name the user. */
  trustedProxies: IpMatcher;
  /** Key of the CSRF tokens (a random per-process key when absent). */
  secret?: string;
}

/**
 * `LOOKOUT_AUTH=proxy`: an authenticating reverse proxy names the user (and groups) in headers. Headers
 * from any peer that is not a trusted proxy are ignored, so the caller is anonymous (401).
 */
export function proxyAuth(options: ProxyAuthOptions): AuthProvider {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const token = (name: string) =>
    createHmac('sha256', secret).update(`csrf-proxy:${name}`).digest('base64url');
  const identify = (c: Context) => {
    if (!options.trustedProxies.matches(peerAddress(c))) return null;
    const name = c.req.header(options.userHeader)?.trim();
    if (!name || name.length > 200) return null;
    const role = mapRoles(c.req.header(options.roleHeader) ?? '', options.roleMap);
    return role ? { name, role } : null;
  };
  return {
    mode: 'proxy',
    login: null,
    authenticate: identify,
    csrfToken: (_c, user) => token(user?.name ?? ''),
    verifyCsrf: (_c, user, given) => user !== null && safeEqual(given, token(user.name)),
  };
}
