import type { OjsClient } from '@lookout/ojs-client';
import {
  resolveUniquePolicy,
  uniqueFingerprint,
  uniquePolicyInputSchema,
  type UniquePolicy,
} from '@lookout/ojs-types';
import type { Cluster } from '../clusters/ClusterRegistry';

/** What the matcher needs of a job: detail or list row (rows may lack args/meta). */
export interface UniqueCandidate {
  id: string;
  type: string;
  queue: string;
  state: string;
  args?: unknown;
  meta?: unknown;
  created_at?: unknown;
}

export interface UniqueHolder {
  id: string;
  state: string;
}

/** Most rows read when looking for holders, and most details fetched for rows without args. */
const MAX_ROWS = 200;
const MAX_DETAILS = 25;

function asArgs(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function asMeta(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The job's unique policy, or undefined when it has none or it cannot be read. */
export function uniquePolicyOf(job: { unique?: unknown }): UniquePolicy | undefined {
  if (job.unique === undefined || job.unique === null) return undefined;
  const parsed = uniquePolicyInputSchema.safeParse(job.unique);
  return parsed.success ? resolveUniquePolicy(parsed.data) : undefined;
}

function fingerprint(policy: UniquePolicy, job: UniqueCandidate): string {
  return uniqueFingerprint(policy, {
    type: job.type,
    queue: job.queue,
    args: asArgs(job.args),
    meta: asMeta(job.meta),
  });
}

/**
 * The other jobs holding the same unique key as `job` (same fingerprint as the server computes it, in one of
 * the policy's states, created within its period). Candidates must carry args (and meta when the policy
 * keys on it). Pure.
 */
export function matchUniqueHolders(
  job: UniqueCandidate,
  policy: UniquePolicy,
  candidates: readonly UniqueCandidate[],
  now: number,
): UniqueHolder[] {
  const key = fingerprint(policy, job);
  const states = new Set<string>(policy.states);
  return candidates
    .filter((c) => c.id !== job.id && states.has(c.state))
    .filter((c) => {
      if (policy.periodMs === undefined || typeof c.created_at !== 'string') return true;
      const created = Date.parse(c.created_at);
      return Number.isNaN(created) || now - created <= policy.periodMs;
    })
    .filter((c) => fingerprint(policy, c) === key)
    .map((c) => ({ id: c.id, state: c.state }));
}

/**
 * Looks up, through the admin job list, the jobs that hold the same unique key as a waiting job. Rows that
 * come without args are completed from their detail (bounded); undefined when the upstream cannot list jobs.
 */
export async function lookupUniqueHolders(
  cluster: Cluster,
  job: UniqueCandidate & { unique?: unknown },
  now: number,
): Promise<UniqueHolder[] | undefined> {
  const policy = uniquePolicyOf(job);
  if (!policy || !cluster.capabilities.admin_api) return undefined;
  const needsMeta = policy.keys.includes('meta');
  const rows: UniqueCandidate[] = [];
  for (let page = 1; rows.length < MAX_ROWS; page++) {
    const list = await cluster.callOptional((c: OjsClient) =>
      c.admin.jobs.list({
        type: job.type,
        ...(policy.keys.includes('queue') ? { queue: job.queue } : {}),
        state: policy.states,
        page,
        perPage: 100,
      }),
    );
    if (!list) return undefined;
    rows.push(...(list.items as UniqueCandidate[]));
    if (list.items.length < 100) break;
  }
  let details = 0;
  const complete: UniqueCandidate[] = [];
  for (const row of rows) {
    if (row.id === job.id) continue;
    if (row.args !== undefined && (!needsMeta || row.meta !== undefined)) {
      complete.push(row);
    } else if (details < MAX_DETAILS) {
      details++;
      const detail = await cluster
        .callOptional((c: OjsClient) => c.admin.jobs.get(row.id))
        .catch(() => undefined);
      if (detail) complete.push(detail);
    }
  }
  return matchUniqueHolders(job, policy, complete, now);
}
