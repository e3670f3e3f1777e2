import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ClusterSelect } from '../../app/ClusterSelect';
import { QueryStatus } from '../../components/QueryStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { useFallbackInterval } from '../../live/liveStatus';
import { ClusterTable } from './ClusterTable';
import { overviewQueries } from './overviewQueries';
import { SignalList } from './SignalList';
import { StateCounts } from './StateCounts';
import { StatsPanel } from './StatsPanel';
import { WindowPicker } from './WindowPicker';

const route = getRouteApi('/');

export function OverviewPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const refetchInterval = useFallbackInterval();
  const overview = useQuery({ ...overviewQueries.overview(search.cluster), refetchInterval });
  const window = search.window ?? '1h';

  return (
    <div>
      <div className="page-head">
        <h1>Overview</h1>
        {overview.data ? (
          <span className="faint">
            updated <RelativeTime iso={overview.data.generatedAt} />
          </span>
        ) : null}
        <span className="spacer" />
        <ClusterSelect
          value={search.cluster}
          onChange={(cluster) => void navigate({ search: (s) => ({ ...s, cluster }) })}
        />
        <WindowPicker
          value={window}
          onChange={(w) => void navigate({ search: (s) => ({ ...s, window: w }) })}
        />
      </div>
      {overview.data ? (
        <div className="stack">
          <SignalList signals={overview.data.signals} />
          <StateCounts counts={overview.data.totals} cluster={search.cluster} />
          <StatsPanel cluster={search.cluster} window={window} />
          {overview.data.byCluster.length > 0 ? <ClusterTable overview={overview.data} /> : null}
        </div>
      ) : (
        <QueryStatus
          isPending={overview.isPending}
          error={overview.error}
          what="the overview"
          onRetry={() => void overview.refetch()}
        />
      )}
    </div>
  );
}
