import { Link } from '@tanstack/react-router';
import { RelativeTime } from '../../components/RelativeTime';
import type { Signal } from './overview.mapper';
import { capSignals, signalTarget } from './signalLink.model';

const ACTION: Record<string, string> = {
  queue_no_workers: 'Open queue',
  oldest_waiting: 'Open queue',
  stale_worker: 'See workers',
  failure_spike: 'See failing jobs',
  queue_paused: 'Open queue',
  cluster_unreachable: 'Check cluster',
};

/** Health signals that need no reading, each a link to where to act. */
export function SignalList({ signals }: { signals: Signal[] }) {
  const capped = capSignals(signals);
  if (signals.length === 0) {
    return (
      <div className="signal info" data-testid="signals-clear">
        <span className="badge ok">All clear</span>
        <span className="muted">No queue without workers, no stale worker, no failure spike.</span>
      </div>
    );
  }
  return (
    <ul
      className="signals"
      aria-label="Health signals"
      style={{ listStyle: 'none', padding: 0, margin: '0 0 14px' }}
    >
      {capped.shown.map((s) => (
        <li key={s.id} className={`signal ${s.severity}`} data-testid="signal" data-kind={s.kind}>
          <span
            className={`badge ${s.severity === 'critical' ? 'crit' : s.severity === 'warning' ? 'warn' : ''}`}
          >
            {s.severity}
          </span>
          <span style={{ flex: 1 }}>
            {s.message}
            {s.since ? (
              <span className="faint">
                {' '}
                · since <RelativeTime iso={s.since} />
              </span>
            ) : null}
            <span className="faint"> · {s.cluster}</span>
          </span>
          <SignalLink signal={s} />
        </li>
      ))}
      {capped.hidden.map((h) => (
        <li key={h.kind} className={`signal ${h.first.severity}`} data-testid="signal-more">
          <span className="badge">+{h.count}</span>
          <span style={{ flex: 1 }} className="muted">
            {h.count} more like “{h.first.message}”
          </span>
          <SignalLink signal={h.first} />
        </li>
      ))}
    </ul>
  );
}

function SignalLink({ signal }: { signal: Signal }) {
  const target = signalTarget(signal);
  const label = ACTION[signal.kind] ?? 'Open';
  switch (target.to) {
    case '/queues/$cluster/$name':
      return (
        <Link to={target.to} params={target.params}>
          {label} →
        </Link>
      );
    case '/workers':
      return (
        <Link to={target.to} search={target.search}>
          {label} →
        </Link>
      );
    case '/jobs':
      return (
        <Link to={target.to} search={target.search}>
          {label} →
        </Link>
      );
    case '/queues':
      return (
        <Link to={target.to} search={target.search}>
          {label} →
        </Link>
      );
    case '/jobs/$cluster/$id':
    case '/workflows/$cluster/$id':
      return (
        <Link to={target.to} params={target.params}>
          {label} →
        </Link>
      );
    case '/settings':
      return <Link to={target.to}>{label} →</Link>;
  }
}
