import { Link } from '@tanstack/react-router';
import { RelativeTime } from '../../components/RelativeTime';
import { shortId } from '../../components/format.model';
import type { Worker } from './worker.mapper';
import { WorkerActionButtons } from './WorkerActionButtons';
import { sortWorkers } from './workerOrder.model';

export function WorkerTable({
  workers,
  actions,
  limit,
}: {
  workers: Worker[];
  actions?: boolean;
  limit?: number;
}) {
  const sorted = sortWorkers(workers);
  const shown = limit === undefined ? sorted : sorted.slice(0, limit);
  return (
    <table className="data" data-testid="workers-table">
      <thead>
        <tr>
          <th>Worker</th>
          <th>State</th>
          <th>Queues</th>
          <th className="num">Busy</th>
          <th>Current jobs</th>
          <th>Last heartbeat</th>
          {actions ? (
            <th>
              <span className="sr-only">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {shown.map((w) => (
          <tr key={`${w.cluster}/${w.id}`} data-row tabIndex={0} data-testid="worker-row">
            <td>
              <span className="mono">{w.id}</span>
              {w.hostname ? <div className="faint">{w.hostname}</div> : null}
            </td>
            <td>
              {w.stale ? (
                <span className="badge crit" title="No heartbeat for too long: the worker may be dead.">
                  stale
                </span>
              ) : (
                <span className={`badge ${w.state === 'running' ? 'ok' : 'warn'}`}>{w.state}</span>
              )}
            </td>
            <td>
              {w.queues.map((q) => (
                <Link
                  key={q}
                  to="/queues/$cluster/$name"
                  params={{ cluster: w.cluster, name: q }}
                  style={{ marginRight: 6 }}
                >
                  {q}
                </Link>
              ))}
            </td>
            <td className="num">
              {w.activeJobs.length}
              {w.concurrency !== undefined ? <span className="faint"> / {w.concurrency}</span> : null}
            </td>
            <td>
              {w.activeJobs.slice(0, 3).map((j) => (
                <div key={j.id}>
                  <Link to="/jobs/$cluster/$id" params={{ cluster: w.cluster, id: j.id }} className="mono">
                    {j.type || shortId(j.id)}
                  </Link>
                </div>
              ))}
              {w.activeJobs.length > 3 ? (
                <span className="faint">+{w.activeJobs.length - 3} more</span>
              ) : null}
            </td>
            <td>
              <RelativeTime iso={w.lastHeartbeatAt} />
            </td>
            {actions ? (
              <td>
                <WorkerActionButtons worker={w} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
