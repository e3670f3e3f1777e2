import type { Context } from 'hono';
import { normalizeIp } from '../security/createIpMatcher';

/** The TCP peer address (null when the app is called in-process). */
export function peerAddress(c: Context): string | null {
  const env: unknown = c.env;
  if (env === null || typeof env !== 'object' || !('incoming' in env)) return null;
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming;
  const address = incoming?.socket?.remoteAddress;
  return address ? normalizeIp(address) : null;
}
