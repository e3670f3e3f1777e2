import { z } from 'zod';

export const CAPABILITIES = [
  'admin_api',
  'realtime_sse',
  'events_stream',
  'events_poll',
  'workflows',
  'workflow_graph',
  'cron',
  'dead_letter',
  'bulk_actions',
  'stats_history',
  'purge',
  'maintenance',
  'worker_admin',
  'pause_resume',
  'progress',
] as const;
export type Capability = (typeof CAPABILITIES)[number];
export type Capabilities = Record<Capability, boolean>;

export const capabilitiesSchema = z
  .record(z.string(), z.unknown())
  .transform(
    (raw): Capabilities => Object.fromEntries(CAPABILITIES.map((c) => [c, raw[c] === true])) as Capabilities,
  );

export const clusterSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url_host: z.string().nullish(),
    capabilities: capabilitiesSchema,
  })
  .transform((c) => ({ id: c.id, name: c.name, urlHost: c.url_host ?? '', capabilities: c.capabilities }));
export type Cluster = z.output<typeof clusterSchema>;

export const clusterListSchema = z.object({ clusters: z.array(clusterSchema) }).transform((b) => b.clusters);

export const clusterHealthSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    reachable: z.boolean(),
    latency_ms: z.number().nullish(),
    conformance_level: z.union([z.number(), z.string()]).nullish(),
    implementation: z.object({ name: z.string(), version: z.string().nullish() }).nullish(),
    capabilities: capabilitiesSchema,
    error: z.object({ code: z.string(), message: z.string() }).nullish(),
    checked_at: z.string().nullish(),
  })
  .transform((h) => ({
    id: h.id,
    name: h.name,
    reachable: h.reachable,
    latencyMs: h.latency_ms ?? undefined,
    conformanceLevel: h.conformance_level ?? undefined,
    implementation: h.implementation
      ? { name: h.implementation.name, version: h.implementation.version ?? '' }
      : undefined,
    capabilities: h.capabilities,
    error: h.error ?? undefined,
    checkedAt: h.checked_at ?? undefined,
  }));
export type ClusterHealth = z.output<typeof clusterHealthSchema>;

export const healthSchema = z
  .object({ status: z.string(), clusters: z.array(clusterHealthSchema) })
  .transform((h) => ({ status: h.status, clusters: h.clusters }));
export type Health = z.output<typeof healthSchema>;

const loginSchema = z
  .union([
    z.object({ kind: z.literal('password') }).loose(),
    z
      .object({
        kind: z.literal('redirect'),
        url: z.string(),
        issuer: z.string().nullish(),
        label: z.string().nullish(),
      })
      .loose(),
  ])
  .nullish()
  .catch(null);

/** How the sign-in button names the identity provider: its label, else its host. */
function providerName(
  issuer: string | null | undefined,
  label: string | null | undefined,
): string | undefined {
  if (label) return label;
  if (!issuer) return undefined;
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

export const meSchema = z
  .object({
    user: z.object({ name: z.string(), role: z.enum(['viewer', 'operator', 'admin']) }).nullish(),
    auth_mode: z.string().nullish(),
    read_only: z.boolean().default(false),
    csrf_token: z.string().nullish(),
    login: loginSchema,
    redact_for_role: z.string().nullish(),
  })
  .transform((m) => ({
    user: m.user ?? undefined,
    authMode: m.auth_mode ?? 'none',
    readOnly: m.read_only,
    csrfToken: m.csrf_token ?? undefined,
    login:
      m.login?.kind === 'password'
        ? { kind: 'password' as const }
        : m.login?.kind === 'redirect'
          ? {
              kind: 'redirect' as const,
              url: m.login.url,
              provider: providerName(m.login.issuer, m.login.label),
            }
          : undefined,
  }));
export type Me = z.output<typeof meSchema>;
