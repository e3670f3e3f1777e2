import type {
  BulkActionName,
  BulkPreviewResponse,
  DeadLetterGroup,
  DeadLetterGroupResponse,
  DeadLetterResponse,
  JobSummary,
  OperationResponse,
} from '../api/schemas';
import {
  bulkBodySchema,
  bulkPreviewBodySchema,
  clusterQuerySchema,
  deadLetterQuerySchema,
} from '../api/schemas';
import type { Cluster } from '../clusters/ClusterRegistry';
import { isFingerprint } from '../deadLetter/errorFingerprint';
import { ApiError, isApiError } from '../errors/ApiError';
import { toApiError } from '../errors/toApiError';
import type { BffDeps } from '../http/BffDeps';
import { parseBody, parseQuery } from '../http/validate';
import { DeadLetterService, type DeadLetterJob } from '../services/DeadLetterService';
import type { ClusterError } from '../services/JobSearch';
import { toJobSummary } from '../services/mappers';
import type { OperationStep, OperationTarget } from '../services/OperationManager';
import { cancelJob, deleteJob, loadJob, retryJob } from './jobRoutes';
import { redactsFor, redactSummaries } from '../security/viewerRedaction';
import { noteAudit, requireRoleOf, route, type RouteSpec } from './routeTable';

const ROLE_FOR: Record<BulkActionName, 'operator' | 'admin'> = {
  retry: 'operator',
  cancel: 'operator',
  delete: 'admin',
};
const SAMPLE_SIZE = 10;

export function confirmationPhrase(action: BulkActionName, matched: number): string {
  return `${action} ${matched} jobs`;
}

/** A typed phrase confirms at least as many jobs as now match. */
export function phraseConfirms(phrase: string | undefined, action: BulkActionName, matched: number): boolean {
  const match = /^(retry|cancel|delete) (\d+) jobs?$/.exec((phrase ?? '').trim().toLowerCase());
  return match !== null && match[1] === action && Number(match[2]) >= matched;
}

