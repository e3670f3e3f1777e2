import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { reportSuccess } from '../../app/notices';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { PermissionButton } from '../../components/PermissionButton';
import { jobActions, type JobAction } from '../jobs/jobActions';
import { jobKeys } from '../jobs/jobKeys';
import type { Job } from './jobDetail.mapper';
import { allowedJobActions } from './jobActionsAllowed.model';

const COPY: Record<JobAction, { label: string; done: string; destructive: boolean }> = {
  retry: { label: 'Retry', done: 'queued for retry', destructive: false },
  cancel: { label: 'Cancel', done: 'cancelled', destructive: true },
  delete: { label: 'Delete', done: 'deleted', destructive: true },
};

/** Retry / cancel / delete for one job, each confirmed and naming the job. */
export function JobActionButtons({ cluster, job }: { cluster: string; job: Job }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [pending, setPending] = useState<JobAction | undefined>();
  const mutation = useMutation({
    meta: { title: `Action on job ${job.id} failed` },
    mutationFn: (action: JobAction) => jobActions.run(action, cluster, job.id),
    onSuccess: (_d, action) => {
      reportSuccess(`Job ${COPY[action].done}`, `${job.type} ${job.id}`);
      if (action === 'delete') {
        queryClient.removeQueries({ queryKey: jobKeys.detail(cluster, job.id) });
        void navigate({ to: '/jobs', search: { queue: job.queue, cluster } });
      }
    },
    onSettled: (_d, _e, action) => {
      if (action !== 'delete')
        void queryClient.invalidateQueries({ queryKey: jobKeys.detail(cluster, job.id) });
      void queryClient.invalidateQueries({ queryKey: jobKeys.why(cluster, job.id) });
      void queryClient.invalidateQueries({ queryKey: jobKeys.lists(cluster) });
    },
  });
  const allowed = allowedJobActions(job.state);
  const request: ConfirmRequest | undefined = pending
    ? {
        title: `${COPY[pending].label} this job?`,
        destructive: COPY[pending].destructive,
        confirmLabel: `${COPY[pending].label} job`,
        body: (
          <p>
            {pending === 'retry'
              ? 'The job goes back to its queue and runs again.'
              : pending === 'cancel'
                ? 'The job will not run (a running job is asked to stop).'
                : 'The job and its history are removed for good.'}{' '}
            <br />
            <span className="mono">{job.type}</span> · <span className="mono">{job.id}</span> · queue{' '}
            {job.queue} · {job.state}
          </p>
        ),
      }
    : undefined;

  return (
    <div className="row">
      {(Object.keys(COPY) as JobAction[]).map((action) =>
        allowed[action] ? (
          <PermissionButton
            key={action}
            className={action === 'retry' ? 'primary' : 'danger'}
            disabled={mutation.isPending}
            onClick={() => setPending(action)}
            data-testid={`job-${action}`}
          >
            {COPY[action].label}
          </PermissionButton>
        ) : null,
      )}
      <ConfirmDialog
        request={request}
        busy={mutation.isPending}
        onCancel={() => setPending(undefined)}
        onConfirm={() => {
          if (pending) mutation.mutate(pending);
          setPending(undefined);
        }}
      />
    </div>
  );
}
