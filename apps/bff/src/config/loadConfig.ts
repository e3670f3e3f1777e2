import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseRoleMap } from '../auth/mapRoles';
import { createIpMatcher } from '../security/createIpMatcher';
import { DEFAULT_REDACT_KEYS } from '../security/createRedactor';

/** A configured OJS server. The token stays in the BFF; it is never sent to the browser. */
export interface ClusterConfig {
  id: string;
  name: string;
  url: string;
  token?: string | undefined;
}

export type AuthMode = 'none' | 'basic' | 'oidc' | 'proxy';

/** The sign-in mode and its settings (secrets stay server-side; they are never logged). */
export type AuthConfig =
  | { mode: 'none' }
  | {
      mode: 'basic';
      usersFile: string;
      sessionSecret?: string | undefined;
      sessionTtlHours: number;
    }
  | {
      mode: 'oidc';
      issuer: string;
      clientId: string;
      /** Absent: a public client (PKCE only). */
      clientSecret?: string | undefined;
      redirectUrl: string;
      scopes: string;
      /** Claim holding the roles/groups (dotted path allowed). */
      roleClaim: string;
      roleMap: string | undefined;
      /** Role of a user whose claims grant none; null refuses such users. */
      defaultRole: 'viewer' | 'operator' | 'admin' | null;
      sessionSecret?: string | undefined;
      sessionTtlHours: number;
    }
  | {
      mode: 'proxy';
      userHeader: string;
      roleHeader: string;
      roleMap: string | undefined;
      trustedProxies: string;
    };

export interface EmbeddedConfig {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  /** Demo jobs/workflows per second and plan seed (same seed, same run). */
  demoRate?: number | undefined;
  demoSeed?: string | undefined;
}

export interface BffConfig {
  port: number;
  host: string;
  clusters: ClusterConfig[];
  /** Set when no cluster is configured: the embedded OJS server runs in-process. */
  embedded: EmbeddedConfig | null;
  /** Directory holding the SPA build, or null to serve the API only (LOOKOUT_WEB_DIR=none). */
  webDir: string | null;
  upstreamTimeoutMs: number;
  /** Largest upstream response body accepted, in bytes. */
  maxUpstreamBodyBytes: number;
  cacheTtlMs: number;
  sampleIntervalMs: number;
  replayBufferSize: number;
  heartbeatMs: number;
  coalesceMs: number;
  /** How often an upstream is checked for health / capabilities. */
  healthIntervalMs: number;
  auth: AuthConfig;
  readOnly: boolean;
  /** LOOKOUT_DATA_DIR, absolute: audit log, sessions, session secret (and the embedded server's data). */
  dataDir: string;
  /** LOOKOUT_REDACT_KEYS: regex source of object keys whose values viewers never see. */
  redactKeys: string;
  /** LOOKOUT_PUBLIC_URL: where browsers reach Lookout (origin check, cookie Secure flag, OIDC redirect). */
  publicUrl: string | null;
  /** LOOKOUT_TRUSTED_PROXIES: reverse proxies whose X-Forwarded-For is believed (and, in proxy mode, whose identity headers are). */
  trustedProxies: string | null;
  /** Where the configuration came from, for the start-up banner. */
  source: 'env' | 'file' | 'embedded';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Hosts only this machine can reach: the only ones allowed without sign-in. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

const CLUSTER_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

const urlSchema = z
  .string()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http:// or https:// URL' },
  )
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.username === '' && url.password === '';
      } catch {
        return true;
      }
    },
    // Credentials in a URL end up in error messages and logs; tokens have their own setting.
    { message: 'must not hold credentials (use the token setting, e.g. OJS_TOKEN)' },
  );

const clusterSchema = z.strictObject({
  id: z
    .string()
    .regex(
      CLUSTER_ID_PATTERN,
      'must be lowercase letters, digits, "-" or "_" (at most 63), starting with a letter or digit',
    )
    .optional(),
  name: z.string().min(1).max(100).optional(),
  url: urlSchema,
  token: z.string().min(1).optional(),
});

const fileSchema = z.strictObject({
  $schema: z.string().optional(),
  clusters: z.array(clusterSchema).min(1, 'must list at least one cluster'),
});

