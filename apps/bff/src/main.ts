import { serve } from '@hono/node-server';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAuthProvider } from './auth/createAuthProvider';
import { ConfigError, loadConfig } from './config/loadConfig';
import { createBff } from './createBff';
import { startDemoWorkload, startEmbeddedServer, type DemoHandle, type EmbeddedHandle } from './embedded';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (message: string) => console.log(`[lookout] ${message}`);

process.on('unhandledRejection', (reason) =>
  console.error('[lookout] unhandled rejection (ignored):', reason),
);

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ defaultWebDir: path.resolve(here, '../../web/dist') });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[lookout] configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }

  let auth;
  try {
    auth = createAuthProvider(config.auth, { dataDir: config.dataDir, publicUrl: config.publicUrl });
  } catch (error) {
    console.error(
      `[lookout] configuration error: ${config.auth.mode} sign-in: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(2);
  }

  let embedded: EmbeddedHandle | null = null;
  let demo: DemoHandle | null = null;
  if (config.embedded) {
    embedded = await startEmbeddedServer(config.embedded);
    log(
      `embedded OJS server on ${embedded.url} (${embedded.store} store, data dir ${config.embedded.dataDir})`,
    );
    const first = config.clusters[0];
    if (first) first.url = embedded.url;
  }

  const bff = createBff(config, { auth });
  const server = serve({ fetch: bff.app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  await bff.start();
  if (config.embedded?.demo && embedded) {
    demo = await startDemoWorkload(embedded.url, log, {
      rate: config.embedded.demoRate,
      seed: config.embedded.demoSeed,
    });
  }

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  log(`clusters: ${config.clusters.map((c) => `${c.id} (${c.url})`).join(', ')}`);
  if (!config.webDir) log('no SPA build found: serving the API only');
  log(
    `sign-in: ${config.auth.mode}${config.readOnly ? ' (read-only)' : ''}; audit log in ${path.join(config.dataDir, 'audit.db')}`,
  );
  console.log(`\n  Lookout is running at http://${shownHost}:${port}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await demo?.stop().catch(() => undefined);
    await bff.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await embedded?.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('[lookout] failed to start:', error);
  process.exit(1);
});
