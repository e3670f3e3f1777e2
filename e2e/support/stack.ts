import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stopProcess, waitForOutput } from '@lookout/test-kit/processes';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Stack {
  /** Lookout (BFF serving the SPA). */
  url: string;
  /** The embedded OJS server the BFF watches. */
  ojsUrl: string;
  /** The stack's data directory (audit log, session secret). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Extra environment for the BFF (e.g. `LOOKOUT_AUTH: 'basic'`); overrides the defaults. */
  env?: Record<string, string>;
  /** Lookout's port (0 = any free port; fixed when the public URL must be known before start-up). */
  port?: number;
  /** Start the seeded demo workload beside the stack (default true). */
  demo?: boolean;
  /** Use this data directory instead of a fresh one (it is not removed on stop). */
  dataDir?: string;
}

export { freePort };

/** SIGTERM (SIGKILL after 10 s) to a child that may not have started. */
async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (child) await stopProcess(child);
}

/** Builds the SPA when there is no build yet (the BFF serves it). */
function ensureWebBuild(): string {
  const dist = path.join(repo, 'apps/web/dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    const result = spawnSync('npx', ['vite', 'build'], {
      cwd: path.join(repo, 'apps/web'),
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('building the SPA failed');
  }
  return dist;
}

/**
 * Starts the real stack: the BFF with its embedded OJS server (random ports, a fresh data dir), serving the
 * built SPA, plus the seeded demo workload (seed 42) for background traffic. `LOOKOUT_E2E_URL` and
 * `LOOKOUT_E2E_OJS_URL` reuse a stack that is already running instead (default options only).
 * `options` start a differently configured stack (sign-in modes, read-only, ...).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const custom = options.env !== undefined || options.port !== undefined || options.dataDir !== undefined;
  if (!custom && process.env.LOOKOUT_E2E_URL && process.env.LOOKOUT_E2E_OJS_URL) {
    return {
      url: process.env.LOOKOUT_E2E_URL,
      ojsUrl: process.env.LOOKOUT_E2E_OJS_URL,
      dataDir: '',
      stop: async () => {},
    };
  }
  const webDir = ensureWebBuild();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'lookout-e2e-'));
  const removeDataDir = () => {
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  // The working directories hold no config file; `tsx` resolves from them.
  const bff = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'apps/bff/src/main.ts')], {
    cwd: path.join(repo, 'apps/bff'),
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      OJS_PORT: '0',
      HOST: '127.0.0.1',
      LOOKOUT_DATA_DIR: dataDir,
      LOOKOUT_WEB_DIR: webDir,
      LOOKOUT_DEMO: 'false',
      LOOKOUT_HEALTH_INTERVAL_MS: '2000',
      LOOKOUT_SAMPLE_INTERVAL_MS: '1000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let demo: ChildProcess | undefined;
  try {
    const embedded = waitForOutput(bff, /embedded OJS server on (http:\/\/[^\s]+)/, 60_000);
    const running = waitForOutput(bff, /Lookout is running at (http:\/\/[^\s]+)/, 60_000);
    const [ojsMatch, bffMatch] = await Promise.all([embedded, running]);
    const ojsUrl = ojsMatch[1] ?? '';
    const url = bffMatch[1] ?? '';
    if (options.demo !== false)
      demo = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(repo, 'packages/ojs-worker/src/demo/cli.ts'),
          '--url',
          ojsUrl,
          '--seed',
          '42',
          '--rate',
          '3',
          '--time-scale',
          '0.2',
          '--log-level',
          'error',
          '--no-churn',
        ],
        { cwd: path.join(repo, 'packages/ojs-worker'), stdio: ['ignore', 'ignore', 'inherit'] },
      );
    return {
      url,
      ojsUrl,
      dataDir,
      async stop() {
        await stopChild(demo);
        await stopChild(bff);
        removeDataDir();
      },
    };
  } catch (error) {
    await stopChild(demo);
    await stopChild(bff);
    removeDataDir();
    throw error;
  }
}
