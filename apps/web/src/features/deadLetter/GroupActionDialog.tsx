import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { formatCount } from '../../components/format.model';
import { OperationProgress } from '../jobs/OperationProgress';
import type { DeadLetterGroup } from './deadLetter.mapper';
import { deadLetterActions, type GroupAction } from './deadLetterActions';

/** Typed threshold: groups larger than this need the count typed to confirm. */
const TYPED_ABOVE = 100;

/** Retry or delete every job of a failure group: confirm (typed for large groups or deletes), then follow progress. */
export function GroupActionDialog({
  group,
  action,
  onClose,
}: {
  group: DeadLetterGroup;
  action: GroupAction;
  onClose: () => void;
}) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const run = useMutation({
    meta: { title: `Could not ${action} the group` },
    mutationFn: () => deadLetterActions.group(action, group.fingerprint, group.cluster),
  });
  const phrase = action === 'delete' || group.count > TYPED_ABOVE ? String(group.count) : undefined;
  const ok = !phrase || typed.trim() === phrase;
  const verb = action === 'retry' ? 'Retry' : 'Delete';
  return (
    <Dialog open onClose={onClose} labelledBy={id}>
      <div className="dialog-body stack" data-testid="group-dialog">
        <h2 id={id}>
          {verb} {formatCount(group.count)} failed jobs?
        </h2>
        <p style={{ margin: 0 }}>
          Every dead job of <span className="mono">{group.type}</span> that failed with{' '}
          <strong className="mono">{group.code}</strong>: “{group.message}” on {group.cluster}
          {group.queues.length ? ` (queues ${group.queues.join(', ')})` : ''}.{' '}
          {action === 'retry' ? 'They go back to their queues.' : 'They are removed for good.'}
        </p>
        {run.data ? (
          <OperationProgress id={run.data.id} label={`${verb} ${formatCount(group.count)} jobs`} />
        ) : phrase ? (
          <label className="field" htmlFor={`${id}-phrase`}>
            <span>
              Type <code>{phrase}</code> to confirm
            </span>
            <input
              id={`${id}-phrase`}
              autoComplete="off"
              autoFocus
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </label>
        ) : null}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus={!phrase}>
          {run.data ? 'Close' : 'Cancel'}
        </button>
        {run.data ? null : (
          <button
            type="button"
            className={action === 'retry' ? 'primary' : 'danger solid'}
            disabled={!ok || run.isPending}
            onClick={() => run.mutate()}
            data-testid="group-confirm"
          >
            {run.isPending ? 'Starting…' : `${verb} ${formatCount(group.count)} jobs`}
          </button>
        )}
      </div>
    </Dialog>
  );
}