/** Bulk preview / execute, operations, dead-letter groups. */
export function bulkRoutes(deps: BffDeps): RouteSpec[] {
  const { registry } = deps;

  const stepFor = (action: BulkActionName): OperationStep => {
    const fn = action === 'retry' ? retryJob : action === 'cancel' ? cancelJob : deleteJob;
    return (target) => fn(registry.get(target.cluster), target.id);
  };

  /** Resolves a bulk target to job summaries (bounded by the bulk limit). */
  const resolve = async (
    body: {
      cluster?: string | undefined;
      filter?: Record<string, unknown> | undefined;
      job_ids?: string[] | undefined;
    },
    withSample: boolean,
  ): Promise<{
    jobs: JobSummary[];
    targets: OperationTarget[];
    truncated: boolean;
    errors: ClusterError[];
  }> => {
    if (body.job_ids) {
      const cluster = registry.get(body.cluster ?? '');
      const ids = [...new Set(body.job_ids)];
      const sample = withSample
        ? await Promise.all(
            ids.slice(0, SAMPLE_SIZE).map((id) =>
              loadJob(cluster, id)
                .then((job) => toJobSummary(cluster.id, job as never))
                .catch(() => undefined),
            ),
          )
        : [];
      return {
        jobs: sample.filter((j): j is JobSummary => j !== undefined),
        targets: ids.map((id) => ({ cluster: cluster.id, id })),
        truncated: false,
        errors: [],
      };
    }
    const result = await deps.jobs.collect({ ...(body.filter ?? {}), cluster: body.cluster }, deps.bulkLimit);
    return {
      jobs: result.jobs,
      targets: result.jobs.map((j) => ({ cluster: j.cluster, id: j.id })),
      truncated: result.truncated,
      errors: result.errors,
    };
  };

  /** Viewers see sample error details with hidden values redacted. */
  const hideSamples = (groups: DeadLetterGroup[], viewer: boolean): DeadLetterGroup[] =>
    viewer
      ? groups.map((g) =>
          g.sample.details === undefined
            ? g
            : { ...g, sample: { ...g.sample, details: deps.redactor.redact(g.sample.details).value } },
        )
      : groups;

  const groupJobs = async (fingerprint: string, clusterId: string | undefined): Promise<DeadLetterJob[]> => {
    if (!isFingerprint(fingerprint))
      throw ApiError.invalidRequest(`"${fingerprint}" is not an error fingerprint`);
    const clusters = registry.select(clusterId);
    const scans = await Promise.all(
      clusters.map((cl) =>
        deps.deadLetters.scan(cl).catch((error: unknown) => {
          if (clusterId !== undefined) throw error;
          return { jobs: [], truncated: false };
        }),
      ),
    );
    const jobs = scans.flatMap((s) => s.jobs).filter((j) => j.fingerprint === fingerprint);
    if (jobs.length === 0) throw ApiError.notFound(`no dead-letter group ${fingerprint}`);
    return jobs;
  };

  const groupAction =
    (action: 'retry' | 'delete') => async (fingerprint: string, clusterId: string | undefined) => {
      const jobs = await groupJobs(fingerprint, clusterId);
      const step: OperationStep = async (target) => {
        const cluster: Cluster = registry.get(target.cluster);
        if (action === 'retry') await cluster.call((c) => c.deadLetter.retry(target.id));
        else await cluster.call((c) => c.deadLetter.delete(target.id));
      };
      return deps.operations.start(
        action,
        clusterId ?? null,
        { dead_letter_group: fingerprint },
        jobs.map((j) => ({ cluster: j.cluster, id: j.summary.id })),
        step,
      );
    };

  return [
    route(
      'POST',
      '/bulk/preview',
      'operator',
      async (c) => {
        const body = await parseBody(c, bulkPreviewBodySchema);
        const resolved = await resolve(body, true);
        const matched = resolved.targets.length;
        const response: BulkPreviewResponse = {
          matched,
          sample: resolved.jobs.slice(0, SAMPLE_SIZE),
          requires_typed_confirmation: body.action === 'delete' || matched > deps.typedConfirmationThreshold,
          confirmation_phrase: confirmationPhrase(body.action, matched),
          truncated: resolved.truncated,
        };
        return c.json(response, 200);
      },
      // A preview changes nothing: allowed in read-only mode, not audited.
      { write: false },
    ),
    route(
      'POST',
      '/bulk',
      'operator',
      async (c) => {
        // Operators may retry and cancel; delete needs admin (checked once the body names the action).
        const body = await parseBody(c, bulkBodySchema);
        noteAudit(c, {
          action: `bulk.${body.action}`,
          cluster: body.cluster ?? null,
          filter: body.job_ids
            ? { job_ids: body.job_ids.slice(0, 100), job_ids_total: body.job_ids.length }
            : { ...(body.filter ?? {}) },
        });
        const user = c.get('user');
        if (user) requireRoleOf(user.role, ROLE_FOR[body.action]);
        const resolved = await resolve(body, false);
        const matched = resolved.targets.length;
        const typed = body.action === 'delete' || matched > deps.typedConfirmationThreshold;
        if (typed && !phraseConfirms(body.confirmation_phrase, body.action, matched)) {
          throw ApiError.invalidRequest(
            `type "${confirmationPhrase(body.action, matched)}" to confirm this action`,
            {
              issues: [{ path: 'confirmation_phrase', message: 'does not confirm the matching jobs' }],
              matched,
            },
          );
        }
        const operation = deps.operations.start(
          body.action,
          body.cluster ?? null,
          body.job_ids ? { job_ids: body.job_ids } : { ...(body.filter ?? {}) },
          resolved.targets,
          stepFor(body.action),
        );
        noteAudit(c, { count: matched });
        const response: OperationResponse = { operation };
        return c.json(response, 202);
      },
      { audit: { action: 'bulk' } },
    ),
    route('GET', '/operations/:id', 'viewer', (c) => {
      const response: OperationResponse = { operation: deps.operations.get(c.req.param('id')) };
      return c.json(response, 200);
    }),
    route('GET', '/dead-letter', 'viewer', async (c) => {
      const query = parseQuery(c, deadLetterQuerySchema);
      const clusters = registry.select(query.cluster);
      const errors: ClusterError[] = [];
      let truncated = false;
      const jobs: DeadLetterJob[] = [];
      await Promise.all(
        clusters.map(async (cl) => {
          try {
            const scan = await deps.deadLetters.scan(cl);
            truncated ||= scan.truncated;
            jobs.push(
              ...scan.jobs.filter((j) => query.queue === undefined || j.summary.queue === query.queue),
            );
          } catch (error) {
            if (query.cluster !== undefined) throw error;
            const mapped = isApiError(error) ? error : toApiError(error, cl.id);
            errors.push({ cluster: cl.id, code: mapped.code, message: mapped.message });
          }
        }),
      );
      const response: DeadLetterResponse = {
        groups: hideSamples(DeadLetterService.group(jobs), redactsFor(c)),
        total: jobs.length,
        truncated,
        errors,
      };
      return c.json(response, 200);
    }),
    route('GET', '/dead-letter/groups/:fingerprint', 'viewer', async (c) => {
      const { cluster } = parseQuery(c, clusterQuerySchema);
      const jobs = await groupJobs(c.req.param('fingerprint'), cluster);
      const [group] = DeadLetterService.group(jobs);
      if (!group) throw ApiError.notFound('no such group');
      const viewer = redactsFor(c);
      const summaries = jobs.filter((j) => j.cluster === group.cluster).map((j) => j.summary);
      const response: DeadLetterGroupResponse = {
        ...(hideSamples([group], viewer)[0] ?? group),
        jobs: viewer ? redactSummaries(summaries, deps.redactor) : summaries,
      };
      return c.json(response, 200);
    }),
    route(
      'POST',
      '/dead-letter/groups/:fingerprint/retry',
      'operator',
      async (c) => {
        const { cluster } = parseQuery(c, clusterQuerySchema);
        const operation = await groupAction('retry')(c.req.param('fingerprint'), cluster);
        noteAudit(c, { count: operation.matched });
        return c.json({ operation } satisfies OperationResponse, 202);
      },
      {
        audit: {
          action: 'dead_letter.retry',
          target: (c) => `dead_letter_group:${c.req.param('fingerprint') ?? ''}`,
        },
      },
    ),
    route(
      'POST',
      '/dead-letter/groups/:fingerprint/delete',
      'admin',
      async (c) => {
        const { cluster } = parseQuery(c, clusterQuerySchema);
        const operation = await groupAction('delete')(c.req.param('fingerprint'), cluster);
        noteAudit(c, { count: operation.matched });
        return c.json({ operation } satisfies OperationResponse, 202);
      },
      {
        audit: {
          action: 'dead_letter.delete',
          target: (c) => `dead_letter_group:${c.req.param('fingerprint') ?? ''}`,
        },
      },
    ),
  ];
}
