import type { Context } from 'hono';
import type { AuthUser } from './roles';

/**
 * A sign-in mode. The BFF asks it who is calling; it may also own routes (login/logout/callback) and
 * issue the CSRF token. Providers other than `none` plug in here without touching the routes.
 */
export interface AuthProvider {
  readonly mode: string;
  /** The caller, or null when not signed in. Must not throw for an anonymous request. */
  authenticate(c: Context): Promise<AuthUser | null> | AuthUser | null;
  /** The CSRF token the caller must echo in `X-CSRF-Token` on writes. */
  csrfToken(c: Context, user: AuthUser | null): string;
  /** Checks the echoed token. */
  verifyCsrf(c: Context, user: AuthUser | null, token: string): boolean;
}
