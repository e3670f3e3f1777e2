import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ClusterSelect } from '../../app/ClusterSelect';
import { useCapability } from '../../app/useCapabilities';
import { ClusterErrorBanner } from '../../components/ClusterErrorBanner';
import { QueryStatus } from '../../components/QueryStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { StateBadge } from '../../components/StateBadge';
import { formatTimestamp } from '../../components/format.model';
import { describeSchedule } from './cronDescription.model';
import { cronQueries } from './cronQueries';

const route = getRouteApi('/crons');

export function CronsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const capable = useCapability('cron', search.cluster);
  const crons = useQuery({ ...cronQueries.list(search.cluster), enabled: capable !== false });
  return (
    <div>
      <div className="page-head">
        <h1>Crons</h1>
        <span className="spacer" />
        <ClusterSelect
          value={search.cluster}
          onChange={(cluster) => void navigate({ search: { cluster } })}
        />
      </div>
      <ClusterErrorBanner errors={crons.data?.clusterErrors} />
      {capable === false ? (
        <div className="empty card">
          This server does not run cron jobs (no cron capability), so there is nothing to show.
        </div>
      ) : !crons.data ? (
        <QueryStatus
          isPending={crons.isPending}
          error={crons.error}
          what="crons"
          onRetry={() => void crons.refetch()}
        />
      ) : crons.data.items.length === 0 ? (
        <div className="empty card">No cron job is registered.</div>
      ) : (
        <div className="card" style={{ padding: 0, overflowX: 'auto' }}>
          <table className="data" data-testid="crons-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Schedule</th>
                <th>Time zone</th>
                <th>Next runs</th>
                <th>Last run</th>
                <th>Overlap</th>
              </tr>
            </thead>
            <tbody>
              {crons.data.items.map((c) => (
                <tr key={`${c.cluster}/${c.name}`} data-row tabIndex={0}>
                  <td>
                    <strong>{c.name}</strong>
                    {!c.enabled ? <span className="badge warn">disabled</span> : null}
                    <div className="faint">{c.cluster}</div>
                  </td>
                  <td>
                    {describeSchedule(c.expression, c.description)}
                    <div>
                      <code>{c.expression}</code>
                    </div>
                  </td>
                  <td>{c.timezone}</td>
                  <td>
                    {c.nextRuns.slice(0, 3).map((t) => (
                      <div key={t} title={formatTimestamp(t)}>
                        <RelativeTime iso={t} />
                      </div>
                    ))}
                  </td>
                  <td>
                    <RelativeTime iso={c.lastRunAt} />
                    {c.lastJob ? (
                      <div>
                        <Link
                          to="/jobs/$cluster/$id"
                          params={{ cluster: c.cluster, id: c.lastJob.id }}
                          data-row-link
                        >
                          <StateBadge state={c.lastJob.state} />
                        </Link>
                      </div>
                    ) : null}
                  </td>
                  <td className="muted">{c.overlapPolicy ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
