import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { reportSuccess } from '../../app/notices';
import { useCapability } from '../../app/useCapabilities';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { PermissionButton } from '../../components/PermissionButton';
import type { Worker } from './worker.mapper';
import { workerActions } from './workerActions';

type Action = 'quiet' | 'deregister';

/** Quiet (stop fetching) and deregister a worker, both confirmed. */
export function WorkerActionButtons({ worker }: { worker: Worker }) {
  const queryClient = useQueryClient();
  const capable = useCapability('worker_admin', worker.cluster);
  const [pending, setPending] = useState<Action | undefined>();
  const mutation = useMutation({
    meta: { title: `Could not change worker ${worker.id}` },
    mutationFn: (action: Action) =>
      action === 'quiet'
        ? workerActions.quiet(worker.cluster, worker.id)
        : workerActions.deregister(worker.cluster, worker.id),
    onSuccess: (_d, action) =>
      reportSuccess(action === 'quiet' ? `Worker ${worker.id} quieted` : `Worker ${worker.id} deregistered`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['ojs', worker.cluster, 'workers'] }),
  });
  if (capable === false)
    return (
      <span className="faint" title="This server does not manage workers.">
        n/a
      </span>
    );
  const request: ConfirmRequest | undefined = pending
    ? {
        title: pending === 'quiet' ? `Quiet worker ${worker.id}?` : `Deregister worker ${worker.id}?`,
        destructive: pending === 'deregister',
        confirmLabel: pending === 'quiet' ? 'Quiet worker' : 'Deregister',
        body:
          pending === 'quiet' ? (
            <p>The worker finishes its {worker.activeJobs.length} current jobs and fetches no new ones.</p>
          ) : (
            <p>
              The worker is forgotten by the server. Its {worker.activeJobs.length} active jobs will be
              requeued when their lease expires. Use this for workers that are gone.
            </p>
          ),
      }
    : undefined;
  return (
    <span className="row" style={{ flexWrap: 'nowrap' }}>
      {worker.state !== 'quiet' ? (
        <PermissionButton
          className="small"
          onClick={() => setPending('quiet')}
          disabled={mutation.isPending}
          data-testid="worker-quiet"
        >
          Quiet
        </PermissionButton>
      ) : null}
      <PermissionButton
        className="small danger"
        onClick={() => setPending('deregister')}
        disabled={mutation.isPending}
        data-testid="worker-deregister"
      >
        Deregister
      </PermissionButton>
      <ConfirmDialog
        request={request}
        busy={mutation.isPending}
        onCancel={() => setPending(undefined)}
        onConfirm={() => {
          if (pending) mutation.mutate(pending);
          setPending(undefined);
        }}
      />
    </span>
  );
}
