import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** A fetch handler, such as a Hono app's `app.fetch`. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface ServedApp {
  /** e.g. "http://127.0.0.1:40123" */
  baseUrl: string;
  port: number;
  /** Stops accepting connections, drops idle keep-alive connections, and resolves once the server is closed. */
  close(): Promise<void>;
}

/**
 * Serves a fetch handler over real HTTP on an ephemeral port (port 0) with @hono/node-server.
 * Use it in tests as a conformance target factory: `target: async () => serveFetchHandler(createApp().fetch)`.
 */
export function serveFetchHandler(
  handler: FetchHandler,
  options: { hostname?: string } = {},
): Promise<ServedApp> {
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    const server = serve(
      { fetch: (request: Request) => handler(request), port: 0, hostname },
      (info: AddressInfo) => {
        server.off('error', onError);
        resolve({
          baseUrl: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`,
          port: info.port,
          close: () => closeServer(server),
        });
      },
    ) as Server;
    server.once('error', onError);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
    // Connections still mid-request get a short grace period, then are cut.
    const timer = setTimeout(() => server.closeAllConnections(), 1_000);
    timer.unref();
    server.once('close', () => clearTimeout(timer));
  });
}
