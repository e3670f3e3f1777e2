import { type OjsError } from './OjsError';

/**
 * Connection state of a live source (SSE stream or events poller):
 * - `connecting`: first connection attempt in progress;
 * - `open`: connected and receiving ("live");
 * - `reconnecting`: the connection dropped or failed; waiting `delayMs` before attempt `attempt`;
 * - `closed`: finished for good (aborted, ended by the server, or failed with `error`).
 */
export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface StreamStateChange {
  state: StreamState;
  /** Consecutive failed attempts so far (0 while healthy). */
  attempt: number;
  /** For `reconnecting`: how long the client waits before the next attempt. */
  delayMs?: number;
  /** For `reconnecting` and a failed `closed`: what went wrong (absent when the server simply ended). */
  error?: OjsError;
}

export type StreamStateListener = (change: StreamStateChange) => void;
