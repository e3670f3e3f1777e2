import { z } from 'zod';

/** Capability flags (HB §21.2, openapi Manifest.capabilities). Unknown flags are kept. */
export const capabilitiesSchema = z.looseObject({
  batch_enqueue: z.boolean().optional(),
  cron_jobs: z.boolean().optional(),
  dead_letter: z.boolean().optional(),
  delayed_jobs: z.boolean().optional(),
  job_ttl: z.boolean().optional(),
  priority_queues: z.boolean().optional(),
  rate_limiting: z.boolean().optional(),
  schema_validation: z.boolean().optional(),
  unique_jobs: z.boolean().optional(),
  workflows: z.boolean().optional(),
  pause_resume: z.boolean().optional(),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;

export const manifestExtensionSchema = z.looseObject({
  name: z.string().min(1),
  uri: z.string().optional(),
  version: z.string().optional(),
});
export type ManifestExtension = z.infer<typeof manifestExtensionSchema>;

/**
 * Extensions in either form: HB §21 `["admin-api", ...]`; conformance doc / openapi
 * `{official:[{name, uri, version}], experimental?:[...]}`; also a flat array of extension objects.
 */
const extensionsSchema = z.union([
  z.array(z.union([z.string(), manifestExtensionSchema])),
  z.record(z.string(), z.array(z.union([z.string(), manifestExtensionSchema]))),
]);

/**
 * GET /ojs/manifest, the union of the HB (`ojs_version`, string extensions) and conformance/openapi
 * (`specversion`, structured extensions, `conformance_tier`) forms (digest §2.3). At least one version
 * field is required.
 */
export const manifestSchema = z
  .looseObject({
    specversion: z.string().optional(),
    ojs_version: z.string().optional(),
    implementation: z.looseObject({
      name: z.string().min(1),
      version: z.string().optional(),
      language: z.string().optional(),
      homepage: z.string().optional(),
      backend: z.string().optional(),
    }),
    conformance_level: z.number().int().min(0).max(4).optional(),
    conformance_tier: z.string().optional(),
    protocols: z.array(z.string()).optional(),
    backend: z.string().optional(),
    capabilities: capabilitiesSchema.optional(),
    extensions: extensionsSchema.optional(),
    unique_job_strength: z.string().optional(),
    endpoints: z.record(z.string(), z.unknown()).optional(),
  })
  .check((ctx) => {
    if (ctx.value.specversion === undefined && ctx.value.ojs_version === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['specversion'],
        message: 'a manifest needs "specversion" or "ojs_version"',
      });
    }
  });
export type Manifest = z.infer<typeof manifestSchema>;

/** Extension names of a manifest in either form, deduplicated, in order. */
export function manifestExtensionNames(manifest: Pick<Manifest, 'extensions'>): string[] {
  const ext = manifest.extensions;
  if (!ext) return [];
  const items = Array.isArray(ext) ? ext : Object.values(ext).flat();
  const names = items.map((e) => (typeof e === 'string' ? e : e.name));
  return [...new Set(names)];
}

/** The spec version a manifest declares, whichever field carries it. */
export function manifestVersion(manifest: Pick<Manifest, 'specversion' | 'ojs_version'>): string {
  return manifest.specversion ?? manifest.ojs_version ?? '';
}

/** GET /ojs/v1/health: 200 ok / 503 degraded with the same body (HB §19). */
export const healthResponseSchema = z.looseObject({
  status: z.string(),
  version: z.string().optional(),
  uptime_seconds: z.number().optional(),
  backend: z
    .looseObject({
      type: z.string().optional(),
      status: z.string().optional(),
      latency_ms: z.number().optional(),
      error: z.string().optional(),
    })
    .optional(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
