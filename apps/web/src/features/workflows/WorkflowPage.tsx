import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { QueryStatus } from '../../components/QueryStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { StateBadge } from '../../components/StateBadge';
import { useFallbackInterval } from '../../live/liveStatus';
import { COLLAPSE_THRESHOLD } from './graphCollapse.model';
import { WorkflowProgress } from './WorkflowProgress';
import { workflowQueries } from './workflowQueries';

const WorkflowGraph = lazy(() => import('./WorkflowGraph'));
const route = getRouteApi('/workflows/$cluster/$id');

export function WorkflowPage() {
  const { cluster, id } = route.useParams();
  const refetchInterval = useFallbackInterval();
  const detail = useQuery({ ...workflowQueries.detail(cluster, id), refetchInterval });
  if (!detail.data) {
    return (
      <QueryStatus
        isPending={detail.isPending}
        error={detail.error}
        what={`workflow ${id}`}
        onRetry={() => void detail.refetch()}
      />
    );
  }
  const { workflow, graph } = detail.data;
  return (
    <div className="stack">
      <div>
        <div className="crumbs">
          <Link to="/workflows" search={{ cluster }}>
            Workflows
          </Link>{' '}
          / {workflow.kind}
        </div>
        <div className="page-head" style={{ marginBottom: 0 }}>
          <h1>{workflow.name}</h1>
          <StateBadge state={workflow.state} />
          <span className="badge">{workflow.kind}</span>
          <WorkflowProgress workflow={workflow} />
          <span className="faint">
            started <RelativeTime iso={workflow.createdAt} />
          </span>
          <span className="spacer" />
          <span className="faint">{graph.nodes.length} nodes · click a node to open its job</span>
        </div>
      </div>
      {graph.nodes.length > COLLAPSE_THRESHOLD ? (
        <div className="banner info">
          {graph.nodes.length} nodes: jobs that share the same parents and children are shown as one node with
          counts by state.
        </div>
      ) : null}
      {graph.rebuilt ? (
        <p className="faint">The server keeps no graph; Lookout rebuilt it from the jobs.</p>
      ) : null}
      <Suspense fallback={<div className="graph empty">Loading the graph…</div>}>
        <WorkflowGraph cluster={cluster} detail={detail.data} />
      </Suspense>
    </div>
  );
}
