import { Link } from '@tanstack/react-router';
import { JOB_STATES, type Counts } from '../../api/wireCommon';
import { formatCount } from '../../components/format.model';

/** Jobs by state, each count a link to those jobs, with a proportional bar. */
export function StateCounts({ counts, cluster }: { counts: Counts; cluster: string | undefined }) {
  const total = JOB_STATES.reduce((n, s) => n + counts[s], 0);
  return (
    <section className="card" aria-label="Jobs by state">
      <h3>Jobs by state</h3>
      <div className="statebar" aria-hidden="true" style={{ marginBottom: 10 }}>
        {JOB_STATES.map((s) =>
          counts[s] > 0 ? (
            <span
              key={s}
              className={`state-${s}`}
              style={{ flexGrow: counts[s], background: 'var(--state-color)' }}
            />
          ) : null,
        )}
      </div>
      <div className="grid cols-4" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(110px, 1fr))' }}>
        {JOB_STATES.map((s) => (
          <Link key={s} to="/jobs" search={{ state: s, cluster }} className="stat" data-testid={`count-${s}`}>
            <span className="value" style={{ color: 'var(--text)' }}>
              {formatCount(counts[s])}
            </span>
            <span className={`state state-${s} label`}>{s}</span>
          </Link>
        ))}
      </div>
      <p className="faint" style={{ margin: '8px 0 0' }}>
        {formatCount(total)} jobs known to the server{total > 0 ? '' : ' yet'}.
      </p>
    </section>
  );
}
