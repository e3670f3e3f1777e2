import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { interpretKey, type KeyState } from './keyboard.model';
import { dispatchMove, moveRowFocus, openFocusedRow } from './rowFocus';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(target.type);
  }
  return false;
}

/** Focuses the jobs search box, going to the jobs page first when needed. */
export function focusSearch(navigate: ReturnType<typeof useNavigate>): void {
  const box = document.querySelector<HTMLInputElement>('[data-search]');
  if (box) {
    box.focus();
    box.select();
    return;
  }
  void navigate({ to: '/jobs' }).then(() => {
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-search]')?.focus());
  });
}

/** Global keys: `/`, `g x`, `j`/`k`, Enter, Ctrl/⌘K, `?`. Ignored while a modal dialog is open. */
export function useKeyboardShortcuts(handlers: { openPalette: () => void; openHelp: () => void }): void {
  const navigate = useNavigate();
  const state = useRef<KeyState>({ pendingGAt: undefined });
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const modalOpen = document.querySelector('dialog[open]') !== null;
      const inTextField = isTextField(e.target);
      if (e.key === 'Enter' && !inTextField && !modalOpen) {
        if (openFocusedRow()) e.preventDefault();
        return;
      }
      const result = interpretKey(state.current, {
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        inTextField,
        now: Date.now(),
      });
      state.current = result.state;
      const action = result.action;
      if (action.type === 'none') return;
      if (modalOpen && action.type !== 'palette') return;
      e.preventDefault();
      switch (action.type) {
        case 'palette':
          handlersRef.current.openPalette();
          break;
        case 'help':
          handlersRef.current.openHelp();
          break;
        case 'search':
          focusSearch(navigate);
          break;
        case 'goto':
          void navigate({ to: action.path });
          break;
        case 'move':
          if (dispatchMove(action.delta)) moveRowFocus(action.delta);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
}
