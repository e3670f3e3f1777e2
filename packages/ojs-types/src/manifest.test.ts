import { describe, expect, it } from 'vitest';
import { healthResponseSchema, manifestExtensionNames, manifestSchema, manifestVersion } from './manifest';

describe('manifest', () => {
  it('parses the HB §21 form (ojs_version, string extensions)', () => {
    const m = manifestSchema.parse({
      ojs_version: '1.0',
      implementation: { name: 'ojs-redis', version: '1.0.0', language: 'go' },
      conformance_level: 2,
      protocols: ['http'],
      backend: 'redis',
      capabilities: { cron_jobs: true, workflows: false, future_flag: true },
      extensions: ['admin-api', 'dead-letter'],
    });
    expect(manifestVersion(m)).toBe('1.0');
    expect(manifestExtensionNames(m)).toEqual(['admin-api', 'dead-letter']);
    expect(m.capabilities?.['future_flag']).toBe(true);
  });
  it('parses the conformance/openapi form (specversion, structured extensions)', () => {
    const m = manifestSchema.parse({
      specversion: '1.0',
      implementation: { name: 'lookout', version: '0.1.0', language: 'typescript' },
      conformance_level: 4,
      conformance_tier: 'runtime',
      protocols: ['http'],
      extensions: {
        official: [
          { name: 'admin-api', uri: 'urn:ojs:ext:admin-api', version: '1.0.0' },
          { name: 'dead-letter', uri: 'urn:ojs:ext:dead-letter', version: '1.0.0' },
        ],
        experimental: [{ name: 'progress' }],
      },
    });
    expect(manifestVersion(m)).toBe('1.0');
    expect(manifestExtensionNames(m)).toEqual(['admin-api', 'dead-letter', 'progress']);
  });
  it('needs a version field and an implementation name', () => {
    expect(manifestSchema.safeParse({ implementation: { name: 'x' } }).success).toBe(false);
    expect(manifestSchema.safeParse({ specversion: '1.0' }).success).toBe(false);
    expect(manifestExtensionNames({})).toEqual([]);
  });
  it('health', () => {
    expect(
      healthResponseSchema.parse({ status: 'degraded', backend: { type: 'memory', status: 'connected' } })
        .status,
    ).toBe('degraded');
  });
});
