import { serve, type ServerType } from '@hono/node-server';
import { createOjsServer, type OjsServer } from '@lookout/ojs-server';
import { mkdirSync } from 'node:fs';
import type { EmbeddedConfig } from './config/loadConfig';

export interface EmbeddedHandle {
  url: string;
  /** Storage actually used (the sqlite store is used when the server package provides it). */
  store: string;
  close(): Promise<void>;
}

/**
 * Starts the embedded OJS server on `config.port`. Uses the server package's own `startOjsServer`
 * (graceful shutdown, sqlite under the data dir) when it offers one, else serves `createOjsServer`
 * with @hono/node-server.
 */
export async function startEmbeddedServer(config: EmbeddedConfig): Promise<EmbeddedHandle> {
  mkdirSync(config.dataDir, { recursive: true });
  const mod = (await import('@lookout/ojs-server')) as Record<string, unknown>;
  const start = mod.startOjsServer;
  if (typeof start === 'function') {
    const running = (await (start as (input: Record<string, unknown>) => Promise<unknown>)({
      port: config.port,
      host: config.host,
      dataDir: config.dataDir,
      storeOptions: { kind: 'sqlite', path: `${config.dataDir}/ojs.db` },
    }).catch(() =>
      (start as (input: Record<string, unknown>) => Promise<unknown>)({
        port: config.port,
        host: config.host,
      }),
    )) as { url: string; close(): Promise<void>; server?: { store?: { constructor?: { name?: string } } } };
    return {
      url: running.url,
      store: running.server?.store?.constructor?.name ?? 'unknown',
      close: () => running.close(),
    };
  }
  const server: OjsServer = createOjsServer({});
  const http: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: server.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  return {
    url: `http://${config.host}:${config.port}`,
    store: 'memory',
    async close() {
      await server.beginShutdown();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await server.close();
    },
  };
}

export interface DemoHandle {
  stop(): Promise<void>;
}

/** Starts the demo workload from the worker package against `url`, when that package provides it. */
export async function startDemoWorkload(
  url: string,
  log: (message: string) => void,
  options: { rate?: number | undefined; seed?: string | undefined } = {},
): Promise<DemoHandle | null> {
  let mod: Record<string, unknown>;
  try {
    mod = await import('@lookout/ojs-worker');
  } catch (error) {
    log(`demo workload unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  const start = mod.startDemo;
  if (typeof start !== 'function') {
    log('demo workload unavailable in this build (no startDemo in @lookout/ojs-worker)');
    return null;
  }
  const seed = options.seed !== undefined && /^\d+$/.test(options.seed) ? Number(options.seed) : options.seed;
  const handle = (await (start as (input: Record<string, unknown>) => Promise<unknown>)({
    url,
    ...(options.rate === undefined ? {} : { rate: options.rate }),
    ...(seed === undefined ? {} : { seed }),
  })) as {
    stop(): Promise<void>;
  };
  return { stop: () => handle.stop() };
}
