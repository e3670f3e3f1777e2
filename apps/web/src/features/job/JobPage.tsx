import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { isTerminal } from './jobState.model';
import { JsonView } from '../../components/JsonView';
import { Redacted } from '../../components/Redacted';
import { QueryStatus } from '../../components/QueryStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { StateBadge } from '../../components/StateBadge';
import { formatDuration, formatTimestamp } from '../../components/format.model';
import { useFallbackInterval } from '../../live/liveStatus';
import { jobQueries } from '../jobs/jobQueries';
import { AttemptErrors } from './AttemptErrors';
import { JobActionButtons } from './JobActionButtons';
import { JobTimeline } from './JobTimeline';
import { WhyNotRunning } from './WhyNotRunning';
import type { Job } from './jobDetail.mapper';

const route = getRouteApi('/jobs/$cluster/$id');

export function JobPage() {
  const { cluster, id } = route.useParams();
  const refetchInterval = useFallbackInterval();
  const detail = useQuery({ ...jobQueries.detail(cluster, id), refetchInterval });
  if (!detail.data) {
    return (
      <QueryStatus
        isPending={detail.isPending}
        error={detail.error}
        what={`job ${id}`}
        onRetry={() => void detail.refetch()}
      />
    );
  }
  const { job, events, redacted } = detail.data;
  return (
    <div className="stack" data-testid="job-page" data-state={job.state}>
      <div>
        <div className="crumbs">
          <Link to="/jobs" search={{ cluster, queue: job.queue }}>
            Jobs
          </Link>{' '}
          / {job.queue}
        </div>
        <div className="page-head" style={{ marginBottom: 0 }}>
          <h1 className="mono" style={{ fontSize: 17 }}>
            {job.type}
          </h1>
          <StateBadge state={job.state} />
          <span className="faint mono">{job.id}</span>
          <span className="spacer" />
          <JobActionButtons cluster={cluster} job={job} />
        </div>
      </div>
      {redacted ? (
        <p className="banner info redaction-notice" data-testid="redaction-notice">
          <span>
            Some values in this job are hidden for the viewer role and shown as <Redacted />.
          </span>
        </p>
      ) : null}
      {!isTerminal(job.state) && job.state !== 'active' ? <WhyNotRunning cluster={cluster} id={id} /> : null}
      <div className="grid cols-2">
        <JobFacts cluster={cluster} job={job} />
        <section className="card" aria-label="Errors">
          <h3>Errors</h3>
          <AttemptErrors job={job} />
        </section>
      </div>
      <div className="grid cols-2">
        <section className="card" aria-label="Arguments">
          <h3>Args</h3>
          <JsonView value={job.args} label="args" />
        </section>
        <section className="card" aria-label="Meta and result">
          <h3>Meta</h3>
          <JsonView value={job.meta} label="meta" />
          <h3 style={{ marginTop: 12 }}>Result</h3>
          <JsonView value={job.result} label="result" />
        </section>
      </div>
      <section className="card" aria-label="Timeline">
        <h3>Timeline</h3>
        <JobTimeline events={events} />
      </section>
    </div>
  );
}

function JobFacts({ cluster, job }: { cluster: string; job: Job }) {
  const runMs =
    job.startedAt && job.completedAt ? Date.parse(job.completedAt) - Date.parse(job.startedAt) : undefined;
  return (
    <section className="card" aria-label="Facts">
      <h3>Job</h3>
      <dl className="kv">
        <dt>Cluster</dt>
        <dd>{cluster}</dd>
        <dt>Queue</dt>
        <dd>
          <Link to="/queues/$cluster/$name" params={{ cluster, name: job.queue }}>
            {job.queue}
          </Link>
        </dd>
        <dt>Attempts</dt>
        <dd className="num">
          {job.attempt}
          {job.maxAttempts ? ` of ${job.maxAttempts}` : ''}
        </dd>
        <dt>Priority</dt>
        <dd className="num">{job.priority}</dd>
        <dt>Created</dt>
        <dd title={formatTimestamp(job.createdAt)}>
          <RelativeTime iso={job.createdAt} />
        </dd>
        {job.scheduledAt ? (
          <>
            <dt>Scheduled for</dt>
            <dd>
              <RelativeTime iso={job.scheduledAt} />{' '}
              <span className="faint">({formatTimestamp(job.scheduledAt)})</span>
            </dd>
          </>
        ) : null}
        <dt>Started</dt>
        <dd>
          <RelativeTime iso={job.startedAt} />
        </dd>
        <dt>Finished</dt>
        <dd>
          <RelativeTime iso={job.completedAt ?? job.cancelledAt ?? job.discardedAt} />
          {runMs !== undefined ? <span className="faint"> · ran {formatDuration(runMs)}</span> : null}
        </dd>
        {job.progress !== undefined ? (
          <>
            <dt>Progress</dt>
            <dd>
              <div
                className="progress"
                role="progressbar"
                aria-label="Progress"
                aria-valuenow={Math.round(job.progress * 100)}
                aria-valuemin={0}
                aria-valuemax={100}
              >
                <span style={{ width: `${Math.round(job.progress * 100)}%` }} />
              </div>
            </dd>
          </>
        ) : null}
        {job.workerId ? (
          <>
            <dt>Worker</dt>
            <dd>
              <Link to="/workers" search={{ cluster }} className="mono">
                {job.workerId}
              </Link>
            </dd>
          </>
        ) : null}
        {job.workflowId ? (
          <>
            <dt>Workflow</dt>
            <dd>
              <Link to="/workflows/$cluster/$id" params={{ cluster, id: job.workflowId }} className="mono">
                {job.workflowId}
              </Link>
            </dd>
          </>
        ) : null}
        {job.tags.length > 0 ? (
          <>
            <dt>Tags</dt>
            <dd>
              {job.tags.map((t) => (
                <span key={t} className="badge">
                  {t}
                </span>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
