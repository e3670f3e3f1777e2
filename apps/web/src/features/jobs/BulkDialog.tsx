import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { formatCount } from '../../components/format.model';
import { StateBadge } from '../../components/StateBadge';
import { jobActions, type BulkTarget, type JobAction } from './jobActions';
import { OperationProgress } from './OperationProgress';

const VERB: Record<JobAction, string> = { retry: 'Retry', cancel: 'Cancel', delete: 'Delete' };

/**
 * Bulk action in three steps: preview (how many jobs, a sample), confirmation (typed for large or
 * destructive sets), then progress and the result.
 */
export function BulkDialog({
  action,
  target,
  description,
  onClose,
}: {
  action: JobAction;
  target: BulkTarget;
  description: string;
  onClose: () => void;
}) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const preview = useQuery({
    queryKey: ['ojs', 'all', 'bulk-preview', action, target],
    queryFn: () => jobActions.bulkPreview(action, target),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const start = useMutation({
    meta: { title: `${VERB[action]} failed to start` },
    mutationFn: () =>
      jobActions.bulkStart(action, target, preview.data?.confirmationPhrase ?? (typed || undefined)),
  });
  const p = preview.data;
  const phrase = p?.requiresTypedConfirmation ? (p.confirmationPhrase ?? String(p.matched)) : undefined;
  const ready = p !== undefined && p.matched > 0 && (!phrase || typed.trim() === phrase);
  const destructive = action === 'delete' || action === 'cancel';

  return (
    <Dialog open onClose={onClose} labelledBy={id}>
      <div className="dialog-body stack" data-testid="bulk-dialog">
        <h2 id={id}>
          {VERB[action]} {p ? formatCount(p.matched) : '…'} jobs
        </h2>
        <p className="muted" style={{ margin: 0 }}>
          {description}
        </p>
        {start.data ? (
          <OperationProgress
            id={start.data.id}
            label={`${VERB[action]} ${formatCount(start.data.matched)} jobs`}
          />
        ) : preview.isPending ? (
          <p aria-busy="true">Counting matching jobs…</p>
        ) : preview.error ? (
          <p className="banner crit" role="alert">
            {preview.error.message}
          </p>
        ) : p ? (
          <>
            <p style={{ margin: 0 }} data-testid="bulk-count">
              This will {action} <strong className="num">{formatCount(p.matched)}</strong> jobs
              {action === 'delete' ? ' permanently' : ''}.
            </p>
            {p.sample.length > 0 ? (
              <table className="data">
                <caption className="faint" style={{ textAlign: 'left' }}>
                  Sample
                </caption>
                <tbody>
                  {p.sample.slice(0, 5).map((j) => (
                    <tr key={`${j.cluster}:${j.id}`}>
                      <td className="mono">{j.id.slice(0, 13)}…</td>
                      <td>{j.type}</td>
                      <td>{j.queue}</td>
                      <td>
                        <StateBadge state={j.state} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {phrase ? (
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
          </>
        ) : null}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus={!phrase}>
          {start.data ? 'Close' : 'Cancel'}
        </button>
        {start.data ? null : (
          <button
            type="button"
            className={destructive ? 'danger solid' : 'primary'}
            disabled={!ready || start.isPending}
            onClick={() => start.mutate()}
            data-testid="bulk-confirm"
          >
            {start.isPending ? 'Starting…' : `${VERB[action]} ${p ? formatCount(p.matched) : ''} jobs`}
          </button>
        )}
      </div>
    </Dialog>
  );
}
