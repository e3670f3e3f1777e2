export type PageId =
  | 'overview'
  | 'queues'
  | 'jobs'
  | 'deadLetter'
  | 'workflows'
  | 'workers'
  | 'crons'
  | 'events'
  | 'settings'
  | 'audit';

export interface PageLink {
  id: PageId;
  label: string;
  path: string;
  /** Second key after `g`. */
  key: string;
  /** Shown in the navigation and the palette only to this role (the page itself explains a refusal). */
  role?: 'admin';
}

export const PAGES: readonly PageLink[] = [
  { id: 'overview', label: 'Overview', path: '/', key: 'o' },
  { id: 'queues', label: 'Queues', path: '/queues', key: 'q' },
  { id: 'jobs', label: 'Jobs', path: '/jobs', key: 'j' },
  { id: 'deadLetter', label: 'Dead letter', path: '/dead-letter', key: 'd' },
  { id: 'workflows', label: 'Workflows', path: '/workflows', key: 'f' },
  { id: 'workers', label: 'Workers', path: '/workers', key: 'w' },
  { id: 'crons', label: 'Crons', path: '/crons', key: 'c' },
  { id: 'events', label: 'Live events', path: '/events', key: 'e' },
  { id: 'settings', label: 'Clusters', path: '/settings', key: 's' },
  { id: 'audit', label: 'Audit log', path: '/audit', key: 'a', role: 'admin' },
];

/** The pages a caller with `role` sees in the navigation and the palette. */
export function visiblePages(role: string | undefined): readonly PageLink[] {
  return PAGES.filter((p) => p.role === undefined || p.role === role);
}

export type KeyAction =
  | { type: 'goto'; path: string }
  | { type: 'search' }
  | { type: 'palette' }
  | { type: 'help' }
  | { type: 'move'; delta: 1 | -1 }
  | { type: 'none' };

export interface KeyState {
  /** `g` was pressed at this time (ms) and waits for its second key. */
  pendingGAt: number | undefined;
}

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Focus is in a text field: only the palette shortcut applies. */
  inTextField: boolean;
  now: number;
}

/** A `g` waits this long for its second key. */
export const SEQUENCE_TIMEOUT_MS = 1500;

/** Maps one key press to an action, given the pending `g` prefix. Pure. */
export function interpretKey(state: KeyState, input: KeyInput): { state: KeyState; action: KeyAction } {
  const none = { state: { pendingGAt: undefined }, action: { type: 'none' } as const };
  if ((input.ctrlKey || input.metaKey) && input.key.toLowerCase() === 'k') {
    return { state: { pendingGAt: undefined }, action: { type: 'palette' } };
  }
  if (input.inTextField || input.ctrlKey || input.metaKey || input.altKey) return none;
  if (state.pendingGAt !== undefined && input.now - state.pendingGAt <= SEQUENCE_TIMEOUT_MS) {
    const page = PAGES.find((p) => p.key === input.key);
    return page ? { state: { pendingGAt: undefined }, action: { type: 'goto', path: page.path } } : none;
  }
  switch (input.key) {
    case 'g':
      return { state: { pendingGAt: input.now }, action: { type: 'none' } };
    case '/':
      return { state: { pendingGAt: undefined }, action: { type: 'search' } };
    case '?':
      return { state: { pendingGAt: undefined }, action: { type: 'help' } };
    case 'j':
      return { state: { pendingGAt: undefined }, action: { type: 'move', delta: 1 } };
    case 'k':
      return { state: { pendingGAt: undefined }, action: { type: 'move', delta: -1 } };
    default:
      return none;
  }
}

export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: '/', what: 'Search jobs' },
  { keys: 'Ctrl K / ⌘ K', what: 'Command palette' },
  ...PAGES.map((p) => ({ keys: `g ${p.key}`, what: `Go to ${p.label}` })),
  { keys: 'j / k', what: 'Next / previous row' },
  { keys: 'Enter', what: 'Open the focused row' },
  { keys: 'x', what: 'Select the focused job (jobs list)' },
  { keys: 'Esc', what: 'Close a dialog' },
  { keys: '?', what: 'This help' },
];
