import type { AdminJobsPage, JobState } from '@lookout/ojs-types';
import type { JobFilter, JobSummary } from '../api/schemas';
import type { Cluster, ClusterRegistry } from '../clusters/ClusterRegistry';
import { ApiError, isApiError } from '../errors/ApiError';
import { toApiError } from '../errors/toApiError';
import {
  matchesJobQuery,
  needsJobDetail,
  needsResidualMatching,
  parseJobQuery,
  type JobQuery,
  type MatchableJob,
} from '../query';
import { argsPreview, toJobSummary } from './mappers';
import { mapLimit } from './SnapshotService';

export type SortField = 'created_at' | 'priority' | 'scheduled_at';

export interface SearchOptions {
  sort: SortField;
  order: 'asc' | 'desc';
}

export interface ClusterError {
  cluster: string;
  code: string;
  message: string;
}

export interface SearchPage {
  items: JobSummary[];
  total: number;
  scan?: { scanned: number; truncated: boolean };
  errors: ClusterError[];
}

export interface CollectResult {
  jobs: JobSummary[];
  /** True when the limit stopped the collection before every match was found. */
  truncated: boolean;
  errors: ClusterError[];
}

/** Jobs scanned per cluster when the query needs BFF-side matching. */
export const DEFAULT_SCAN_LIMIT = 5000;
const UPSTREAM_PAGE = 100;
const DETAIL_CONCURRENCY = 8;

