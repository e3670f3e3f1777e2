import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ClusterSelect } from '../../app/ClusterSelect';
import { ClusterErrorBanner } from '../../components/ClusterErrorBanner';
import { QueryStatus } from '../../components/QueryStatus';
import { useFallbackInterval } from '../../live/liveStatus';
import { workerQueries } from './workerQueries';
import { WorkerTable } from './WorkerTable';

const route = getRouteApi('/workers');

export function WorkersPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const refetchInterval = useFallbackInterval();
  const workers = useQuery({ ...workerQueries.list(search.cluster), refetchInterval });
  const list = workers.data?.items.filter((w) => !search.stale || w.stale) ?? [];
  const staleCount = workers.data?.items.filter((w) => w.stale).length ?? 0;
  return (
    <div>
      <div className="page-head">
        <h1>Workers</h1>
        {workers.data ? <span className="faint">{workers.data.items.length} registered</span> : null}
        <span className="spacer" />
        <label className="row">
          <input
            type="checkbox"
            checked={search.stale ?? false}
            onChange={(e) =>
              void navigate({ search: (s) => ({ ...s, stale: e.target.checked || undefined }) })
            }
          />
          Only stale
        </label>
        <ClusterSelect
          value={search.cluster}
          onChange={(cluster) => void navigate({ search: (s) => ({ ...s, cluster }) })}
        />
      </div>
      <ClusterErrorBanner errors={workers.data?.clusterErrors} />
      {staleCount > 0 ? (
        <div className="banner crit" role="status">
          {staleCount} worker{staleCount > 1 ? 's have' : ' has'} stopped sending heartbeats. Their jobs
          return to the queue when their lease ends; deregister workers that are gone.
        </div>
      ) : null}
      {!workers.data ? (
        <QueryStatus
          isPending={workers.isPending}
          error={workers.error}
          what="workers"
          onRetry={() => void workers.refetch()}
        />
      ) : list.length === 0 ? (
        <div className="empty card">
          {search.stale ? 'No stale worker.' : 'No worker is registered. Start one to process jobs.'}
        </div>
      ) : (
        <div className="card" style={{ padding: 0, overflowX: 'auto' }}>
          <WorkerTable workers={list} actions />
        </div>
      )}
    </div>
  );
}
