import { startOjsServer } from '@lookout/ojs-server';
import { silentLogger, startDemo, type Logger } from '@lookout/ojs-worker';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EmbeddedConfig } from './config/loadConfig';

export interface EmbeddedHandle {
  url: string;
  /** Storage used by the embedded server. */
  store: 'sqlite';
  close(): Promise<void>;
}

/** Starts the embedded OJS server on `config.port` with the durable SQLite store under the data dir. */
export async function startEmbeddedServer(config: EmbeddedConfig): Promise<EmbeddedHandle> {
  mkdirSync(config.dataDir, { recursive: true });
  const running = await startOjsServer({
    port: config.port,
    host: config.host,
    storeOptions: { kind: 'sqlite', path: path.join(config.dataDir, 'ojs.db') },
  });
  return { url: running.url, store: 'sqlite', close: () => running.close() };
}

export interface DemoHandle {
  stop(): Promise<void>;
}

/**
 * The demo's own log, reduced to what an operator of `npm start` needs: its jobs' successes and planned
 * failures are visible in the console itself, so only the demo's errors reach the BFF's log.
 */
function demoLogger(log: (message: string) => void): Logger {
  return {
    ...silentLogger,
    error: (message, fields) => log(`demo: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
  };
}

/** Starts Lookout's seeded demo workload (producers, workers, cron, workflows) against `url`. */
export async function startDemoWorkload(
  url: string,
  log: (message: string) => void,
  options: { rate?: number | undefined; seed?: string | undefined } = {},
): Promise<DemoHandle> {
  const seed = options.seed !== undefined && /^\d+$/.test(options.seed) ? Number(options.seed) : options.seed;
  const handle = await startDemo({
    url,
    logger: demoLogger(log),
    ...(options.rate === undefined ? {} : { rate: options.rate }),
    ...(seed === undefined ? {} : { seed }),
  });
  log(`demo workload running (seed ${handle.seed})`);
  return { stop: () => handle.stop() };
}
