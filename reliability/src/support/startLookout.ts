import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBff, loadConfig, type Bff, type BffConfig } from '@lookout/bff';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

export interface RunningLookout {
  bff: Bff;
  config: BffConfig;
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  close(): Promise<void>;
}

/**
 * Lookout's BFF in this process, configured exactly as `main.ts` would be from `env` (production defaults
 * unless overridden), watching `ojsUrl`, served over real HTTP on a free port, with a fresh data dir.
 */
export async function startLookout(
  ojsUrl: string,
  env: Record<string, string> = {},
): Promise<RunningLookout> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lookout-reliability-'));
  const config = loadConfig({
    env: { OJS_URL: ojsUrl, LOOKOUT_DATA_DIR: dataDir, LOOKOUT_WEB_DIR: 'none', ...env },
    cwd: dataDir,
    defaultWebDir: null,
  });
  const bff = createBff(config, { defaultMetrics: false, log: () => undefined });
  let http: ServerType | undefined;
  try {
    await bff.start();
    // Served as `main.ts` serves it: the app gets Node's request and response, so live streams take the
    // same path as in production.
    http = await new Promise<ServerType>((resolve, reject) => {
      const server = serve({ fetch: bff.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
      server.once('error', reject);
    });
  } catch (error) {
    await bff.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const server = http;
  const port = (server.address() as AddressInfo).port;
  return {
    bff,
    config,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await bff.close();
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
