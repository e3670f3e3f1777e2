import type { WorkflowSummary } from './workflow.mapper';

export function WorkflowProgress({ workflow }: { workflow: WorkflowSummary }) {
  const done = workflow.completed + workflow.failed;
  const pct = workflow.total > 0 ? Math.round((done / workflow.total) * 100) : 0;
  return (
    <span className="row" style={{ flexWrap: 'nowrap', minWidth: 160 }}>
      <span
        className="progress"
        style={{ width: 100 }}
        role="progressbar"
        aria-label="Workflow progress"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <span
          style={{
            width: `${pct}%`,
            background: workflow.failed > 0 ? 'var(--s-discarded)' : 'var(--s-completed)',
          }}
        />
      </span>
      <span className="num faint">
        {done}/{workflow.total}
        {workflow.failed > 0 ? ` · ${workflow.failed} failed` : ''}
      </span>
    </span>
  );
}
