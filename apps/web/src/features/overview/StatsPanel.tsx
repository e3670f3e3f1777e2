import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { QueryStatus } from '../../components/QueryStatus';
import { formatCount, formatPercent } from '../../components/format.model';
import { toChartRows, windowTotals } from './chartSeries.model';
import type { StatsWindow } from './overview.mapper';
import { overviewQueries } from './overviewQueries';

const StatsCharts = lazy(() => import('./StatsCharts'));

/** Charts for a window, for all clusters, one cluster or one queue. */
export function StatsPanel({
  cluster,
  queue,
  window,
}: {
  cluster: string | undefined;
  queue?: string;
  window: StatsWindow;
}) {
  const query = useQuery(overviewQueries.stats(cluster, queue, window));
  const rows = useMemo(() => (query.data ? toChartRows(query.data) : []), [query.data]);
  if (!query.data)
    return (
      <QueryStatus
        isPending={query.isPending}
        error={query.error}
        what="statistics"
        onRetry={() => void query.refetch()}
      />
    );
  const totals = windowTotals(query.data);
  return (
    <div className="stack">
      <div className="row muted">
        <span>
          In this window: <strong className="num">{formatCount(totals.completed)}</strong> completed,{' '}
          <strong className="num">{formatCount(totals.failed)}</strong> failed (
          {formatPercent(totals.failureRate)}).
        </span>
        {query.data.source === 'sampled' ? (
          <span
            className="faint"
            title="The server keeps no history; Lookout sampled these figures since it started."
          >
            sampled by Lookout
          </span>
        ) : null}
      </div>
      <Suspense fallback={<div className="empty">Loading charts…</div>}>
        <StatsCharts rows={rows} windowId={window} />
      </Suspense>
    </div>
  );
}
