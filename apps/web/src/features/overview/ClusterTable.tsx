import { Link } from '@tanstack/react-router';
import { formatCount, formatPercent, formatRate } from '../../components/format.model';
import type { Overview } from './overview.mapper';

export function ClusterTable({ overview }: { overview: Overview }) {
  return (
    <section className="card" aria-label="Clusters">
      <h3>Per cluster</h3>
      <table className="data">
        <thead>
          <tr>
            <th>Cluster</th>
            <th className="num">Waiting</th>
            <th className="num">Active</th>
            <th className="num">Retryable</th>
            <th className="num">Dead</th>
            <th className="num">Queues</th>
            <th className="num">Workers</th>
            <th className="num">Completed</th>
            <th className="num">Failed</th>
            <th className="num">Failure rate</th>
          </tr>
        </thead>
        <tbody>
          {overview.byCluster.map((c) => (
            <tr key={c.cluster} data-row tabIndex={0}>
              <td>
                <Link to="/" search={{ cluster: c.cluster }} data-row-link>
                  {c.cluster}
                </Link>{' '}
                {c.reachable ? null : <span className="badge crit">unreachable</span>}
              </td>
              <td className="num">
                {formatCount(c.counts.available + c.counts.scheduled + c.counts.pending)}
              </td>
              <td className="num">{formatCount(c.counts.active)}</td>
              <td className="num">{formatCount(c.counts.retryable)}</td>
              <td className="num">{formatCount(c.counts.discarded)}</td>
              <td className="num">{c.queues}</td>
              <td className="num">{c.workers ?? '—'}</td>
              <td className="num">{formatRate(c.throughput.completedPerMin)}</td>
              <td className="num">{formatRate(c.throughput.failedPerMin)}</td>
              <td className="num">{formatPercent(c.failureRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
