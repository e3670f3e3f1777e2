/** Event a list can intercept (preventDefault) to handle j/k itself, e.g. the virtualized jobs list. */
export const MOVE_EVENT = 'lookout:move';

export function dispatchMove(delta: 1 | -1): boolean {
  const event = new CustomEvent<{ delta: 1 | -1 }>(MOVE_EVENT, { detail: { delta }, cancelable: true });
  return window.dispatchEvent(event);
}

/** Default j/k: move focus between `[data-row]` elements of the main area. */
export function moveRowFocus(delta: 1 | -1): void {
  const rows = Array.from(document.querySelectorAll<HTMLElement>('main [data-row]'));
  if (rows.length === 0) return;
  const current = document.activeElement instanceof HTMLElement ? rows.indexOf(document.activeElement) : -1;
  const next =
    current === -1
      ? delta === 1
        ? 0
        : rows.length - 1
      : Math.min(rows.length - 1, Math.max(0, current + delta));
  const row = rows[next];
  row?.focus();
  row?.scrollIntoView({ block: 'nearest' });
}

/** Enter on a focused row follows its main link. */
export function openFocusedRow(): boolean {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !active.hasAttribute('data-row')) return false;
  const link = active.querySelector<HTMLElement>('[data-row-link]');
  if (!link) return false;
  link.click();
  return true;
}
