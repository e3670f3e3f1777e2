import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBff, loadConfig, type Bff, type BffConfig } from '@lookout/bff';
import { serveFetchHandler } from '@lookout/test-kit';

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
  let served: Awaited<ReturnType<typeof serveFetchHandler>> | undefined;
  try {
    await bff.start();
    served = await serveFetchHandler(bff.app.fetch);
  } catch (error) {
    await bff.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const http = served;
  return {
    bff,
    config,
    url: http.baseUrl,
    async close() {
      await bff.close();
      await http.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
