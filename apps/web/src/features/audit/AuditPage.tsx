import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ClusterSelect } from '../../app/ClusterSelect';
import { useSession } from '../../app/useSession';
import { QueryStatus } from '../../components/QueryStatus';
import { formatShortTimestamp, formatTimestamp, shortId } from '../../components/format.model';
import { filterText, type AuditEntry } from './audit.mapper';
import {
  AUDIT_RESULTS,
  auditExportHref,
  hasAuditFilter,
  isoToLocalInput,
  localInputToIso,
  rangeEndingAt,
  TIME_RANGES,
  type AuditFilter,
  NO_AUDIT_FILTER,
} from './auditFilter.model';
import { auditQueries } from './auditQueries';

const route = getRouteApi('/audit');

/** Who did what, when, and with what result: every write and sign-in, newest first (admins only). */
export function AuditPage() {
  const { allows, isPending } = useSession();
  if (isPending) return <QueryStatus isPending error={undefined} what="your session" />;
  const verdict = allows('admin', false);
  if (!verdict.allowed) {
    return (
      <div className="stack" data-testid="audit-page">
        <div className="page-head">
          <h1>Audit log</h1>
        </div>
        <div className="empty card" role="alert" data-testid="audit-refused">
          <h2>The audit log {verdict.reason}</h2>
          <p className="muted">Ask a Lookout administrator if you need to see who changed what.</p>
        </div>
      </div>
    );
  }
  return <AuditLog />;
}

function AuditLog() {
  const filter = route.useSearch();
  const list = useInfiniteQuery(auditQueries.list(filter));
  const entries = list.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="stack" data-testid="audit-page">
      <div className="page-head">
        <h1>Audit log</h1>
        <span className="faint">every write and sign-in, newest first</span>
        <span className="spacer" />
        <a className="btn" href={auditExportHref(filter, 'csv')} download data-testid="audit-export-csv">
          Export CSV
        </a>
        <a className="btn" href={auditExportHref(filter, 'json')} download data-testid="audit-export-json">
          Export JSON
        </a>
      </div>
      <AuditFilters filter={filter} />
      {list.data ? (
        entries.length === 0 ? (
          <div className="empty card" data-testid="audit-empty">
            {hasAuditFilter(filter)
              ? 'No audit entry matches these filters.'
              : 'Nothing has been recorded yet.'}
          </div>
        ) : (
          <AuditTable entries={entries} />
        )
      ) : (
        <QueryStatus
          isPending={list.isPending}
          error={list.error}
          what="the audit log"
          onRetry={() => void list.refetch()}
        />
      )}
      {list.hasNextPage ? (
        <div className="row">
          <button
            type="button"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
            data-testid="audit-load-more"
          >
            {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
          <span className="faint num">{entries.length} shown</span>
        </div>
      ) : entries.length > 0 ? (
        <p className="faint num">All {entries.length} matching entries shown.</p>
      ) : null}
    </div>
  );
}

