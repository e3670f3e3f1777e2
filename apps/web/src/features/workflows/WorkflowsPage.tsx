import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ClusterSelect } from '../../app/ClusterSelect';
import { useCapability } from '../../app/useCapabilities';
import { ClusterErrorBanner } from '../../components/ClusterErrorBanner';
import { QueryStatus } from '../../components/QueryStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { StateBadge } from '../../components/StateBadge';
import { useFallbackInterval } from '../../live/liveStatus';
import { WorkflowProgress } from './WorkflowProgress';
import { workflowQueries } from './workflowQueries';

const route = getRouteApi('/workflows');
const STATES = ['running', 'completed', 'failed', 'cancelled'];

export function WorkflowsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const refetchInterval = useFallbackInterval();
  const capable = useCapability('workflows', search.cluster);
  const list = useQuery({
    ...workflowQueries.list(search.cluster, search.state),
    refetchInterval,
    enabled: capable !== false,
  });
  return (
    <div>
      <div className="page-head">
        <h1>Workflows</h1>
        <span className="spacer" />
        <label className="field">
          State
          <select
            value={search.state ?? ''}
            onChange={(e) => void navigate({ search: (s) => ({ ...s, state: e.target.value || undefined }) })}
          >
            <option value="">any</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <ClusterSelect
          value={search.cluster}
          onChange={(cluster) => void navigate({ search: (s) => ({ ...s, cluster }) })}
        />
      </div>
      <ClusterErrorBanner errors={list.data?.clusterErrors} />
      {capable === false ? (
        <div className="empty card">This server does not support workflows (chains, groups, batches).</div>
      ) : !list.data ? (
        <QueryStatus
          isPending={list.isPending}
          error={list.error}
          what="workflows"
          onRetry={() => void list.refetch()}
        />
      ) : list.data.items.length === 0 ? (
        <div className="empty card">No workflow yet.</div>
      ) : (
        <div className="card" style={{ padding: 0, overflowX: 'auto' }}>
          <table className="data" data-testid="workflows-table">
            <thead>
              <tr>
                <th>Workflow</th>
                <th>Kind</th>
                <th>State</th>
                <th>Progress</th>
                <th>Started</th>
                <th>Finished</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((w) => (
                <tr key={`${w.cluster}/${w.id}`} data-row tabIndex={0} data-testid="workflow-row">
                  <td>
                    <Link
                      to="/workflows/$cluster/$id"
                      params={{ cluster: w.cluster, id: w.id }}
                      data-row-link
                    >
                      {w.name}
                    </Link>
                    <div className="faint mono">{w.id}</div>
                  </td>
                  <td>{w.kind}</td>
                  <td>
                    <StateBadge state={w.state} />
                  </td>
                  <td>
                    <WorkflowProgress workflow={w} />
                  </td>
                  <td>
                    <RelativeTime iso={w.createdAt} />
                  </td>
                  <td>
                    <RelativeTime iso={w.completedAt} />
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
