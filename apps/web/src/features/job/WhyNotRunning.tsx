import { useQuery } from '@tanstack/react-query';
import { useFallbackInterval } from '../../live/liveStatus';
import { jobQueries } from '../jobs/jobQueries';

/** "Why is this job not running?" for a waiting job, in plain words. */
export function WhyNotRunning({ cluster, id }: { cluster: string; id: string }) {
  const refetchInterval = useFallbackInterval();
  const { data, error } = useQuery({ ...jobQueries.why(cluster, id), refetchInterval });
  if (error) return <p className="muted">Could not work out why: {error.message}</p>;
  if (!data || !data.waiting) return null;
  return (
    <section className="card" aria-label="Why is this job not running?" data-testid="why">
      <h3>Why is this job not running?</h3>
      {data.reasons.length === 0 ? (
        <p style={{ margin: 0 }}>Nothing holds it back: a worker should pick it up shortly.</p>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {data.reasons.map((r) => (
            <li key={r.code} data-code={r.code}>
              {r.message}
              {r.detail ? <span className="muted"> — {r.detail}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
