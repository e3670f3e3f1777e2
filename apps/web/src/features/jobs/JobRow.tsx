import { memo } from 'react';
import { RelativeTime } from '../../components/RelativeTime';
import { StateBadge } from '../../components/StateBadge';
import type { JobSummary } from './jobSummary.mapper';
import { RedactedText } from '../../components/Redacted';

/** One row of the virtual list; payload text is rendered as text. */
export const JobRow = memo(function JobRow({
  index,
  top,
  job,
  focused,
  selected,
  onToggle,
  onOpen,
  onFocus,
}: {
  index: number;
  top: number;
  job: JobSummary | undefined;
  focused: boolean;
  selected: boolean;
  onToggle: (job: JobSummary) => void;
  onOpen: (job: JobSummary) => void;
  onFocus: () => void;
}) {
  if (!job) {
    return (
      <div
        className="vrow"
        role="row"
        aria-rowindex={index + 2}
        style={{ transform: `translateY(${top}px)` }}
      >
        <span />
        <span className="faint">loading…</span>
      </div>
    );
  }
  return (
    <div
      className="vrow"
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      data-testid="job-row"
      data-job-id={job.id}
      data-state={job.state}
      tabIndex={focused ? 0 : -1}
      style={{ transform: `translateY(${top}px)` }}
      onFocus={onFocus}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('input')) return;
        onOpen(job);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onOpen(job);
        } else if (e.key === 'x' || e.key === ' ') {
          e.preventDefault();
          onToggle(job);
        }
      }}
    >
      <span role="gridcell">
        <input
          type="checkbox"
          checked={selected}
          aria-label={`Select job ${job.id}`}
          onChange={() => onToggle(job)}
          tabIndex={-1}
        />
      </span>
      <span role="gridcell">
        <StateBadge state={job.state} />
      </span>
      <span role="gridcell" title={job.type}>
        {job.type}
        {job.attempt > 1 ? (
          <span className="faint">
            {' '}
            · try {job.attempt}
            {job.maxAttempts ? `/${job.maxAttempts}` : ''}
          </span>
        ) : null}
      </span>
      <span role="gridcell" className="muted" title={`${job.queue} on ${job.cluster}`}>
        {job.queue}
      </span>
      <span role="gridcell" className="num muted">
        {job.priority}
      </span>
      <span role="gridcell">
        <RelativeTime iso={job.scheduledAt && job.state === 'scheduled' ? job.scheduledAt : job.createdAt} />
      </span>
      <span
        role="gridcell"
        className="mono"
        title={job.errorSummary ? job.errorSummary.message : job.argsPreview}
      >
        {job.errorSummary ? (
          <span style={{ color: 'var(--crit)' }}>
            {job.errorSummary.code}: {job.errorSummary.message}
          </span>
        ) : (
          <span className="muted">
            <RedactedText text={job.argsPreview} />
          </span>
        )}
      </span>
    </div>
  );
});
