import type { Context } from 'hono';
import type { BffEnv } from '../http/BffEnv';

/** True when the caller's payloads are redacted (the viewer role). */
export function redactsFor(c: Context<BffEnv>): boolean {
  return c.get('user')?.role === 'viewer';
}
