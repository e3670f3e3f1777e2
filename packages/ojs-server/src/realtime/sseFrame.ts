/**
 * Server-Sent Events framing (W3C SSE). Every payload here is JSON, which never contains a raw newline,
 * so one `data:` line per event is always enough.
 */

/** `id: <id>\nevent: <type>\ndata: <json>\n\n` */
export function sseEventFrame(id: string, event: string, json: string): string {
  return `id: ${id}\nevent: ${event}\ndata: ${json}\n\n`;
}

/** A frame without an id (keeps the client's Last-Event-ID unchanged). */
export function sseAnonymousFrame(event: string, json: string): string {
  return `event: ${event}\ndata: ${json}\n\n`;
}

/** A comment line (`:heartbeat`), ignored by clients but keeping proxies from closing an idle stream. */
export function sseComment(text: string): string {
  return `:${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** Advises the client's reconnection delay. */
export function sseRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.floor(ms))}\n\n`;
}

export const HEARTBEAT_FRAME = sseComment('heartbeat');

/**
 * Reads a `Last-Event-ID`. Event ids are the server's event sequence numbers (`42`); the `evt_`-prefixed
 * form of the realtime examples (`evt_0042`) is read too. `undefined` when absent or blank,
 * `'invalid'` when present but not an id this server hands out (the caller treats it as a gap).
 */
export function parseLastEventId(value: string | undefined | null): number | 'invalid' | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  const m = /^(?:evt_)?(\d{1,15})$/.exec(text);
  if (!m) return 'invalid';
  return Number(m[1]);
}
