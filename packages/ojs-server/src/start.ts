import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { z } from 'zod';
import type { Clock } from './clock';
import { createOjsServer, type OjsServer, type OjsServerExtension } from './createOjsServer';
import { resolveServerOptions, type ServerOptionsInput } from './options';
import { realtimeExtension } from './realtime/realtimeExtension';
import { resolveRealtimeOptions, type RealtimeOptionsInput } from './realtime/realtimeOptions';
import { MemoryStore } from './store/MemoryStore';
import type { OjsStore } from './store/OjsStore';
import { SqliteStore } from './store/SqliteStore';

/** Which store to open when none is passed in. */
export const storeOptionsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('memory') }),
  /** SQLite (WAL) at `path`; its directory is created when missing. `:memory:` for a throw-away database. */
  z.object({ kind: z.literal('sqlite'), path: z.string().min(1) }),
]);
export type StoreOptions = z.infer<typeof storeOptionsSchema>;

const startSchema = z.object({
  /** TCP port; 0 picks a free one (read it from the result). */
  port: z.int().min(0).max(65_535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  storeOptions: storeOptionsSchema.default({ kind: 'memory' }),
  /** How long `close()` waits for in-flight requests before cutting connections. */
  shutdownGraceMs: z.int().min(0).max(600_000).default(10_000),
});

export interface StartOjsServerInput {
  port?: number;
  host?: string;
  /** An open store (the caller keeps ownership until `close()`, which closes it). */
  store?: OjsStore;
  /** Or what store to open (memory by default). */
  storeOptions?: StoreOptions;
  options?: ServerOptionsInput;
  /** SSE settings (heartbeat, buffer size, connection limits). */
  realtime?: RealtimeOptionsInput;
  clock?: Clock;
  /** More server extensions. */
  extensions?: OjsServerExtension[];
  shutdownGraceMs?: number;
}

export interface RunningOjsServer {
  /** `http://host:port` (IPv6 hosts in brackets). */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly server: OjsServer;
  readonly httpServer: Server;
  /**
   * Graceful shutdown: health turns 503, every event stream gets `server.shutdown` and ends, the listener
   * stops accepting, in-flight requests finish (up to `shutdownGraceMs`, then connections are cut), the
   * scheduler stops and the store is flushed and closed. Idempotent.
   */
  close(): Promise<void>;
}

function openStore(options: StoreOptions): OjsStore {
  switch (options.kind) {
    case 'memory':
      return new MemoryStore();
    case 'sqlite':
      if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
      return new SqliteStore({ path: options.path });
  }
}

function urlOf(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** Serve an embedded OJS server on Node (HTTP/1.1, keep-alive) until `close()`. */
export async function startOjsServer(input: StartOjsServerInput = {}): Promise<RunningOjsServer> {
  const parsed = startSchema.safeParse({
    port: input.port,
    host: input.host,
    storeOptions: input.storeOptions,
    shutdownGraceMs: input.shutdownGraceMs,
  });
  if (!parsed.success) {
    throw new TypeError(
      `invalid startOjsServer input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const { port, host, storeOptions, shutdownGraceMs } = parsed.data;
  const serverOptions = resolveServerOptions(input.options);
  const extensions = [...(input.extensions ?? [])];
  if (serverOptions.features.realtime && !extensions.some((e) => e.name === 'realtime')) {
    extensions.unshift(realtimeExtension(resolveRealtimeOptions(input.realtime)));
  }

  const store = input.store ?? openStore(storeOptions);
  let server: OjsServer;
  try {
    server = createOjsServer({
      store,
      ...(input.clock ? { clock: input.clock } : {}),
      ...(input.options ? { options: input.options } : {}),
      extensions,
    });
  } catch (e) {
    if (!input.store) store.close();
    throw e;
  }

  const httpServer = createAdaptorServer({ fetch: server.app.fetch, hostname: host }) as Server;
  // Event streams are long-lived: no inactivity timeout on sockets; requests still have to arrive in time.
  httpServer.timeout = 0;
  httpServer.keepAliveTimeout = 65_000;

  try {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        httpServer.off('listening', onListening);
        reject(err);
      };
      const onListening = (): void => {
        httpServer.off('error', onError);
        resolve();
      };
      httpServer.once('error', onError);
      httpServer.once('listening', onListening);
      httpServer.listen(port, host);
    });
  } catch (e) {
    await server.close();
    throw e;
  }
  httpServer.on('error', (err) => console.error('[ojs-server] http server error:', err));

  // Requests in flight per socket, so shutdown can end every socket the moment it has nothing to finish
  // (including sockets a client opened but never sent a request on, which Node does not count as idle).
  const inFlight = new Map<Socket, number>();
  let draining = false;
  const release = (socket: Socket): void => {
    if (draining && (inFlight.get(socket) ?? 0) === 0) socket.end();
  };
  httpServer.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      if (inFlight.has(socket)) inFlight.set(socket, Math.max(0, (inFlight.get(socket) ?? 1) - 1));
      release(socket);
    });
  });

  const address = httpServer.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Health says 503 and every stream gets `server.shutdown` and ends.
      await server.beginShutdown();
      // Stop accepting; in-flight requests finish, then their sockets are ended; idle sockets end now.
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      draining = true;
      for (const socket of inFlight.keys()) release(socket);
      const cut = setTimeout(() => httpServer.closeAllConnections(), shutdownGraceMs);
      try {
        await stopped;
      } finally {
        clearTimeout(cut);
      }
      await server.close();
    })();
    return closing;
  };

  return {
    url: urlOf(host, address.port),
    port: address.port,
    host,
    server,
    httpServer,
    close,
  };
}