interface Pushdown {
  queue?: string | undefined;
  type?: string | undefined;
  state?: JobState[] | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

interface Plan {
  query: JobQuery | undefined;
  pushdown: Pushdown;
  residual: boolean;
  detail: boolean;
  clusterIds: string[] | undefined;
}

function only<T>(list: T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

function intersect<T>(a: T[] | undefined, b: T[]): T[] | undefined {
  if (b.length === 0) return a;
  if (a === undefined) return b;
  return a.filter((x) => b.includes(x));
}

/** Parses `q` and splits the filter into what the upstream applies and what the BFF must match. */
export function planSearch(filter: Omit<JobFilter, 'cluster'> & { cluster?: string | undefined }): Plan {
  let query: JobQuery | undefined;
  if (filter.q !== undefined && filter.q.trim() !== '') {
    const parsed = parseJobQuery(filter.q);
    if (!parsed.ok) {
      throw ApiError.invalidRequest(`invalid q: ${parsed.error.message} (at ${parsed.error.position})`, {
        issues: [{ path: 'q', message: parsed.error.message }],
        position: parsed.error.position,
        length: parsed.error.length,
      });
    }
    query = parsed.query;
  }
  const states = intersect(filter.state, query?.state ?? []);
  const queueFromQ = query ? only(query.queue) : undefined;
  const typeFromQ = query ? only(query.type) : undefined;
  const pushdown: Pushdown = {
    queue: filter.queue ?? queueFromQ,
    type: filter.type ?? typeFromQ,
    state: states,
    since: filter.since,
    until: filter.until,
  };
  const residual =
    query !== undefined &&
    (needsResidualMatching(query) ||
      (filter.queue !== undefined && query.queue.length > 0) ||
      (filter.type !== undefined && query.type.length > 0));
  const clusterIds = query && query.cluster.length > 0 ? query.cluster : undefined;
  return { query, pushdown, residual, detail: query !== undefined && needsJobDetail(query), clusterIds };
}

function sortValue(job: JobSummary, field: SortField): number {
  if (field === 'priority') return job.priority;
  const value = field === 'created_at' ? job.created_at : job.scheduled_at;
  const t = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? 0 : t;
}

export function compareJobs(
  sort: SortField,
  order: 'asc' | 'desc',
): (a: JobSummary, b: JobSummary) => number {
  const dir = order === 'asc' ? 1 : -1;
  return (a, b) => (sortValue(a, sort) - sortValue(b, sort)) * dir || a.id.localeCompare(b.id) * dir;
}

/**
 * Job listing over one or many clusters: filters the upstream can apply are pushed down; the rest of a
 * qualifier query is matched here over a bounded scan (job details are fetched only when args/meta/
 * errors are needed).
 */
export class JobSearch {
  constructor(
    private readonly registry: ClusterRegistry,
    private readonly scanLimit = DEFAULT_SCAN_LIMIT,
  ) {}

  private clustersFor(filterCluster: string | undefined, plan: Plan): Cluster[] {
    let clusters = this.registry.select(filterCluster);
    if (plan.clusterIds) clusters = clusters.filter((c) => plan.clusterIds?.includes(c.id));
    return clusters;
  }

  private listPage(
    cluster: Cluster,
    pushdown: Pushdown,
    options: SearchOptions,
    page: number,
    perPage: number,
  ) {
    return cluster.call((c): Promise<AdminJobsPage> =>
      c.admin.jobs.list({
        queue: pushdown.queue,
        state: pushdown.state,
        type: pushdown.type,
        since: pushdown.since,
        until: pushdown.until,
        sort: options.sort,
        order: options.order,
        page,
        perPage,
      }),
    );
  }

  /** Matching jobs of one cluster, scanning upstream pages until `want` matches or the scan limit. */
  private async scan(
    cluster: Cluster,
    plan: Plan,
    options: SearchOptions,
    want: number,
    maxScan: number,
  ): Promise<{ jobs: JobSummary[]; scanned: number; truncated: boolean; total: number | undefined }> {
    cluster.require('admin_api', 'a job listing (admin API)');
    if (plan.pushdown.state !== undefined && plan.pushdown.state.length === 0) {
      return { jobs: [], scanned: 0, truncated: false, total: 0 };
    }
    const jobs: JobSummary[] = [];
    let scanned = 0;
    let total: number | undefined;
    for (let page = 1; ; page++) {
      const res = await this.listPage(cluster, plan.pushdown, options, page, UPSTREAM_PAGE);
      total = res.pagination?.total ?? total;
      let items = res.items as (MatchableJob & Record<string, unknown>)[];
      scanned += items.length;
      if (plan.residual && plan.query) {
        const query = plan.query;
        if (plan.detail) {
          items = await mapLimit(items, DETAIL_CONCURRENCY, async (item) => {
            try {
              const detail = await cluster.call((c) => c.admin.jobs.get(item.id));
              return { ...item, ...detail } as MatchableJob & Record<string, unknown>;
            } catch (error) {
              if (isApiError(error) && error.status === 404) return item;
              throw error;
            }
          });
        }
        items = items.filter((job) => matchesJobQuery({ ...job, cluster: cluster.id }, query));
      }
      for (const item of items) jobs.push(toJobSummary(cluster.id, item as never));
      const exhausted =
        res.items.length < UPSTREAM_PAGE || (total !== undefined && page * UPSTREAM_PAGE >= total);
      if (exhausted) return { jobs, scanned, truncated: false, total: plan.residual ? jobs.length : total };
      if (jobs.length >= want)
        return { jobs, scanned, truncated: true, total: plan.residual ? undefined : total };
      if (scanned >= maxScan)
        return { jobs, scanned, truncated: true, total: plan.residual ? undefined : total };
    }
  }

  /**
   * Admin list summaries carry no args: fill the previews of one page from the job details (bounded by
   * the page size; a job that vanished meanwhile keeps an empty preview).
   */
  private async fillArgsPreviews(items: JobSummary[]): Promise<JobSummary[]> {
    return mapLimit(items, DETAIL_CONCURRENCY, async (item) => {
      if (item.args_preview !== '') return item;
      try {
        const cluster = this.registry.get(item.cluster);
        const job = await cluster.call((c) =>
          cluster.capabilities.admin_api ? c.admin.jobs.get(item.id) : c.jobs.get(item.id),
        );
        return { ...item, args_preview: argsPreview(job.args) };
      } catch {
        return item;
      }
    });
  }

  /** One page of matching jobs. */
  async search(
    filter: JobFilter,
    options: SearchOptions & { page: number; perPage: number },
  ): Promise<SearchPage> {
    const plan = planSearch(filter);
    const clusters = this.clustersFor(filter.cluster, plan);
    const errors: ClusterError[] = [];
    const single = filter.cluster !== undefined;

    if (!plan.residual && clusters.length === 1 && clusters[0]) {
      const cluster = clusters[0];
      try {
        cluster.require('admin_api', 'a job listing (admin API)');
        if (plan.pushdown.state !== undefined && plan.pushdown.state.length === 0) {
          return { items: [], total: 0, errors };
        }
        const res = await this.listPage(cluster, plan.pushdown, options, options.page, options.perPage);
        return {
          items: await this.fillArgsPreviews(
            res.items.map((item) => toJobSummary(cluster.id, item as never)),
          ),
          total: res.pagination?.total ?? (options.page - 1) * options.perPage + res.items.length,
          errors,
        };
      } catch (error) {
        if (single) throw error;
        const mapped = isApiError(error) ? error : toApiError(error, cluster.id);
        return {
          items: [],
          total: 0,
          errors: [{ cluster: cluster.id, code: mapped.code, message: mapped.message }],
        };
      }
    }

    const want = options.page * options.perPage;
    let scanned = 0;
    let truncated = false;
    let total = 0;
    const all: JobSummary[] = [];
    await Promise.all(
      clusters.map(async (cluster) => {
        try {
          const result = await this.scan(
            cluster,
            plan,
            options,
            plan.residual ? Number.POSITIVE_INFINITY : want,
            plan.residual ? this.scanLimit : want,
          );
          all.push(...result.jobs);
          scanned += result.scanned;
          if (plan.residual) {
            truncated ||= result.truncated;
            total += result.jobs.length;
          } else {
            total += result.total ?? result.jobs.length;
          }
        } catch (error) {
          if (single) throw error;
          const mapped = isApiError(error) ? error : toApiError(error, cluster.id);
          errors.push({ cluster: cluster.id, code: mapped.code, message: mapped.message });
        }
      }),
    );
    all.sort(compareJobs(options.sort, options.order));
    const start = (options.page - 1) * options.perPage;
    return {
      items: await this.fillArgsPreviews(all.slice(start, start + options.perPage)),
      total,
      ...(plan.residual ? { scan: { scanned, truncated } } : {}),
      errors,
    };
  }

  /** Every matching job (for bulk actions), up to `limit`. */
  async collect(filter: JobFilter, limit: number): Promise<CollectResult> {
    const plan = planSearch(filter);
    const clusters = this.clustersFor(filter.cluster, plan);
    const errors: ClusterError[] = [];
    const jobs: JobSummary[] = [];
    let truncated = false;
    const options: SearchOptions = { sort: 'created_at', order: 'asc' };
    await Promise.all(
      clusters.map(async (cluster) => {
        try {
          const result = await this.scan(
            cluster,
            plan,
            options,
            limit + 1,
            plan.residual ? this.scanLimit : limit + 1,
          );
          jobs.push(...result.jobs);
          truncated ||= result.truncated;
        } catch (error) {
          if (filter.cluster !== undefined) throw error;
          const mapped = isApiError(error) ? error : toApiError(error, cluster.id);
          errors.push({ cluster: cluster.id, code: mapped.code, message: mapped.message });
        }
      }),
    );
    if (jobs.length > limit) {
      truncated = true;
      jobs.length = limit;
    }
    return { jobs, truncated, errors };
  }
}
