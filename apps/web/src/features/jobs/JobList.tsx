import { useQueries, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { MOVE_EVENT } from '../../app/rowFocus';
import { QueryStatus } from '../../components/QueryStatus';
import { formatCount } from '../../components/format.model';
import { useFallbackInterval } from '../../live/liveStatus';
import type { JobListFilter, JobSort, Selection } from './jobFilter.model';
import { selectionKey } from './jobFilter.model';
import { pagesForRange, rowAt } from './jobList.model';
import { JOBS_PER_PAGE, jobQueries } from './jobQueries';
import type { JobSummary } from './jobSummary.mapper';
import { JobRow } from './JobRow';

const ROW_HEIGHT = 34;

/** The explorer's list: virtualized, pages fetched as they scroll into view, smooth at 100,000 rows. */
export function JobList({
  filter,
  selection,
  onToggle,
  onSort,
  onTotal,
}: {
  filter: JobListFilter;
  selection: Selection;
  onToggle: (job: JobSummary) => void;
  onSort: (sort: JobSort) => void;
  onTotal: (total: number | undefined) => void;
}) {
  const navigate = useNavigate();
  const refetchInterval = useFallbackInterval();
  const scrollRef = useRef<HTMLDivElement>(null);
  const first = useQuery({ ...jobQueries.page(filter, 1), refetchInterval, placeholderData: (prev) => prev });
  const total = first.data?.total ?? 0;
  const [focused, setFocused] = useState(-1);

  useEffect(() => onTotal(first.data?.total), [first.data?.total, onTotal]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the list re-renders on scroll by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const pageNumbers = pagesForRange(firstIndex, lastIndex, JOBS_PER_PAGE, total);

  const pageResults = useQueries({
    queries: pageNumbers.map((page) => ({
      ...jobQueries.page(filter, page),
      refetchInterval,
      enabled: page > 1,
    })),
  });
  const pages = new Map<number, JobSummary[]>();
  if (first.data) pages.set(1, first.data.items);
  pageResults.forEach((r, i) => {
    const n = pageNumbers[i];
    if (n !== undefined && n > 1 && r.data) pages.set(n, r.data.items);
  });

  // j/k move the focused row; Enter opens it; x selects it.
  useEffect(() => {
    const onMove = (e: Event) => {
      if (!(e instanceof CustomEvent) || total === 0) return;
      e.preventDefault();
      const delta = (e.detail as { delta: 1 | -1 }).delta;
      setFocused((f) => {
        const next = Math.min(total - 1, Math.max(0, f + delta));
        virtualizer.scrollToIndex(next, { align: 'auto' });
        requestAnimationFrame(() =>
          scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus(),
        );
        return next;
      });
    };
    window.addEventListener(MOVE_EVENT, onMove);
    return () => window.removeEventListener(MOVE_EVENT, onMove);
  }, [total, virtualizer]);

  if (!first.data) {
    return (
      <QueryStatus
        isPending={first.isPending}
        error={first.error}
        what="jobs"
        onRetry={() => void first.refetch()}
      />
    );
  }
  const open = (job: JobSummary) =>
    void navigate({ to: '/jobs/$cluster/$id', params: { cluster: job.cluster, id: job.id } });
  const sortButton = (sort: JobSort, label: string) => (
    <button
      type="button"
      onClick={() => onSort(sort)}
      aria-pressed={filter.sort === sort}
      title={`Sort by ${label}`}
    >
      {label}
      {filter.sort === sort ? (filter.order === 'asc' ? ' ↑' : ' ↓') : ''}
    </button>
  );

  return (
    <div
      ref={scrollRef}
      className="vlist"
      role="grid"
      aria-label="Jobs"
      aria-rowcount={total + 1}
      data-testid="job-list"
      data-total={total}
    >
      <div className="vhead" role="row" aria-rowindex={1}>
        <span role="columnheader">
          <span className="sr-only">Select</span>
        </span>
        <span role="columnheader">State</span>
        <span role="columnheader">Type</span>
        <span role="columnheader">Queue</span>
        <span role="columnheader">{sortButton('priority', 'Priority')}</span>
        <span role="columnheader">
          {sortButton('created_at', 'Created')} / {sortButton('scheduled_at', 'Run at')}
        </span>
        <span role="columnheader">Args / error</span>
      </div>
      {total === 0 ? (
        <div className="empty">No job matches these filters.</div>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const job = rowAt(pages, item.index, JOBS_PER_PAGE);
            return (
              <JobRow
                key={item.key}
                index={item.index}
                top={item.start}
                job={job}
                focused={item.index === focused}
                selected={job ? selection.kind === 'all' || selection.ids.has(selectionKey(job)) : false}
                onToggle={onToggle}
                onOpen={open}
                onFocus={() => setFocused(item.index)}
              />
            );
          })}
        </div>
      )}
      {first.isFetching ? <span className="sr-only">Refreshing</span> : null}
      <span className="sr-only">{formatCount(total)} jobs</span>
    </div>
  );
}
