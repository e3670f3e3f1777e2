import { manifestExtensionNames, type Manifest } from '@lookout/ojs-types';
import type { Capabilities } from '../api/schemas';

/** Results of probing optional endpoints (true: answered; false: missing; undefined: not known). */
export interface CapabilityProbes {
  adminApi?: boolean | undefined;
  eventsPoll?: boolean | undefined;
  statsHistory?: boolean | undefined;
  workflowList?: boolean | undefined;
}

export const NO_CAPABILITIES: Capabilities = {
  admin_api: false,
  realtime_sse: false,
  events_stream: false,
  events_poll: false,
  workflows: false,
  workflow_graph: false,
  cron: false,
  dead_letter: false,
  bulk_actions: false,
  stats_history: false,
  purge: false,
  maintenance: false,
  worker_admin: false,
  pause_resume: false,
  progress: false,
};

function has(names: string[], ...candidates: string[]): boolean {
  return names.some((name) => candidates.includes(name));
}

/**
 * What an upstream offers, from its manifest (conformance level, capability flags, extensions) and the
 * probes of optional endpoints, which win over what the manifest claims.
 */
export function deriveCapabilities(manifest: Manifest | undefined, probes: CapabilityProbes): Capabilities {
  if (!manifest) return { ...NO_CAPABILITIES };
  const names = manifestExtensionNames(manifest).map((name) => name.toLowerCase());
  const level = manifest.conformance_level ?? 0;
  const flags = manifest.capabilities ?? {};
  const flag = (key: string): boolean | undefined =>
    typeof flags[key] === 'boolean' ? flags[key] : undefined;
  const admin = probes.adminApi ?? flag('admin_api') ?? has(names, 'admin-api', 'admin');
  return {
    admin_api: admin,
    realtime_sse: has(names, 'realtime', 'realtime-sse', 'sse') || flag('realtime') === true,
    events_stream: has(names, 'events-stream', 'event-stream', 'all-events-stream', 'events-sse'),
    events_poll:
      probes.eventsPoll ?? flag('events_poll') ?? has(names, 'events', 'events-poll', 'event-polling'),
    workflows: flags.workflows ?? level >= 3,
    workflow_graph: flag('workflow_graph') ?? has(names, 'workflow-graph', 'workflow-graphs'),
    cron: flags.cron_jobs ?? level >= 2,
    dead_letter: flags.dead_letter ?? level >= 1,
    bulk_actions: admin,
    stats_history: admin && (probes.statsHistory ?? false),
    purge: admin,
    maintenance: admin,
    worker_admin: admin,
    pause_resume: flags.pause_resume ?? level >= 4,
    progress: flag('progress') ?? has(names, 'progress', 'job-progress'),
  };
}
