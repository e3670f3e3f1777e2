import type { Context } from 'hono';
import type { AuthUser } from './roles';

/** How the SPA signs a caller in (`login` in GET /api/me). */
export type LoginHint = { kind: 'password' } | { kind: 'redirect'; url: string; label?: string } | null;

/**
 * A sign-in mode. The BFF asks it who is calling and for the CSRF token; modes with a sign-in step
 * implement the optional hooks, which the fixed routes under /api/auth call.
 */
export interface AuthProvider {
  readonly mode: string;
  /** The caller, or null when not signed in. Must not throw for an anonymous request. */
  authenticate(c: Context): Promise<AuthUser | null> | AuthUser | null;
  /** The CSRF token the caller must echo in `X-CSRF-Token` on writes. */
  csrfToken(c: Context, user: AuthUser | null): string;
  /** Checks the echoed token. */
  verifyCsrf(c: Context, user: AuthUser | null, token: string): boolean;
  /** What the sign-in page offers. */
  readonly login?: LoginHint;
  /** `POST /api/auth/login` (basic): checks the password and starts a session; null when refused. */
  passwordLogin?(c: Context, username: string, password: string): Promise<AuthUser | null>;
  /** `POST /api/auth/logout`: ends the session (server-side). Returns the user it belonged to. */
  logout?(c: Context): AuthUser | null;
  /** `GET /api/auth/oidc/login`: the provider's authorization URL (state kept in a signed cookie). */
  oidcStart?(c: Context, returnTo: string): Promise<string>;
  /** `GET /api/auth/oidc/callback`: finishes the code flow, starts a session, returns where to go. */
  oidcCallback?(c: Context): Promise<{ user: AuthUser; returnTo: string }>;
  /** Hosts the browser may post forms to (CSP form-action), e.g. the OIDC issuer. */
  readonly formActions?: readonly string[];
  close?(): void;
}
