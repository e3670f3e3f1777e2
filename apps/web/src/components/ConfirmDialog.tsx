import { useId, useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';

export interface ConfirmRequest {
  title: string;
  /** What will be touched, named. */
  body: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  /** When set, the confirm button stays disabled until this exact phrase is typed. */
  typedPhrase?: string;
}

/** The confirmation every destructive or bulk action goes through. */
export function ConfirmDialog({
  request,
  busy,
  onConfirm,
  onCancel,
}: {
  request: ConfirmRequest | undefined;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const open = request !== undefined;
  const phraseOk = !request?.typedPhrase || typed.trim() === request.typedPhrase;
  const close = () => {
    setTyped('');
    onCancel();
  };
  return (
    <Dialog open={open} onClose={close} labelledBy={`${id}-title`}>
      {request ? (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (!phraseOk || busy) return;
            setTyped('');
            onConfirm();
          }}
        >
          <div className="dialog-body stack">
            <h2 id={`${id}-title`}>{request.title}</h2>
            <div>{request.body}</div>
            {request.typedPhrase ? (
              <label className="field" htmlFor={`${id}-phrase`}>
                <span>
                  Type <code>{request.typedPhrase}</code> to confirm
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
            <button type="button" onClick={close} autoFocus={!request.typedPhrase}>
              Cancel
            </button>
            <button
              type="submit"
              className={request.destructive ? 'danger solid' : 'primary'}
              disabled={!phraseOk || busy}
            >
              {busy ? 'Working…' : request.confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
