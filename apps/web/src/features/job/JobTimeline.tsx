import { formatTimestamp } from '../../components/format.model';
import { StateBadge } from '../../components/StateBadge';
import type { TimelineEvent } from './jobDetail.mapper';

function errorText(error: unknown): string | undefined {
  if (!error) return undefined;
  if (typeof error === 'string') return error;
  if (typeof error === 'object') {
    const e = error as Record<string, unknown>;
    const code =
      typeof e['code'] === 'string' ? e['code'] : typeof e['type'] === 'string' ? e['type'] : 'error';
    const message = typeof e['message'] === 'string' ? e['message'] : '';
    return `${code}: ${message}`;
  }
  return typeof error === 'number' || typeof error === 'boolean' ? String(error) : undefined;
}

/** Every event of the job, newest last; updated live as events arrive. */
export function JobTimeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p className="faint">No events recorded for this job.</p>;
  return (
    <ol className="timeline" aria-label="Job events" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} data-type={e.type}>
          <time dateTime={e.time} className="muted num" title={formatTimestamp(e.time)}>
            {new Date(e.time).toLocaleTimeString(undefined, { hour12: false })}
          </time>
          <div>
            <strong>{e.type}</strong>{' '}
            {e.from && e.to && e.from !== e.to ? (
              <span>
                <StateBadge state={e.from} /> → <StateBadge state={e.to} />
              </span>
            ) : e.to ? (
              <StateBadge state={e.to} />
            ) : null}
            {e.attempt !== undefined ? <span className="faint"> · attempt {e.attempt}</span> : null}
            {e.workerId ? <span className="faint"> · {e.workerId}</span> : null}
            {errorText(e.error) ? (
              <div className="mono" style={{ color: 'var(--crit)' }}>
                {errorText(e.error)}
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
