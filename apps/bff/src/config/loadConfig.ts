import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** A configured OJS server. The token stays in the BFF; it is never sent to the browser. */
export interface ClusterConfig {
  id: string;
  name: string;
  url: string;
  token?: string | undefined;
}

export type AuthMode = 'none';

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
  auth: { mode: AuthMode };
  readOnly: boolean;
  /** Where the configuration came from, for the start-up banner. */
  source: 'env' | 'file' | 'embedded';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Hosts only this machine can reach: the only ones allowed without sign-in. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

const CLUSTER_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

const urlSchema = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an http:// or https:// URL' },
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
  LOOKOUT_AUTH: z.enum(['none']).default('none'),
  LOOKOUT_READ_ONLY: booleanFlag.default(false),
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
      `HOST: "${env.HOST}" is not a loopback address; LOOKOUT_AUTH=none would give everyone who can reach it admin rights (listen on 127.0.0.1, or choose a sign-in mode)`,
    );
  }

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
          `OJS_URL[${index}] "${url}": ${describeIssues(parsed.error, '').replace(/^url: /, '')}`,
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
    auth: { mode: env.LOOKOUT_AUTH },
    readOnly: env.LOOKOUT_READ_ONLY,
    source,
  };
}
