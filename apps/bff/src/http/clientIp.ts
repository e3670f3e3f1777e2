import { isIP } from 'node:net';
import type { Context } from 'hono';
import { normalizeIp, type IpMatcher } from '../security/createIpMatcher';

/** The TCP peer address (null when the app is called in-process). */
export function peerAddress(c: Context): string | null {
  const env: unknown = c.env;
  if (env === null || typeof env !== 'object' || !('incoming' in env)) return null;
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming;
  const address = incoming?.socket?.remoteAddress;
  return address ? normalizeIp(address) : null;
}

/**
 * The client's address: the peer, or, when the peer is a trusted proxy, the right-most address in
 * `X-Forwarded-For` that is not itself a trusted proxy (addresses further left are client-supplied).
 */
export function resolveClientAddress(
  peer: string | null,
  forwardedFor: string | undefined,
  trusted: IpMatcher | null,
): string | null {
  if (!trusted || !peer || !trusted.matches(peer) || !forwardedFor) return peer;
  const hops = forwardedFor
    .split(',')
    .map((hop) => normalizeIp(hop.trim()))
    .filter((hop) => isIP(hop) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop !== undefined && !trusted.matches(hop)) return hop;
  }
  return hops[0] ?? peer;
}

/** Resolves the client address of a request (for the audit log and sign-in rate limits). */
export function clientAddressOf(trusted: IpMatcher | null): (c: Context) => string | null {
  return (c) => resolveClientAddress(peerAddress(c), c.req.header('x-forwarded-for'), trusted);
}
