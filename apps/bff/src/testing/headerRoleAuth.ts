import type { AuthProvider } from '../auth/AuthProvider';
import { noneAuth } from '../auth/noneAuth';
import { ROLES, type Role } from '../auth/roles';

/** Test sign-in: the caller has the role named in `X-Test-Role` (absent: anonymous), named by `X-Test-User`. */
export function headerRoleAuth(): AuthProvider {
  const base = noneAuth();
  return {
    mode: 'test-header',
    authenticate: (c) => {
      const role = c.req.header('x-test-role');
      return role && (ROLES as readonly string[]).includes(role)
        ? { name: c.req.header('x-test-user') ?? `${role}-user`, role: role as Role }
        : null;
    },
    csrfToken: (c, user) => base.csrfToken(c, user),
    verifyCsrf: (c, user, token) => base.verifyCsrf(c, user, token),
  };
}
