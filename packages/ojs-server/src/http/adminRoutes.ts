import { Hono } from 'hono';
import type { AppEnv, HttpDeps } from './AppEnv';

/** The admin API (admin-api extension); filled in by the admin route modules. */
export function adminRoutes(_deps: HttpDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
