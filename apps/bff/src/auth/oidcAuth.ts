import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { AuthConfig } from '../config/loadConfig';
import { ApiError } from '../errors/ApiError';
import type { AuthProvider } from './AuthProvider';
import { claimAt, mapRoles } from './mapRoles';
import type { Role } from './roles';
import type { SessionManager } from './SessionManager';

export const OIDC_STATE_COOKIE = 'lookout_oidc';
const STATE_TTL_SECONDS = 600;

/** OIDC settings as configured (`LOOKOUT_OIDC_*`), with the role map parsed and the session store. */
export type OidcAuthOptions = Pick<
  Extract<AuthConfig, { mode: 'oidc' }>,
  'issuer' | 'clientId' | 'clientSecret' | 'redirectUrl' | 'scopes' | 'roleClaim' | 'defaultRole'
> & {
  roleMap: Map<string, Role> | null;
  sessions: SessionManager;
  now?: () => number;
};

const stateSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  return_to: z.string(),
  exp: z.number(),
});

/** Only same-origin relative paths (a single leading `/`, no backslash tricks) are followed after sign-in. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if ([...value].some((ch) => ch.charCodeAt(0) < 0x20)) return '/';
  try {
    const url = new URL(value, 'http://lookout.invalid');
    return url.origin === 'http://lookout.invalid' ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** Thrown (and turned into `/login?error=<code>`) when the sign-in does not finish. */
export class OidcLoginError extends Error {
  override readonly name = 'OidcLoginError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `LOOKOUT_AUTH=oidc`: authorization code flow with PKCE, state and nonce (openid-client). The login state
 * travels in a signed, HttpOnly, 10-minute cookie; the role comes from a configurable claim of the ID token
 * or the userinfo response. Discovery runs on first use and is retried after a failure.
 */
export function oidcAuth(options: OidcAuthOptions): AuthProvider {
  const { sessions } = options;
  const now = options.now ?? Date.now;
  const issuerUrl = new URL(options.issuer);
  if (issuerUrl.protocol !== 'https:' && !isLoopback(issuerUrl.hostname)) {
    throw new Error('LOOKOUT_OIDC_ISSUER must be an https:// URL');
  }
  let config: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    config ??= oidc
      .discovery(
        issuerUrl,
        options.clientId,
        options.clientSecret,
        options.clientSecret === undefined ? oidc.None() : undefined,
        issuerUrl.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        config = null;
        throw new ApiError({
          status: 502,
          code: 'backend_unavailable',
          message: `the identity provider could not be reached (${error instanceof Error ? error.message : String(error)})`,
          retryable: true,
        });
      });
    return config;
  };
  const stateCookieOptions = {
    httpOnly: true,
    sameSite: 'Lax' as const,
    path: '/api/auth/oidc',
    secure: sessions.secureCookies,
  };

  return {
    mode: 'oidc',
    login: { kind: 'redirect', url: '/api/auth/oidc/login', label: issuerUrl.host },
    formActions: [issuerUrl.origin],
    authenticate: (c: Context) => sessions.read(c)?.user ?? null,
    csrfToken: (c) => sessions.csrfToken(c),
    verifyCsrf: (c, _user, token) => sessions.verifyCsrf(c, token),
    logout: (c) => sessions.revoke(c)?.user ?? null,
    async oidcStart(c, returnTo) {
      const cfg = await configuration();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const payload: z.infer<typeof stateSchema> = {
        state,
        nonce,
        verifier,
        return_to: safeReturnTo(returnTo),
        exp: now() + STATE_TTL_SECONDS * 1000,
      };
      setCookie(c, OIDC_STATE_COOKIE, sessions.sign('oidc-state', JSON.stringify(payload)), {
        ...stateCookieOptions,
        maxAge: STATE_TTL_SECONDS,
      });
      const url = oidc.buildAuthorizationUrl(cfg, {
        redirect_uri: options.redirectUrl,
        scope: options.scopes,
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return url.href;
    },
    async oidcCallback(c) {
      const raw = sessions.unsign('oidc-state', getCookie(c, OIDC_STATE_COOKIE));
      deleteCookie(c, OIDC_STATE_COOKIE, stateCookieOptions);
      let saved: z.infer<typeof stateSchema>;
      try {
        saved = stateSchema.parse(JSON.parse(raw ?? 'null'));
      } catch {
        throw new OidcLoginError('state_missing', 'the sign-in started elsewhere or its cookie was lost');
      }
      if (saved.exp <= now()) throw new OidcLoginError('state_expired', 'the sign-in took too long');
      const providerError = c.req.query('error');
      if (providerError) {
        throw new OidcLoginError(
          /^[a-z_]{1,64}$/.test(providerError) ? providerError : 'provider_error',
          'the identity provider refused the sign-in',
        );
      }
      const cfg = await configuration();
      const current = new URL(options.redirectUrl);
      current.search = new URL(c.req.url).search;
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(cfg, current, {
          pkceCodeVerifier: saved.verifier,
          expectedState: saved.state,
          expectedNonce: saved.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new OidcLoginError(
          'token_exchange_failed',
          error instanceof Error ? error.message : String(error),
        );
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcLoginError('no_id_token', 'the identity provider sent no ID token');
      let claims: Record<string, unknown> = { ...idClaims };
      if (claimAt(claims, options.roleClaim) === undefined || claims.name === undefined) {
        try {
          const info = await oidc.fetchUserInfo(cfg, tokens.access_token, idClaims.sub);
          claims = { ...info, ...claims };
          if (claimAt(claims, options.roleClaim) === undefined) {
            claims[options.roleClaim] = claimAt(info, options.roleClaim);
          }
        } catch {
          // userinfo is optional: the ID token claims decide.
        }
      }
      const role = mapRoles(claimAt(claims, options.roleClaim), options.roleMap) ?? options.defaultRole;
      if (!role) throw new OidcLoginError('no_role', 'your account has no Lookout role');
      const nameClaim = [claims.preferred_username, claims.email, claims.name, idClaims.sub].find(
        (v): v is string => typeof v === 'string' && v !== '',
      );
      const user = sessions.create(c, { name: (nameClaim ?? idClaims.sub).slice(0, 200), role }).user;
      return { user, returnTo: safeReturnTo(saved.return_to) };
    },
    close: () => sessions.close(),
  };
}
