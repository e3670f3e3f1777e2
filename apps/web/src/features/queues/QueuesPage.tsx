import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ClusterSelect } from '../../app/ClusterSelect';
import { ClusterErrorBanner } from '../../components/ClusterErrorBanner';
import { QueryStatus } from '../../components/QueryStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { formatCount, formatRate } from '../../components/format.model';
import { useFallbackInterval } from '../../live/liveStatus';
import { QueueControls } from './QueueControls';
import { QueueSparkline } from './QueueSparkline';
import { queueQueries } from './queueQueries';
import { sortQueues, waitingCount, type QueueSortKey } from './queueStats.model';

const route = getRouteApi('/queues');

export function QueuesPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const refetchInterval = useFallbackInterval();
  const queues = useQuery({ ...queueQueries.list(search.cluster), refetchInterval });
  const [sort, setSort] = useState<QueueSortKey>('name');

  return (
    <div>
      <div className="page-head">
        <h1>Queues</h1>
        {queues.data ? <span className="faint">{queues.data.items.length} queues</span> : null}
        <span className="spacer" />
        <label className="field">
          Sort by
          <select value={sort} onChange={(e) => setSort(e.target.value as QueueSortKey)}>
            <option value="name">name</option>
            <option value="waiting">waiting</option>
            <option value="active">active</option>
            <option value="failed">failing</option>
            <option value="throughput">throughput</option>
          </select>
        </label>
        <ClusterSelect
          value={search.cluster}
          onChange={(cluster) => void navigate({ search: { cluster } })}
        />
      </div>
      <ClusterErrorBanner errors={queues.data?.clusterErrors} />
      {!queues.data ? (
        <QueryStatus
          isPending={queues.isPending}
          error={queues.error}
          what="queues"
          onRetry={() => void queues.refetch()}
        />
      ) : queues.data.items.length === 0 ? (
        <div className="empty card">No queues yet. Queues appear when the first job is enqueued.</div>
      ) : (
        <div className="card" style={{ padding: 0, overflowX: 'auto' }}>
          <table className="data" data-testid="queues-table">
            <thead>
              <tr>
                <th>Queue</th>
                <th>Cluster</th>
                <th className="num">Waiting</th>
                <th className="num">Active</th>
                <th className="num">Scheduled</th>
                <th className="num">Retryable</th>
                <th className="num">Dead</th>
                <th className="num">Completed</th>
                <th>Throughput (1 h)</th>
                <th className="num">Workers</th>
                <th>Oldest waiting</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sortQueues(queues.data.items, sort).map((q) => (
                <tr
                  key={`${q.cluster}/${q.name}`}
                  data-row
                  tabIndex={0}
                  data-testid="queue-row"
                  data-queue={q.name}
                >
                  <td>
                    <Link
                      to="/queues/$cluster/$name"
                      params={{ cluster: q.cluster, name: q.name }}
                      data-row-link
                    >
                      {q.name}
                    </Link>{' '}
                    {q.paused ? (
                      <span className="badge warn" data-testid="paused-badge">
                        paused
                      </span>
                    ) : null}
                    {q.workers === 0 && waitingCount(q.counts) > 0 ? (
                      <span className="badge crit">no workers</span>
                    ) : null}
                  </td>
                  <td className="muted">{q.cluster}</td>
                  <td className="num">{formatCount(q.counts.available + q.counts.pending)}</td>
                  <td className="num">{formatCount(q.counts.active)}</td>
                  <td className="num">{formatCount(q.counts.scheduled)}</td>
                  <td className="num">{formatCount(q.counts.retryable)}</td>
                  <td className="num">
                    {q.counts.discarded > 0 ? (
                      <Link to="/dead-letter" search={{ cluster: q.cluster, queue: q.name }}>
                        {formatCount(q.counts.discarded)}
                      </Link>
                    ) : (
                      '0'
                    )}
                  </td>
                  <td className="num">{formatCount(q.counts.completed)}</td>
                  <td>
                    <span className="row" style={{ flexWrap: 'nowrap' }}>
                      <QueueSparkline cluster={q.cluster} queue={q.name} />
                      <span className="num faint">{formatRate(q.throughput.completedPerMin)}</span>
                    </span>
                  </td>
                  <td className="num">{q.workers}</td>
                  <td>
                    <RelativeTime iso={q.oldestAvailableAt} />
                  </td>
                  <td>
                    <span className="row" style={{ flexWrap: 'nowrap' }}>
                      <QueueControls queue={q} compact />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
