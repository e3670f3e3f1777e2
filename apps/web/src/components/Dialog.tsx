import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A modal `<dialog>`: the browser traps focus, makes the page inert and closes on Escape.
 * Rendered only while open; focus returns to where it was when it closes.
 */
export function Dialog({
  open,
  onClose,
  labelledBy,
  className,
  restoreFocus = true,
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  className?: string;
  /** Return focus to where it was on close (off when the dialog's action moves to another page). */
  restoreFocus?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  const restoreRef = useRef(restoreFocus);
  // A layout effect, so the closing effect below (a passive one) already sees this render's values.
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
    restoreRef.current = restoreFocus;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const handleClose = () => onCloseRef.current();
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('close', handleClose);
      if (dialog.open) dialog.close();
      if (restoreRef.current) previous?.focus();
      else if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      className={className}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      {children}
    </dialog>
  );
}
