import type { OjsServerExtension } from '../createOjsServer';
import { mountRealtime, realtimeExtensions, type RealtimeHandle } from './mountRealtime';
import type { RealtimeOptionsInput } from './realtimeOptions';

export interface RealtimeExtension extends OjsServerExtension {
  /** Set once mounted. */
  readonly handle: RealtimeHandle | undefined;
}

/**
 * The SSE streams as a server extension: mounted with the other routes, announced in the manifest
 * (`realtime`, `events-stream`), and told on shutdown to send `server.shutdown` and close every stream.
 */
export function realtimeExtension(options?: RealtimeOptionsInput): RealtimeExtension {
  let handle: RealtimeHandle | undefined;
  return {
    name: 'realtime',
    manifest: realtimeExtensions(),
    get handle() {
      return handle;
    },
    mount(ctx) {
      handle = mountRealtime(
        ctx.app,
        options === undefined ? { engine: ctx.engine } : { engine: ctx.engine, options },
      );
    },
    onShutdown() {
      handle?.shutdown('shutdown');
    },
    close() {
      handle?.shutdown('shutdown');
    },
  };
}
