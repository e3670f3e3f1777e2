import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { JsonView } from '../../components/JsonView';
import { QueryStatus } from '../../components/QueryStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { StateBadge } from '../../components/StateBadge';
import { formatCount } from '../../components/format.model';
import { useFallbackInterval } from '../../live/liveStatus';
import { deadLetterQueries } from './deadLetterQueries';
import type { DeadLetterGroup } from './deadLetter.mapper';
import type { GroupAction } from './deadLetterActions';
import { GroupActionDialog } from './GroupActionDialog';
import { GroupButtons } from './GroupButtons';
import { RedactedText } from '../../components/Redacted';

const route = getRouteApi('/dead-letter/$cluster/$fingerprint');

export function DeadLetterGroupPage() {
  const { cluster, fingerprint } = route.useParams();
  const refetchInterval = useFallbackInterval();
  const [pending, setPending] = useState<{ group: DeadLetterGroup; action: GroupAction } | undefined>();
  const detail = useQuery({ ...deadLetterQueries.group(cluster, fingerprint), refetchInterval });
  const dialog = pending ? (
    <GroupActionDialog group={pending.group} action={pending.action} onClose={() => setPending(undefined)} />
  ) : null;
  if (!detail.data) {
    return (
      <>
        {dialog}
        <QueryStatus
          isPending={detail.isPending}
          error={detail.error}
          what="this failure group"
          onRetry={() => void detail.refetch()}
        />
      </>
    );
  }
  const { group, jobs } = detail.data;
  return (
    <div className="stack">
      <div>
        <div className="crumbs">
          <Link to="/dead-letter" search={{ cluster }}>
            Dead letter
          </Link>{' '}
          / {group.type}
        </div>
        <div className="page-head" style={{ marginBottom: 0 }}>
          <h1 className="mono">{group.code}</h1>
          <span className="badge crit">{formatCount(group.count)} jobs</span>
          <span className="spacer" />
          <GroupButtons group={group} onAction={(group, action) => setPending({ group, action })} />
        </div>
      </div>
      <section className="card">
        <dl className="kv">
          <dt>Message</dt>
          <dd>{group.message}</dd>
          <dt>Type</dt>
          <dd className="mono">{group.type}</dd>
          <dt>Queues</dt>
          <dd>{group.queues.join(', ')}</dd>
          <dt>First seen</dt>
          <dd>
            <RelativeTime iso={group.firstSeen} />
          </dd>
          <dt>Last seen</dt>
          <dd>
            <RelativeTime iso={group.lastSeen} />
          </dd>
        </dl>
        {group.sample ? (
          <>
            <h3 style={{ marginTop: 12 }}>Sample</h3>
            <p className="mono" style={{ margin: '0 0 6px' }}>
              {group.sample.message}
            </p>
            {group.sample.details !== undefined ? (
              <JsonView value={group.sample.details} label="sample details" />
            ) : null}
          </>
        ) : null}
      </section>
      <section className="card" aria-label="Jobs in this group">
        <h3>Jobs ({formatCount(jobs.length)} shown)</h3>
        <table className="data">
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-row tabIndex={0}>
                <td>
                  <StateBadge state={j.state} />
                </td>
                <td>
                  <Link
                    to="/jobs/$cluster/$id"
                    params={{ cluster: j.cluster, id: j.id }}
                    data-row-link
                    className="mono"
                  >
                    {j.id}
                  </Link>
                </td>
                <td>{j.queue}</td>
                <td className="mono muted ellipsis" style={{ maxWidth: 380 }}>
                  <RedactedText text={j.argsPreview} />
                </td>
                <td>
                  <RelativeTime iso={j.completedAt ?? j.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {dialog}
    </div>
  );
}
