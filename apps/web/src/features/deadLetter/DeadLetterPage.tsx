import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ClusterSelect } from '../../app/ClusterSelect';
import { useCapability } from '../../app/useCapabilities';
import { ClusterErrorBanner } from '../../components/ClusterErrorBanner';
import { QueryStatus } from '../../components/QueryStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { formatCount } from '../../components/format.model';
import { useFallbackInterval } from '../../live/liveStatus';
import { deadLetterQueries } from './deadLetterQueries';
import type { DeadLetterGroup } from './deadLetter.mapper';
import type { GroupAction } from './deadLetterActions';
import { GroupActionDialog } from './GroupActionDialog';
import { GroupButtons } from './GroupButtons';

const route = getRouteApi('/dead-letter');

export function DeadLetterPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const refetchInterval = useFallbackInterval();
  const [pending, setPending] = useState<{ group: DeadLetterGroup; action: GroupAction } | undefined>();
  const capable = useCapability('dead_letter', search.cluster);
  const list = useQuery({ ...deadLetterQueries.list(search.cluster, search.queue), refetchInterval });
  return (
    <div>
      <div className="page-head">
        <h1>Dead letter</h1>
        {list.data ? (
          <span className="faint">
            {formatCount(list.data.total)} dead jobs in {list.data.groups.length} groups
          </span>
        ) : null}
        {search.queue ? (
          <span className="badge">
            queue {search.queue}{' '}
            <button
              type="button"
              className="ghost small"
              aria-label="Clear queue filter"
              onClick={() => void navigate({ search: (s) => ({ ...s, queue: undefined }) })}
            >
              ✕
            </button>
          </span>
        ) : null}
        <span className="spacer" />
        <ClusterSelect
          value={search.cluster}
          onChange={(cluster) => void navigate({ search: (s) => ({ ...s, cluster }) })}
        />
      </div>
      <ClusterErrorBanner errors={list.data?.clusterErrors} />
      {list.data?.truncated ? (
        <div className="banner info">
          Some clusters hold more dead jobs than Lookout scanned; counts cover the newest.
        </div>
      ) : null}
      {capable === false ? (
        <div className="banner info">
          This server keeps no dead-letter list; Lookout shows discarded jobs grouped by error instead.
        </div>
      ) : null}
      {!list.data ? (
        <QueryStatus
          isPending={list.isPending}
          error={list.error}
          what="the dead letter"
          onRetry={() => void list.refetch()}
        />
      ) : list.data.groups.length === 0 ? (
        <div className="empty card">No dead jobs. Nothing to triage.</div>
      ) : (
        <div className="card" style={{ padding: 0, overflowX: 'auto' }}>
          <table className="data" data-testid="dead-letter-table">
            <thead>
              <tr>
                <th className="num">Jobs</th>
                <th>Error</th>
                <th>Type</th>
                <th>Queues</th>
                <th>First seen</th>
                <th>Last seen</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.groups.map((g) => (
                <tr
                  key={`${g.cluster}/${g.fingerprint}`}
                  data-row
                  tabIndex={0}
                  data-testid="dead-letter-group"
                  data-count={g.count}
                >
                  <td className="num">
                    <strong>{formatCount(g.count)}</strong>
                  </td>
                  <td style={{ maxWidth: 460 }}>
                    <Link
                      to="/dead-letter/$cluster/$fingerprint"
                      params={{ cluster: g.cluster, fingerprint: g.fingerprint }}
                      data-row-link
                    >
                      <span className="mono">{g.code}</span>
                    </Link>
                    <div className="ellipsis muted" title={g.message}>
                      {g.message}
                    </div>
                  </td>
                  <td className="mono">{g.type}</td>
                  <td>{g.queues.join(', ')}</td>
                  <td>
                    <RelativeTime iso={g.firstSeen} />
                  </td>
                  <td>
                    <RelativeTime iso={g.lastSeen} />
                  </td>
                  <td>
                    <GroupButtons
                      group={g}
                      small
                      onAction={(group, action) => setPending({ group, action })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pending ? (
        <GroupActionDialog
          group={pending.group}
          action={pending.action}
          onClose={() => setPending(undefined)}
        />
      ) : null}
    </div>
  );
}
