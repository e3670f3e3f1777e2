import { useState } from 'react';
import { useCapability } from '../../app/useCapabilities';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { PermissionButton } from '../../components/PermissionButton';
import { formatCount } from '../../components/format.model';
import type { JobState } from '../../api/wireCommon';
import type { Queue } from './queue.mapper';
import { useQueueAction } from './useQueueActions';

const PURGEABLE: JobState[] = ['available', 'scheduled', 'retryable', 'discarded', 'completed', 'cancelled'];

/** Pause/resume/purge for one queue; every action confirmed, hidden when the server cannot do it. */
export function QueueControls({ queue, compact }: { queue: Queue; compact?: boolean }) {
  const action = useQueueAction(queue.cluster, queue.name);
  const canPause = useCapability('pause_resume', queue.cluster);
  const canPurge = useCapability('purge', queue.cluster);
  const [request, setRequest] = useState<(ConfirmRequest & { run: () => void }) | undefined>();
  const [states, setStates] = useState<JobState[]>(['discarded']);
  const size = compact ? 'small' : '';

  const askPause = () =>
    setRequest({
      title: queue.paused ? `Resume queue ${queue.name}?` : `Pause queue ${queue.name}?`,
      body: queue.paused ? (
        <p>
          Workers will start fetching from <strong>{queue.name}</strong> on {queue.cluster} again.
        </p>
      ) : (
        <p>
          Workers stop fetching from <strong>{queue.name}</strong> on {queue.cluster}.{' '}
          {formatCount(queue.counts.available)} available jobs will wait; active jobs finish.
        </p>
      ),
      confirmLabel: queue.paused ? 'Resume queue' : 'Pause queue',
      run: () => action.mutate({ kind: queue.paused ? 'resume' : 'pause' }),
    });

  const purgeCount = (selected: JobState[]) => selected.reduce((n, s) => n + queue.counts[s], 0);
  const askPurge = () =>
    setRequest({
      title: `Purge jobs from ${queue.name}?`,
      destructive: true,
      typedPhrase: queue.name,
      body: <PurgeStates queue={queue} states={states} onChange={setStates} count={purgeCount} />,
      confirmLabel: 'Purge',
      run: () => action.mutate({ kind: 'purge', states }),
    });

  return (
    <>
      {canPause === false ? (
        <span className="faint" title="This server does not support pausing queues.">
          pause n/a
        </span>
      ) : (
        <PermissionButton
          className={size}
          onClick={askPause}
          disabled={action.isPending}
          data-testid="queue-pause-toggle"
        >
          {queue.paused ? 'Resume' : 'Pause'}
        </PermissionButton>
      )}
      {canPurge ? (
        <PermissionButton
          className={`danger ${size}`}
          onClick={askPurge}
          disabled={action.isPending}
          data-testid="queue-purge"
        >
          Purge…
        </PermissionButton>
      ) : null}
      <ConfirmDialog
        request={request}
        busy={action.isPending}
        onCancel={() => setRequest(undefined)}
        onConfirm={() => {
          request?.run();
          setRequest(undefined);
        }}
      />
    </>
  );
}

function PurgeStates({
  queue,
  states,
  onChange,
  count,
}: {
  queue: Queue;
  states: JobState[];
  onChange: (s: JobState[]) => void;
  count: (s: JobState[]) => number;
}) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>
        Delete these jobs from {queue.name} on {queue.cluster} for good:
      </legend>
      {PURGEABLE.map((s) => (
        <label key={s} className="row" style={{ marginTop: 4 }}>
          <input
            type="checkbox"
            defaultChecked={states.includes(s)}
            onChange={(e) => onChange(e.target.checked ? [...states, s] : states.filter((x) => x !== s))}
          />
          {s} <span className="faint num">({formatCount(queue.counts[s])})</span>
        </label>
      ))}
      <p className="muted">About {formatCount(count(states))} jobs will be deleted.</p>
    </fieldset>
  );
}
