import path from 'node:path';
import type { AuthConfig } from '../config/loadConfig';
import { createIpMatcher } from '../security/createIpMatcher';
import type { AuthProvider } from './AuthProvider';
import { basicAuth, loadUsersFile } from './basicAuth';
import { parseRoleMap } from './mapRoles';
import { noneAuth } from './noneAuth';
import { oidcAuth } from './oidcAuth';
import { proxyAuth } from './proxyAuth';
import { loadSessionSecret } from './sessionSecret';
import { SessionManager } from './SessionManager';

export interface AuthContext {
  dataDir: string;
  publicUrl: string | null;
  now?: () => number;
}

/** Builds the sign-in mode named in the configuration. */
export function createAuthProvider(config: AuthConfig, context: AuthContext): AuthProvider {
  const sessions = (secret: string | undefined, ttlHours: number) =>
    new SessionManager({
      secret: loadSessionSecret(secret, context.dataDir),
      file: path.join(context.dataDir, 'sessions.db'),
      ttlMs: ttlHours * 3_600_000,
      secure: context.publicUrl?.startsWith('https://') === true,
      ...(context.now ? { now: context.now } : {}),
    });
  switch (config.mode) {
    case 'none':
      return noneAuth();
    case 'basic':
      return basicAuth(
        loadUsersFile(config.usersFile),
        sessions(config.sessionSecret, config.sessionTtlHours),
      );
    case 'oidc':
      return oidcAuth({
        issuer: config.issuer,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        redirectUrl: config.redirectUrl,
        scopes: config.scopes,
        roleClaim: config.roleClaim,
        roleMap: parseRoleMap(config.roleMap),
        defaultRole: config.defaultRole,
        sessions: sessions(config.sessionSecret, config.sessionTtlHours),
        ...(context.now ? { now: context.now } : {}),
      });
    case 'proxy':
      return proxyAuth({
        userHeader: config.userHeader,
        roleHeader: config.roleHeader,
        roleMap: parseRoleMap(config.roleMap),
        trustedProxies: createIpMatcher(config.trustedProxies),
      });
  }
}
