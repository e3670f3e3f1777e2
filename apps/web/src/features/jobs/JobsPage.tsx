import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import { errorPosition } from '../../api/ApiError';
import { clusterQueries } from '../clusters/clusterQueries';
import { queueQueries } from '../queues/queueQueries';
import { BulkBar } from './BulkBar';
import { JobFilters } from './JobFilters';
import {
  formatSelection,
  parseSelection,
  selectionKey,
  sinceFor,
  toggleSelected,
  toListFilter,
  TIME_RANGES,
  type JobSearch,
  type JobSort,
} from './jobFilter.model';
import { JobList } from './JobList';
import { jobQueries } from './jobQueries';
import type { JobSummary } from './jobSummary.mapper';
import { QuerySearchBox } from './QuerySearchBox';

const route = getRouteApi('/jobs');

export function JobsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [total, setTotal] = useState<number | undefined>();

  // A relative range in the URL (since=1h) resolves to a timestamp once per URL change, so the key stays stable.
  const resolvedSince = useMemo(
    () =>
      search.since && TIME_RANGES.some((r) => r.id === search.since)
        ? sinceFor(search.since, new Date())
        : search.since,
    [search.since],
  );
  const filter = useMemo(() => toListFilter({ ...search, since: resolvedSince }), [search, resolvedSince]);
  const selection = parseSelection(search.sel);

  const queues = useQuery(queueQueries.list(search.cluster));
  const clusters = useQuery(clusterQueries.list());
  const firstPage = useQuery(jobQueries.page(filter, 1));
  const vocabulary = useMemo(() => {
    const types = new Set<string>();
    for (const j of firstPage.data?.items ?? []) types.add(j.type);
    return {
      clusters: clusters.data?.map((c) => c.id) ?? [],
      queues: [...new Set(queues.data?.items.map((q) => q.name) ?? [])].sort(),
      types: [...types].sort(),
    };
  }, [clusters.data, queues.data, firstPage.data]);

  const update = useCallback(
    (patch: Partial<JobSearch>) => void navigate({ search: (s) => ({ ...s, ...patch, sel: undefined }) }),
    [navigate],
  );
  const commitQuery = useCallback((q: string) => update({ q: q || undefined }), [update]);
  const onToggle = useCallback(
    (job: JobSummary) =>
      void navigate({
        search: (s) => ({
          ...s,
          sel: formatSelection(toggleSelected(parseSelection(s.sel), selectionKey(job))),
        }),
        replace: true,
      }),
    [navigate],
  );
  const onSort = useCallback(
    (sort: JobSort) =>
      void navigate({
        search: (s) => ({
          ...s,
          sort,
          order: (s.sort ?? 'created_at') === sort && s.order !== 'asc' ? 'asc' : 'desc',
        }),
      }),
    [navigate],
  );

  const serverError =
    firstPage.error && search.q
      ? { message: firstPage.error.message, position: errorPosition(firstPage.error) }
      : undefined;

  return (
    <div>
      <div className="page-head">
        <h1>Jobs</h1>
      </div>
      <div className="toolbar">
        <QuerySearchBox
          value={search.q ?? ''}
          vocabulary={vocabulary}
          serverError={serverError}
          onCommit={commitQuery}
        />
        <JobFilters search={search} queues={vocabulary.queues} types={vocabulary.types} onChange={update} />
      </div>
      {firstPage.data?.scan?.truncated ? (
        <div className="banner info" role="status">
          This search looks inside payloads, so Lookout scanned the newest {firstPage.data.scan.scanned} jobs;
          older matches are not counted. Narrow it with state:, queue: or a time range.
        </div>
      ) : null}
      {firstPage.data?.clusterErrors.map((e) => (
        <div key={e.cluster} className="banner crit" role="status">
          Cluster {e.cluster} could not be searched: {e.message}
        </div>
      ))}
      <BulkBar
        selection={selection}
        total={total}
        filter={filter}
        onSelectAll={() => void navigate({ search: (s) => ({ ...s, sel: 'all' }), replace: true })}
        onClear={() => void navigate({ search: (s) => ({ ...s, sel: undefined }), replace: true })}
      />
      <JobList filter={filter} selection={selection} onToggle={onToggle} onSort={onSort} onTotal={setTotal} />
    </div>
  );
}
