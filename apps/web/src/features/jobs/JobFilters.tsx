import { useId } from 'react';
import { ClusterSelect } from '../../app/ClusterSelect';
import { JOB_STATES } from '../../api/wireCommon';
import { TIME_RANGES, type JobSearch } from './jobFilter.model';

/** The structured filters next to the search box; each writes to the URL. */
export function JobFilters({
  search,
  queues,
  types,
  onChange,
}: {
  search: JobSearch;
  queues: readonly string[];
  types: readonly string[];
  onChange: (patch: Partial<JobSearch>) => void;
}) {
  const id = useId();
  return (
    <>
      <ClusterSelect value={search.cluster} onChange={(cluster) => onChange({ cluster })} />
      <label className="field" htmlFor={`${id}-state`}>
        State
        <select
          id={`${id}-state`}
          data-testid="filter-state"
          value={search.state ?? ''}
          onChange={(e) => onChange({ state: (e.target.value || undefined) as JobSearch['state'] })}
        >
          <option value="">any</option>
          {JOB_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-queue`}>
        Queue
        <input
          id={`${id}-queue`}
          list={`${id}-queues`}
          data-testid="filter-queue"
          size={12}
          defaultValue={search.queue ?? ''}
          key={`q-${search.queue ?? ''}`}
          onBlur={(e) => onChange({ queue: e.target.value.trim() || undefined })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange({ queue: e.currentTarget.value.trim() || undefined });
          }}
        />
        <datalist id={`${id}-queues`}>
          {queues.map((q) => (
            <option key={q} value={q} />
          ))}
        </datalist>
      </label>
      <label className="field" htmlFor={`${id}-type`}>
        Type
        <input
          id={`${id}-type`}
          list={`${id}-types`}
          size={14}
          defaultValue={search.type ?? ''}
          key={`t-${search.type ?? ''}`}
          onBlur={(e) => onChange({ type: e.target.value.trim() || undefined })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange({ type: e.currentTarget.value.trim() || undefined });
          }}
        />
        <datalist id={`${id}-types`}>
          {types.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </label>
      <label className="field" htmlFor={`${id}-since`}>
        Created
        <select
          id={`${id}-since`}
          value={TIME_RANGES.find((r) => r.id === search.since)?.id ?? (search.since ? 'custom' : '')}
          onChange={(e) => onChange({ since: e.target.value || undefined, until: undefined })}
        >
          <option value="">any time</option>
          {TIME_RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label.toLowerCase()}
            </option>
          ))}
          {search.since && !TIME_RANGES.some((r) => r.id === search.since) ? (
            <option value="custom">since {search.since}</option>
          ) : null}
        </select>
      </label>
    </>
  );
}
