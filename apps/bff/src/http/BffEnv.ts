import type { HttpBindings } from '@hono/node-server';
import type { AuthUser } from '../auth/roles';

/** Hono environment of the BFF app. `Bindings` are present when served by @hono/node-server. */
export interface BffEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    user: AuthUser | null;
  };
}
