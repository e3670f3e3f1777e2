import { type AddressInfo } from 'node:net';
import { type Server } from 'node:http';
import { serve } from '@hono/node-server';
import { type Hono } from 'hono';

export interface ServedApp {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a Hono app on an ephemeral port of 127.0.0.1 (test helper). */
export async function serveApp(app: Hono): Promise<ServedApp> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            const http = server as Server;
            http.close(() => done());
            http.closeAllConnections();
          }),
      });
    });
    server.on('error', reject);
  });
}
