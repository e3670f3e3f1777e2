import type { DeadLetterGroup, JobSummary } from '../api/schemas';
import type { SharedCache } from '../cache/SharedCache';
import type { Cluster } from '../clusters/ClusterRegistry';
import { errorFingerprint } from '../deadLetter/errorFingerprint';
import { lastError, toJobSummary } from './mappers';

/** Dead-letter jobs scanned per cluster for grouping. */
export const DEAD_LETTER_SCAN_LIMIT = 10_000;
const PAGE = 100;

export interface DeadLetterJob {
  cluster: string;
  summary: JobSummary;
  fingerprint: string;
  code: string;
  normalized: string;
  message: string;
  details: unknown;
  failedAt: string | null;
}

export interface DeadLetterScan {
  jobs: DeadLetterJob[];
  truncated: boolean;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function toDeadLetterJob(
  cluster: string,
  job: Record<string, unknown> & { id: string; type: string },
): DeadLetterJob {
  const err = record(lastError(job as { error?: unknown; errors?: unknown[] }));
  const code = typeof err.code === 'string' ? err.code : typeof err.type === 'string' ? err.type : undefined;
  const message = typeof err.message === 'string' ? err.message : '';
  const fp = errorFingerprint({ jobType: job.type, code, message });
  const failedAt =
    (typeof job.discarded_at === 'string' ? job.discarded_at : undefined) ??
    (typeof job.completed_at === 'string' ? job.completed_at : undefined) ??
    (typeof err.occurred_at === 'string' ? err.occurred_at : undefined) ??
    (typeof job.created_at === 'string' ? job.created_at : null);
  return {
    cluster,
    summary: toJobSummary(cluster, job as never),
    fingerprint: fp.fingerprint,
    code: fp.code,
    normalized: fp.message,
    message,
    details: err.details,
    failedAt,
  };
}

/** Dead-letter jobs of a cluster grouped by error fingerprint (type + code + normalised message). */
export class DeadLetterService {
  constructor(private readonly cache: SharedCache) {}

  scan(cluster: Cluster): Promise<DeadLetterScan> {
    return this.cache.get(`dead-letter:${cluster.id}`, () => this.load(cluster));
  }

  invalidate(clusterId: string): void {
    this.cache.invalidate(`dead-letter:${clusterId}`);
  }

  private async load(cluster: Cluster): Promise<DeadLetterScan> {
    cluster.require('dead_letter', 'a dead letter queue');
    const jobs: DeadLetterJob[] = [];
    let truncated = false;
    for (let offset = 0; ; offset += PAGE) {
      const res = await cluster.call((c) => c.deadLetter.list({ limit: PAGE, offset }));
      for (const job of res.jobs) jobs.push(toDeadLetterJob(cluster.id, job));
      const total = res.pagination?.total;
      if (res.jobs.length < PAGE || (total !== undefined && offset + PAGE >= total)) break;
      if (jobs.length >= DEAD_LETTER_SCAN_LIMIT) {
        truncated = true;
        break;
      }
    }
    return { jobs, truncated };
  }

  /** Groups of the given scans, most frequent first. */
  static group(jobs: DeadLetterJob[]): DeadLetterGroup[] {
    const groups = new Map<string, { group: DeadLetterGroup; queues: Set<string> }>();
    for (const job of jobs) {
      const key = `${job.cluster}\u0000${job.fingerprint}`;
      let entry = groups.get(key);
      if (!entry) {
        entry = {
          group: {
            fingerprint: job.fingerprint,
            cluster: job.cluster,
            type: job.summary.type,
            code: job.code,
            message: job.normalized,
            count: 0,
            first_seen: job.failedAt,
            last_seen: job.failedAt,
            queues: [],
            sample: {
              job_id: job.summary.id,
              message: job.message,
              ...(job.details === undefined ? {} : { details: job.details }),
            },
          },
          queues: new Set(),
        };
        groups.set(key, entry);
      }
      const g = entry.group;
      g.count++;
      entry.queues.add(job.summary.queue);
      if (job.failedAt !== null) {
        if (g.first_seen === null || job.failedAt < g.first_seen) g.first_seen = job.failedAt;
        if (g.last_seen === null || job.failedAt > g.last_seen) {
          g.last_seen = job.failedAt;
          g.sample = {
            job_id: job.summary.id,
            message: job.message,
            ...(job.details === undefined ? {} : { details: job.details }),
          };
        }
      }
    }
    return [...groups.values()]
      .map(({ group, queues }) => ({ ...group, queues: [...queues].sort() }))
      .sort((a, b) => b.count - a.count || a.fingerprint.localeCompare(b.fingerprint));
  }
}
