import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { ClusterSelect } from '../../app/ClusterSelect';
import { shortId } from '../../components/format.model';
import { StateBadge } from '../../components/StateBadge';
import { useLiveStatus } from '../../live/liveStatus';
import type { OjsEvent } from '../../live/ojsEvent.mapper';
import { visibleEvents } from './eventFilter.model';
import { eventKeys } from './eventKeys';

const route = getRouteApi('/events');
const SHOWN = 300;

/** A pausable, filterable tail of every event the live stream delivers. */
export function EventsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const status = useLiveStatus();
  const id = useId();
  const tail = useQuery({
    queryKey: eventKeys.tail(),
    queryFn: () => queryClient.getQueryData<OjsEvent[]>(eventKeys.tail()) ?? [],
    staleTime: Infinity,
    initialData: [],
  });
  // While paused the table shows the tail as it was when paused; the cache keeps filling underneath.
  const [frozen, setFrozen] = useState<OjsEvent[] | undefined>(undefined);
  const paused = search.paused ?? false;
  const source = paused ? (frozen ?? tail.data) : tail.data;
  const filter = { cluster: search.cluster, queue: search.queue, type: search.type };
  const events = visibleEvents(source, filter, SHOWN);
  const waiting = paused ? Math.max(0, tail.data.length - source.length) : 0;

  const setPaused = (next: boolean) => {
    setFrozen(next ? tail.data : undefined);
    void navigate({ search: (s) => ({ ...s, paused: next || undefined }), replace: true });
  };

  return (
    <div>
      <div className="page-head">
        <h1>Live events</h1>
        <span className="faint">{status.stream === 'open' ? 'streaming' : 'stream interrupted'}</span>
        <span className="spacer" />
        <label className="field" htmlFor={`${id}-type`}>
          Type
          <select
            id={`${id}-type`}
            value={search.type ?? ''}
            onChange={(e) => void navigate({ search: (s) => ({ ...s, type: e.target.value || undefined }) })}
          >
            <option value="">all</option>
            <option value="job.">job.*</option>
            <option value="job.failed">job.failed</option>
            <option value="job.completed">job.completed</option>
            <option value="job.discarded">job.discarded</option>
            <option value="workflow.">workflow.*</option>
            <option value="worker.">worker.*</option>
            <option value="queue.">queue.*</option>
            <option value="cron.">cron.*</option>
            <option value="system.">system.*</option>
          </select>
        </label>
        <label className="field" htmlFor={`${id}-queue`}>
          Queue
          <input
            id={`${id}-queue`}
            size={10}
            defaultValue={search.queue ?? ''}
            onKeyDown={(e) => {
              if (e.key === 'Enter')
                void navigate({
                  search: (s) => ({ ...s, queue: e.currentTarget.value.trim() || undefined }),
                });
            }}
          />
        </label>
        <ClusterSelect
          value={search.cluster}
          onChange={(cluster) => void navigate({ search: (s) => ({ ...s, cluster }) })}
        />
        <button
          type="button"
          className={paused ? 'primary' : ''}
          onClick={() => setPaused(!paused)}
          data-testid="events-pause"
        >
          {paused ? `Resume${waiting ? ` (${waiting} new)` : ''}` : 'Pause'}
        </button>
      </div>
      {events.length === 0 ? (
        <div className="empty card">
          {tail.data.length === 0
            ? 'Waiting for events… they appear here as jobs move.'
            : 'No event matches these filters yet.'}
        </div>
      ) : (
        <div className="card" style={{ padding: 0, overflowX: 'auto' }}>
          <table className="data" data-testid="events-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Event</th>
                <th>Cluster</th>
                <th>Queue</th>
                <th>Job</th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={e.seq ?? `${e.time}-${i}`} data-row tabIndex={0}>
                  <td className="num muted">
                    {new Date(e.time).toLocaleTimeString(undefined, { hour12: false })}
                  </td>
                  <td className="mono">{e.type}</td>
                  <td className="muted">{e.cluster}</td>
                  <td>{e.queue ?? ''}</td>
                  <td>
                    {e.jobId ? (
                      <Link
                        to="/jobs/$cluster/$id"
                        params={{ cluster: e.cluster, id: e.jobId }}
                        data-row-link
                        className="mono"
                      >
                        {e.jobType ?? shortId(e.jobId)}
                      </Link>
                    ) : null}
                  </td>
                  <td>
                    {e.from ? <StateBadge state={e.from} /> : null}
                    {e.from && e.to ? ' → ' : null}
                    {e.to ? <StateBadge state={e.to} /> : null}
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
