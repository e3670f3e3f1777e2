import { noticeStore, useNotices } from './notices';

/** The one place errors and outcomes appear. Polite region; errors are alerts. Capped, merged, dismissable. */
export function NoticeRegion() {
  const notices = useNotices();
  return (
    <div className="notices" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <div style={{ flex: 1 }}>
            <strong>{n.title}</strong>
            {n.count > 1 ? <span className="faint"> ×{n.count}</span> : null}
            {n.message ? <p>{n.message}</p> : null}
            {n.code ? <p className="mono faint">{n.code}</p> : null}
          </div>
          <button
            type="button"
            className="ghost small"
            aria-label="Dismiss"
            onClick={() => noticeStore.dismiss(n.id)}
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
