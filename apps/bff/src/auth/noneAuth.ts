import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthProvider } from './AuthProvider';
import type { AuthUser } from './roles';

/**
 * `LOOKOUT_AUTH=none`: everyone is the local admin. Meant for a BFF listening on loopback only. Writes
 * still need the per-process CSRF token, so a web page in the same browser cannot drive the console.
 */
export function noneAuth(user: AuthUser = { name: 'local', role: 'admin' }): AuthProvider {
  const token = randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  return {
    mode: 'none',
    authenticate: () => user,
    csrfToken: () => token,
    verifyCsrf: (_c, _user, given) => {
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
