import { JsonView } from '../../components/JsonView';
import type { Job, JobError } from './jobDetail.mapper';

/** Every attempt's error with its stack and details, the latest first. */
export function AttemptErrors({ job }: { job: Job }) {
  const errors: JobError[] = job.errors.length > 0 ? [...job.errors].reverse() : job.error ? [job.error] : [];
  if (errors.length === 0) return <p className="faint">No errors.</p>;
  return (
    <div className="stack" data-testid="job-errors">
      {errors.map((e, i) => (
        <details key={i} open={i === 0} className="card" style={{ boxShadow: 'none' }}>
          <summary>
            <strong style={{ color: 'var(--crit)' }}>{e.code}</strong>:{' '}
            <span data-testid="job-error-message">{e.message}</span>
            {e.attempt !== undefined ? <span className="faint"> · attempt {e.attempt}</span> : null}
            {e.retryable === false ? <span className="badge">not retryable</span> : null}
          </summary>
          {e.stack ? <pre className="json">{e.stack}</pre> : null}
          {e.details !== undefined ? <JsonView value={e.details} label="error details" /> : null}
        </details>
      ))}
    </div>
  );
}
