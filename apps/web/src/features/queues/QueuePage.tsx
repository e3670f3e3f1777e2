import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { QueryStatus } from '../../components/QueryStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { StateBadge } from '../../components/StateBadge';
import { formatCount, formatRate } from '../../components/format.model';
import { JOB_STATES } from '../../api/wireCommon';
import { useFallbackInterval } from '../../live/liveStatus';
import { jobQueries } from '../jobs/jobQueries';
import { StatsPanel } from '../overview/StatsPanel';
import { WindowPicker } from '../overview/WindowPicker';
import { WorkerTable } from '../workers/WorkerTable';
import { QueueControls } from './QueueControls';
import { queueQueries } from './queueQueries';

const route = getRouteApi('/queues/$cluster/$name');

export function QueuePage() {
  const { cluster, name } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const refetchInterval = useFallbackInterval();
  const detail = useQuery({ ...queueQueries.detail(cluster, name), refetchInterval });
  const jobs = useQuery({
    ...jobQueries.sample({ cluster, queue: name, sort: 'created_at', order: 'desc' }, 20),
    refetchInterval,
  });
  const window = search.window ?? '1h';

  if (!detail.data) {
    return (
      <QueryStatus
        isPending={detail.isPending}
        error={detail.error}
        what={`queue ${name}`}
        onRetry={() => void detail.refetch()}
      />
    );
  }
  const { queue, workers } = detail.data;
  return (
    <div className="stack" data-testid="queue-page" data-paused={queue.paused}>
      <div>
        <div className="crumbs">
          <Link to="/queues" search={{ cluster }}>
            Queues
          </Link>{' '}
          / {cluster}
        </div>
        <div className="page-head" style={{ marginBottom: 0 }}>
          <h1>{name}</h1>
          {queue.paused ? (
            <span className="badge warn" data-testid="paused-badge">
              paused
            </span>
          ) : (
            <span className="badge ok">running</span>
          )}
          <span className="muted">
            {formatRate(queue.throughput.completedPerMin)} completed ·{' '}
            {formatRate(queue.throughput.failedPerMin)} failed
          </span>
          <span className="spacer" />
          <QueueControls queue={queue} />
        </div>
      </div>
      <section className="card" aria-label="Jobs by state">
        <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(100px, 1fr))' }}>
          {JOB_STATES.map((s) => (
            <Link key={s} to="/jobs" search={{ cluster, queue: name, state: s }} className="stat">
              <span className="value" style={{ color: 'var(--text)' }}>
                {formatCount(queue.counts[s])}
              </span>
              <span className={`state state-${s} label`}>{s}</span>
            </Link>
          ))}
        </div>
        {queue.oldestAvailableAt ? (
          <p className="muted" style={{ marginBottom: 0 }}>
            Oldest waiting job enqueued <RelativeTime iso={queue.oldestAvailableAt} />.
          </p>
        ) : null}
      </section>
      <div className="page-head" style={{ marginBottom: 0 }}>
        <h2 style={{ margin: 0 }}>Activity</h2>
        <span className="spacer" />
        <WindowPicker value={window} onChange={(w) => void navigate({ search: { window: w } })} />
      </div>
      <StatsPanel cluster={cluster} queue={name} window={window} />
      <section className="card" aria-label="Workers">
        <h3>Workers on this queue ({workers.length})</h3>
        {workers.length === 0 ? (
          <p className="banner crit" style={{ marginBottom: 0 }}>
            No worker listens on this queue: its jobs will wait until one starts.
          </p>
        ) : (
          <>
            <WorkerTable workers={workers} limit={20} />
            {workers.length > 20 ? (
              <Link to="/workers" search={{ cluster }}>
                All {workers.length} workers →
              </Link>
            ) : null}
          </>
        )}
      </section>
      <section className="card" aria-label="Recent jobs">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h3>Recent jobs</h3>
          <Link to="/jobs" search={{ cluster, queue: name }}>
            All jobs of {name} →
          </Link>
        </div>
        {jobs.data ? (
          <table className="data">
            <tbody>
              {jobs.data.items.map((j) => (
                <tr key={j.id} data-row tabIndex={0}>
                  <td>
                    <StateBadge state={j.state} />
                  </td>
                  <td>
                    <Link to="/jobs/$cluster/$id" params={{ cluster: j.cluster, id: j.id }} data-row-link>
                      {j.type}
                    </Link>
                  </td>
                  <td className="mono faint ellipsis" style={{ maxWidth: 420 }}>
                    {j.errorSummary ? `${j.errorSummary.code}: ${j.errorSummary.message}` : j.argsPreview}
                  </td>
                  <td>
                    <RelativeTime iso={j.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <QueryStatus isPending={jobs.isPending} error={jobs.error} what="jobs" />
        )}
      </section>
    </div>
  );
}