function AuditFilters({ filter }: { filter: AuditFilter }) {
  const id = useId();
  const navigate = route.useNavigate();
  // Text fields apply on Enter / "Apply"; selects and dates apply at once. The URL is the source of truth.
  const [draft, setDraft] = useState({
    actor: filter.actor ?? '',
    action: filter.action ?? '',
    q: filter.q ?? '',
  });
  const [seen, setSeen] = useState(filter);
  if (seen !== filter) {
    setSeen(filter);
    setDraft({ actor: filter.actor ?? '', action: filter.action ?? '', q: filter.q ?? '' });
  }
  const set = (patch: Partial<AuditFilter>) =>
    void navigate({ search: (s) => ({ ...s, ...patch }), replace: true });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    set({
      actor: draft.actor.trim() || undefined,
      action: draft.action.trim() || undefined,
      q: draft.q.trim() || undefined,
    });
  };
  return (
    <form className="audit-filters" onSubmit={apply} aria-label="Audit filters" data-testid="audit-filters">
      <div className="toolbar">
        <label className="field" htmlFor={`${id}-q`}>
          Search
          <input
            id={`${id}-q`}
            type="search"
            size={26}
            placeholder="target, request id, error…"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            data-testid="audit-q"
          />
        </label>
        <label className="field" htmlFor={`${id}-actor`}>
          Actor
          <input
            id={`${id}-actor`}
            size={10}
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            data-testid="audit-actor"
          />
        </label>
        <label className="field" htmlFor={`${id}-action`}>
          Action
          <input
            id={`${id}-action`}
            size={17}
            list={`${id}-actions`}
            placeholder="e.g. queue.pause"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            data-testid="audit-action"
          />
          <datalist id={`${id}-actions`}>
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className="field" htmlFor={`${id}-result`}>
          Result
          <select
            id={`${id}-result`}
            value={filter.result ?? ''}
            onChange={(e) =>
              set({
                result: (AUDIT_RESULTS as readonly string[]).includes(e.target.value)
                  ? (e.target.value as AuditFilter['result'])
                  : undefined,
              })
            }
            data-testid="audit-result"
          >
            <option value="">Any result</option>
            {AUDIT_RESULTS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <ClusterSelect value={filter.cluster} onChange={(cluster) => set({ cluster })} />
        <button type="submit" className="primary">
          Apply
        </button>
        {hasAuditFilter(filter) ? (
          <button
            type="button"
            className="ghost"
            onClick={() =>
              void navigate({
                search: NO_AUDIT_FILTER,
                replace: true,
              })
            }
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <div className="toolbar">
        <label className="field" htmlFor={`${id}-from`}>
          From
          <input
            id={`${id}-from`}
            type="datetime-local"
            value={isoToLocalInput(filter.from)}
            onChange={(e) => set({ from: localInputToIso(e.target.value) })}
          />
        </label>
        <label className="field" htmlFor={`${id}-to`}>
          To
          <input
            id={`${id}-to`}
            type="datetime-local"
            value={isoToLocalInput(filter.to)}
            onChange={(e) => set({ to: localInputToIso(e.target.value) })}
          />
        </label>
        <span className="segmented" role="group" aria-label="Quick time range">
          {TIME_RANGES.map((r) => (
            <button
              key={r.id}
              type="button"
              onClick={() => set(rangeEndingAt(Date.now(), r.ms))}
              title={r.label}
            >
              {r.id}
            </button>
          ))}
        </span>
      </div>
    </form>
  );
}

const KNOWN_ACTIONS = [
  'queue.pause',
  'queue.resume',
  'queue.purge',
  'job.retry',
  'job.cancel',
  'job.delete',
  'bulk.retry',
  'bulk.cancel',
  'bulk.delete',
  'dead_letter.retry',
  'dead_letter.delete',
  'worker.quiet',
  'worker.deregister',
  'maintenance.set',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
];

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="card" style={{ padding: 0, overflowX: 'auto' }}>
      <table className="data audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Actor</th>
            <th>Role</th>
            <th>Action</th>
            <th>Target / filter</th>
            <th className="num">Count</th>
            <th>Result</th>
            <th>Request id</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr
              key={e.id}
              data-row
              tabIndex={0}
              data-testid="audit-row"
              data-action={e.action}
              data-result={e.result}
            >
              <td className="num muted nowrap" title={formatTimestamp(e.time)}>
                {formatShortTimestamp(e.time)}
              </td>
              <td className="nowrap">
                {e.actor}
                {e.ip ? <span className="faint"> · {e.ip}</span> : null}
              </td>
              <td className="muted">{e.role ?? '—'}</td>
              <td className="mono">{e.action}</td>
              <td className="mono ellipsis audit-target">
                <Target entry={e} />
              </td>
              <td className="num">{e.count ?? ''}</td>
              <td>
                <span
                  className={`badge ${e.result === 'ok' ? 'ok' : e.result === 'denied' ? 'warn' : 'crit'}`}
                  title={
                    e.errorCode
                      ? `${e.status ?? ''} ${e.errorCode}`.trim()
                      : e.status
                        ? String(e.status)
                        : undefined
                  }
                >
                  {e.result}
                </span>
                {e.errorCode ? <span className="faint mono"> {e.errorCode}</span> : null}
              </td>
              <td className="mono faint nowrap" title={e.requestId}>
                {e.requestId ? shortId(e.requestId) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  const target = entry.target;
  const filter = filterText(entry.filter);
  const cluster = entry.cluster;
  let node: ReactNode = target ?? '';
  if (target && cluster) {
    const [kind, ...rest] = target.split(':');
    const name = rest.join(':');
    if (kind === 'job' && name)
      node = (
        <Link to="/jobs/$cluster/$id" params={{ cluster, id: name }} data-row-link>
          {target}
        </Link>
      );
    else if (kind === 'queue' && name)
      node = (
        <Link to="/queues/$cluster/$name" params={{ cluster, name }} data-row-link>
          {target}
        </Link>
      );
  }
  return (
    <>
      {cluster ? <span className="faint">{cluster} </span> : null}
      {node}
      {filter ? <span className="muted"> {filter}</span> : null}
    </>
  );
}
