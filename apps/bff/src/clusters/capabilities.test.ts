import type { Manifest } from '@lookout/ojs-types';
import { describe, expect, it } from 'vitest';
import { deriveCapabilities, NO_CAPABILITIES } from './capabilities';

const manifest = (extra: Partial<Manifest>): Manifest => ({
  specversion: '1.0',
  implementation: { name: 'x' },
  ...extra,
});

describe('deriveCapabilities', () => {
  it('reports nothing without a manifest', () => {
    expect(deriveCapabilities(undefined, {})).toEqual(NO_CAPABILITIES);
  });

  it('reads levels, flags and extensions in both forms', () => {
    const caps = deriveCapabilities(
      manifest({
        conformance_level: 4,
        extensions: { official: [{ name: 'admin-api' }, { name: 'events-stream' }, { name: 'realtime' }] },
      }),
      { statsHistory: true },
    );
    expect(caps).toMatchObject({
      admin_api: true,
      events_stream: true,
      realtime_sse: true,
      workflows: true,
      cron: true,
      dead_letter: true,
      pause_resume: true,
      bulk_actions: true,
      stats_history: true,
    });
    expect(deriveCapabilities(manifest({ extensions: ['admin-api', 'progress'] }), {})).toMatchObject({
      admin_api: true,
      progress: true,
      workflows: false,
    });
  });

  it('lets probes override what the manifest claims', () => {
    const caps = deriveCapabilities(
      manifest({ conformance_level: 4, extensions: ['admin-api'], capabilities: { workflows: false } }),
      { adminApi: false, eventsPoll: false },
    );
    expect(caps.admin_api).toBe(false);
    expect(caps.bulk_actions).toBe(false);
    expect(caps.events_poll).toBe(false);
    expect(caps.workflows).toBe(false);
  });
});
