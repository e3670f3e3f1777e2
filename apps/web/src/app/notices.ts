import { useSyncExternalStore } from 'react';
import { ApiError, errorMessage } from '../api/ApiError';

export type NoticeKind = 'error' | 'success' | 'info';

export interface Notice {
  id: number;
  kind: NoticeKind;
  title: string;
  message: string;
  code: string | undefined;
  count: number;
}

const MAX_NOTICES = 4;
let notices: readonly Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function emit() {
  for (const l of listeners) l();
}

/** The one place that shows errors and outcomes. Identical notices are merged (with a count), not stacked. */
export const noticeStore = {
  get: () => notices,
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  push: (kind: NoticeKind, title: string, message: string, code?: string): void => {
    const same = notices.find((n) => n.kind === kind && n.title === title && n.message === message);
    if (same) {
      notices = notices.map((n) => (n === same ? { ...n, count: n.count + 1 } : n));
      schedule(same.id, kind);
      emit();
      return;
    }
    const notice: Notice = { id: nextId++, kind, title, message, code, count: 1 };
    notices = [...notices, notice].slice(-MAX_NOTICES);
    schedule(notice.id, kind);
    emit();
  },
  dismiss: (id: number): void => {
    const t = timers.get(id);
    if (t) clearTimeout(t);
    timers.delete(id);
    notices = notices.filter((n) => n.id !== id);
    emit();
  },
};

function schedule(id: number, kind: NoticeKind) {
  const old = timers.get(id);
  if (old) clearTimeout(old);
  // Errors stay until dismissed; outcomes fade.
  if (kind !== 'error')
    timers.set(
      id,
      setTimeout(() => noticeStore.dismiss(id), 6000),
    );
}

export function reportError(title: string, error: unknown): void {
  noticeStore.push('error', title, errorMessage(error), error instanceof ApiError ? error.code : undefined);
}

export function reportSuccess(title: string, message = ''): void {
  noticeStore.push('success', title, message);
}

export function useNotices(): readonly Notice[] {
  return useSyncExternalStore(noticeStore.subscribe, noticeStore.get, noticeStore.get);
}
