import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { reportSuccess } from '../../app/notices';
import { formatCount } from '../../components/format.model';
import { clusterQueries } from '../clusters/clusterQueries';

/** Follows a bulk operation: a progress bar while it runs, the result (with failures) after. */
export function OperationProgress({ id, label }: { id: string; label: string }) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(clusterQueries.operation(id));
  const finished = data !== undefined && data.state !== 'running';

  useEffect(() => {
    if (!finished || !data) return;
    void queryClient.invalidateQueries({
      queryKey: ['ojs'],
      predicate: (q) => q.queryKey[2] !== 'operations',
    });
    if (data.failed === 0)
      reportSuccess(`${label}: done`, `${formatCount(data.succeeded)} of ${formatCount(data.matched)} jobs.`);
  }, [finished, data, label, queryClient]);

  if (error) return <p className="banner crit">Lost track of the operation: {error.message}</p>;
  if (!data) return <p className="muted">Starting…</p>;
  const fraction = data.matched > 0 ? data.processed / data.matched : 1;
  return (
    <div className="stack" data-testid="operation" data-state={data.state}>
      <div
        className="progress"
        role="progressbar"
        aria-label={`${label} progress`}
        aria-valuemin={0}
        aria-valuemax={data.matched}
        aria-valuenow={data.processed}
      >
        <span style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <p style={{ margin: 0 }}>
        {data.state === 'running' ? 'Working: ' : data.state === 'completed' ? 'Done: ' : 'Stopped: '}
        <strong className="num">{formatCount(data.processed)}</strong> of {formatCount(data.matched)}{' '}
        processed, <span className="num">{formatCount(data.succeeded)}</span> succeeded
        {data.failed > 0 ? (
          <>
            ,{' '}
            <strong className="num" style={{ color: 'var(--crit)' }}>
              {formatCount(data.failed)}
            </strong>{' '}
            failed
          </>
        ) : null}
        .
      </p>
      {data.failures.length > 0 ? (
        <details>
          <summary>Failures ({data.failures.length})</summary>
          <ul className="mono" style={{ maxHeight: 180, overflow: 'auto' }}>
            {data.failures.slice(0, 200).map((f) => (
              <li key={f.jobId}>
                {f.jobId}: {f.code} — {f.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