const intInRange = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const booleanFlag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off']))
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const envSchema = z.object({
  PORT: intInRange(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  OJS_URL: z.string().optional(),
  OJS_TOKEN: z.string().min(1).optional(),
  OJS_PORT: intInRange(0, 65535).default(8080),
  LOOKOUT_CONFIG: z.string().min(1).optional(),
  LOOKOUT_DATA_DIR: z.string().min(1).default('./.lookout'),
  LOOKOUT_DEMO: booleanFlag.default(true),
  LOOKOUT_DEMO_RATE: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().positive().max(10_000))
    .optional(),
  LOOKOUT_DEMO_SEED: z.string().min(1).max(100).optional(),
  LOOKOUT_WEB_DIR: z.string().optional(),
  LOOKOUT_UPSTREAM_TIMEOUT_MS: intInRange(100, 120_000).default(5000),
  LOOKOUT_MAX_UPSTREAM_BODY_BYTES: intInRange(1024, 1024 * 1024 * 1024).default(16 * 1024 * 1024),
  LOOKOUT_CACHE_MS: intInRange(0, 60_000).default(1000),
  LOOKOUT_SAMPLE_INTERVAL_MS: intInRange(500, 3_600_000).default(5000),
  LOOKOUT_REPLAY_BUFFER: intInRange(10_000, 10_000_000).default(10_000),
  LOOKOUT_HEARTBEAT_MS: intInRange(1000, 300_000).default(15_000),
  LOOKOUT_COALESCE_MS: intInRange(0, 5000).default(100),
  LOOKOUT_HEALTH_INTERVAL_MS: intInRange(1000, 3_600_000).default(10_000),
  LOOKOUT_AUTH: z.enum(['none', 'basic', 'oidc', 'proxy']).default('none'),
  LOOKOUT_READ_ONLY: booleanFlag.default(false),
  LOOKOUT_PUBLIC_URL: urlSchema.optional(),
  LOOKOUT_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOOKOUT_SESSION_TTL_HOURS: intInRange(1, 24 * 90).default(12),
  LOOKOUT_USERS_FILE: z.string().min(1).optional(),
  LOOKOUT_OIDC_ISSUER: urlSchema.optional(),
  LOOKOUT_OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  LOOKOUT_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  LOOKOUT_OIDC_REDIRECT_URL: urlSchema.optional(),
  LOOKOUT_OIDC_SCOPES: z.string().min(1).max(1000).default('openid profile email'),
  LOOKOUT_OIDC_ROLE_CLAIM: z.string().min(1).max(200).default('roles'),
  LOOKOUT_OIDC_ROLE_MAP: z.string().max(4000).optional(),
  LOOKOUT_OIDC_DEFAULT_ROLE: z.enum(['viewer', 'operator', 'admin', 'none']).default('none'),
  LOOKOUT_PROXY_USER_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be a header name')
    .default('x-forwarded-user'),
  LOOKOUT_PROXY_ROLE_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be a header name')
    .default('x-forwarded-groups'),
  LOOKOUT_PROXY_ROLE_MAP: z.string().max(4000).optional(),
  LOOKOUT_TRUSTED_PROXIES: z.string().max(4000).optional(),
  LOOKOUT_REDACT_KEYS: z
    .string()
    .min(1)
    .max(1000)
    .refine(
      (source) => {
        try {
          new RegExp(source, 'i');
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be a valid regular expression' },
    )
    .default(DEFAULT_REDACT_KEYS),
});

function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length === 0 ? prefix : `${prefix}${formatPath(issue.path)}`;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

function formatPath(pathParts: readonly PropertyKey[]): string {
  return pathParts
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
    )
    .join('');
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

/** Ids derived from the URL when not given; duplicates are an error naming both entries. */
function finishClusters(
  entries: z.infer<typeof clusterSchema>[],
  fieldPrefix: string,
  defaultToken: string | undefined,
): ClusterConfig[] {
  const seen = new Map<string, number>();
  return entries.map((entry, index) => {
    const url = new URL(entry.url);
    const derived = entries.length === 1 ? 'default' : slug(url.host) || `cluster-${index + 1}`;
    const id = entry.id ?? derived;
    const previous = seen.get(id);
    if (previous !== undefined) {
      throw new ConfigError(
        `${fieldPrefix}[${index}].id: duplicate cluster id "${id}" (also used by ${fieldPrefix}[${previous}])`,
      );
    }
    seen.set(id, index);
    const base = entry.url.replace(/\/+$/, '');
    return { id, name: entry.name ?? url.host, url: base, token: entry.token ?? defaultToken };
  });
}

export interface LoadConfigOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Directory of the SPA build used when LOOKOUT_WEB_DIR is not set (null: no SPA). */
  defaultWebDir?: string | null;
  readFile?: (file: string) => string;
  fileExists?: (file: string) => boolean;
}

/**
 * Reads the BFF configuration from the environment and, when present, `lookout.config.json`
 * (or the file named by LOOKOUT_CONFIG). Throws ConfigError with a message naming the bad field.
 */
export function loadConfig(options: LoadConfigOptions = {}): BffConfig {
  const rawEnv = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const readFile = options.readFile ?? ((file: string) => readFileSync(file, 'utf8'));
  const fileExists = options.fileExists ?? existsSync;

  const envInput: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = rawEnv[key];
    if (value !== undefined && value !== '') envInput[key] = value;
  }
  const envParsed = envSchema.safeParse(envInput);
  if (!envParsed.success) {
    throw new ConfigError(`invalid environment: ${describeIssues(envParsed.error, '')}`);
  }
  const env = envParsed.data;
  if (env.LOOKOUT_AUTH === 'none' && !LOOPBACK_HOSTS.has(env.HOST)) {
    throw new ConfigError(
      `HOST: "${env.HOST}" is not a loopback address; LOOKOUT_AUTH=none would give everyone who can reach it admin rights (listen on HOST=127.0.0.1, or set LOOKOUT_AUTH=basic, oidc or proxy)`,
    );
  }
  const auth = authConfig(env, cwd);

  let clusters: ClusterConfig[] = [];
  let source: BffConfig['source'] = 'embedded';

  if (env.OJS_URL !== undefined && env.OJS_URL.trim() !== '') {
    const urls = env.OJS_URL.split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    const entries = urls.map((url, index) => {
      const parsed = clusterSchema.safeParse({ url });
      if (!parsed.success) {
        throw new ConfigError(
          `OJS_URL[${index}] "${maskCredentials(url)}": ${describeIssues(parsed.error, '').replace(/^url: /, '')}`,
        );
      }
      return parsed.data;
    });
    clusters = finishClusters(entries, 'OJS_URL', env.OJS_TOKEN);
    source = 'env';
  } else {
    const explicit = env.LOOKOUT_CONFIG !== undefined;
    const file = path.resolve(cwd, env.LOOKOUT_CONFIG ?? 'lookout.config.json');
    if (fileExists(file)) {
      const label = path.basename(file);
      let json: unknown;
      try {
        json = JSON.parse(readFile(file));
      } catch (error) {
        throw new ConfigError(
          `${label}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        );
      }
      const parsed = fileSchema.safeParse(json);
      if (!parsed.success) throw new ConfigError(`${label}: ${describeIssues(parsed.error, '')}`);
      clusters = finishClusters(parsed.data.clusters, `${label}: clusters`, undefined);
      source = 'file';
    } else if (explicit) {
      throw new ConfigError(`LOOKOUT_CONFIG: file not found: ${file}`);
    }
  }

  let embedded: EmbeddedConfig | null = null;
  if (clusters.length === 0) {
    const host = '127.0.0.1';
    embedded = {
      port: env.OJS_PORT,
      host,
      dataDir: path.resolve(cwd, env.LOOKOUT_DATA_DIR),
      demo: env.LOOKOUT_DEMO,
      ...(env.LOOKOUT_DEMO_RATE === undefined ? {} : { demoRate: env.LOOKOUT_DEMO_RATE }),
      ...(env.LOOKOUT_DEMO_SEED === undefined ? {} : { demoSeed: env.LOOKOUT_DEMO_SEED }),
    };
    clusters = [{ id: 'local', name: 'Embedded', url: `http://${host}:${env.OJS_PORT}` }];
  }

  const webDir =
    env.LOOKOUT_WEB_DIR !== undefined
      ? env.LOOKOUT_WEB_DIR === 'none'
        ? null
        : path.resolve(cwd, env.LOOKOUT_WEB_DIR)
      : (options.defaultWebDir ?? null);

  return {
    port: env.PORT,
    host: env.HOST,
    clusters,
    embedded,
    webDir,
    upstreamTimeoutMs: env.LOOKOUT_UPSTREAM_TIMEOUT_MS,
    maxUpstreamBodyBytes: env.LOOKOUT_MAX_UPSTREAM_BODY_BYTES,
    cacheTtlMs: env.LOOKOUT_CACHE_MS,
    sampleIntervalMs: env.LOOKOUT_SAMPLE_INTERVAL_MS,
    replayBufferSize: env.LOOKOUT_REPLAY_BUFFER,
    heartbeatMs: env.LOOKOUT_HEARTBEAT_MS,
    coalesceMs: env.LOOKOUT_COALESCE_MS,
    healthIntervalMs: env.LOOKOUT_HEALTH_INTERVAL_MS,
    auth,
    readOnly: env.LOOKOUT_READ_ONLY,
    dataDir: path.resolve(cwd, env.LOOKOUT_DATA_DIR),
    redactKeys: env.LOOKOUT_REDACT_KEYS,
    publicUrl: env.LOOKOUT_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    trustedProxies: env.LOOKOUT_TRUSTED_PROXIES?.trim() ? env.LOOKOUT_TRUSTED_PROXIES : null,
    source,
  };
}

function authConfig(env: z.output<typeof envSchema>, cwd: string): AuthConfig {
  const need = (name: string, value: string | undefined): string => {
    if (value === undefined) throw new ConfigError(`${name}: required when LOOKOUT_AUTH=${env.LOOKOUT_AUTH}`);
    return value;
  };
  const checkMap = (name: string, value: string | undefined) => {
    try {
      parseRoleMap(value);
    } catch (error) {
      throw new ConfigError(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return value;
  };
  if (env.LOOKOUT_TRUSTED_PROXIES !== undefined) {
    try {
      createIpMatcher(env.LOOKOUT_TRUSTED_PROXIES);
    } catch (error) {
      throw new ConfigError(
        `LOOKOUT_TRUSTED_PROXIES: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  switch (env.LOOKOUT_AUTH) {
    case 'none':
      return { mode: 'none' };
    case 'basic':
      return {
        mode: 'basic',
        usersFile: path.resolve(cwd, need('LOOKOUT_USERS_FILE', env.LOOKOUT_USERS_FILE)),
        sessionSecret: env.LOOKOUT_SESSION_SECRET,
        sessionTtlHours: env.LOOKOUT_SESSION_TTL_HOURS,
      };
    case 'oidc': {
      const issuer = need('LOOKOUT_OIDC_ISSUER', env.LOOKOUT_OIDC_ISSUER);
      const publicUrl = env.LOOKOUT_PUBLIC_URL?.replace(/\/+$/, '');
      const redirectUrl =
        env.LOOKOUT_OIDC_REDIRECT_URL ??
        (publicUrl === undefined
          ? need('LOOKOUT_PUBLIC_URL (or LOOKOUT_OIDC_REDIRECT_URL)', undefined)
          : `${publicUrl}/api/auth/oidc/callback`);
      const issuerUrl = new URL(issuer);
      if (
        issuerUrl.protocol !== 'https:' &&
        !LOOPBACK_HOSTS.has(issuerUrl.hostname.replace(/^\[|\]$/g, ''))
      ) {
        throw new ConfigError('LOOKOUT_OIDC_ISSUER: must be an https:// URL');
      }
      return {
        mode: 'oidc',
        issuer,
        clientId: need('LOOKOUT_OIDC_CLIENT_ID', env.LOOKOUT_OIDC_CLIENT_ID),
        clientSecret: env.LOOKOUT_OIDC_CLIENT_SECRET,
        redirectUrl,
        scopes: env.LOOKOUT_OIDC_SCOPES,
        roleClaim: env.LOOKOUT_OIDC_ROLE_CLAIM,
        roleMap: checkMap('LOOKOUT_OIDC_ROLE_MAP', env.LOOKOUT_OIDC_ROLE_MAP),
        defaultRole: env.LOOKOUT_OIDC_DEFAULT_ROLE === 'none' ? null : env.LOOKOUT_OIDC_DEFAULT_ROLE,
        sessionSecret: env.LOOKOUT_SESSION_SECRET,
        sessionTtlHours: env.LOOKOUT_SESSION_TTL_HOURS,
      };
    }
    case 'proxy': {
      const trusted = need('LOOKOUT_TRUSTED_PROXIES', env.LOOKOUT_TRUSTED_PROXIES);
      if (trusted.trim() === '')
        throw new ConfigError('LOOKOUT_TRUSTED_PROXIES: name at least one proxy address');
      return {
        mode: 'proxy',
        userHeader: env.LOOKOUT_PROXY_USER_HEADER.toLowerCase(),
        roleHeader: env.LOOKOUT_PROXY_ROLE_HEADER.toLowerCase(),
        roleMap: checkMap('LOOKOUT_PROXY_ROLE_MAP', env.LOOKOUT_PROXY_ROLE_MAP),
        trustedProxies: trusted,
      };
    }
  }
}

/** A URL as it may be shown in a message: user and password replaced by `***`. */
export function maskCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
}
