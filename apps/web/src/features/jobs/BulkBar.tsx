import { useState } from 'react';
import { useCapability } from '../../app/useCapabilities';
import { PermissionButton } from '../../components/PermissionButton';
import { formatCount } from '../../components/format.model';
import { BulkDialog } from './BulkDialog';
import type { BulkTarget, JobAction } from './jobActions';
import { splitSelectionKey, type JobListFilter, type Selection } from './jobFilter.model';

/** Selection summary, "select all N matching", and the bulk actions. */
export function BulkBar({
  selection,
  total,
  filter,
  onSelectAll,
  onClear,
}: {
  selection: Selection;
  total: number | undefined;
  filter: JobListFilter;
  onSelectAll: () => void;
  onClear: () => void;
}) {
  const bulk = useCapability('bulk_actions', filter.cluster);
  const [action, setAction] = useState<JobAction | undefined>();
  const count = selection.kind === 'all' ? (total ?? 0) : selection.ids.size;
  if (count === 0 && selection.kind === 'some') {
    return total ? (
      <div className="row muted" style={{ minHeight: 30 }}>
        <span className="num">{formatCount(total)} matching jobs</span>
        <PermissionButton className="small" onClick={onSelectAll} data-testid="select-all-matching">
          Select all {formatCount(total)} matching
        </PermissionButton>
      </div>
    ) : (
      <div style={{ minHeight: 30 }} />
    );
  }

  let target: BulkTarget | undefined;
  let problem: string | undefined;
  if (selection.kind === 'all') {
    target = { kind: 'filter', filter };
  } else {
    const keys = [...selection.ids].map(splitSelectionKey);
    const clusters = new Set(keys.map((k) => k.cluster));
    const [cluster] = clusters;
    if (clusters.size === 1 && cluster !== undefined)
      target = { kind: 'ids', cluster, ids: keys.map((k) => k.id) };
    else problem = 'Select jobs of one cluster at a time for a bulk action.';
  }
  const description =
    selection.kind === 'all'
      ? `Every job matching the current filters${filter.q ? ` and “${filter.q}”` : ''}${filter.cluster ? ` on ${filter.cluster}` : ' on every cluster'}.`
      : `The ${formatCount(count)} selected jobs.`;

  return (
    <div className="banner info" data-testid="bulk-bar">
      <strong className="num">
        {selection.kind === 'all'
          ? `All ${formatCount(count)} matching jobs selected`
          : `${formatCount(count)} selected`}
      </strong>
      {selection.kind === 'some' && total && total > count ? (
        <button type="button" className="small" onClick={onSelectAll} data-testid="select-all-matching">
          Select all {formatCount(total)} matching
        </button>
      ) : null}
      <button type="button" className="small ghost" onClick={onClear}>
        Clear
      </button>
      <span style={{ flex: 1 }} />
      {problem ? <span className="muted">{problem}</span> : null}
      {bulk === false ? (
        <span className="muted">This server has no bulk actions; Lookout runs them job by job.</span>
      ) : null}
      {(['retry', 'cancel', 'delete'] as const).map((a) => (
        <PermissionButton
          key={a}
          className={a === 'retry' ? 'small primary' : 'small danger'}
          disabled={!target}
          onClick={() => setAction(a)}
          data-testid={`bulk-${a}`}
        >
          {a === 'retry' ? 'Retry…' : a === 'cancel' ? 'Cancel…' : 'Delete…'}
        </PermissionButton>
      ))}
      {action && target ? (
        <BulkDialog
          action={action}
          target={target}
          description={description}
          onClose={() => setAction(undefined)}
        />
      ) : null}
    </div>
  );
}
