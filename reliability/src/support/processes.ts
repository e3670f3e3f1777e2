import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@lookout/test-kit/processes';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx');
/** Entry points of the real programs, found through their packages (no build needed). */
const OJS_CLI = path.join(path.dirname(require.resolve('@lookout/ojs-server')), 'cli.ts');
const BFF_MAIN = path.join(path.dirname(require.resolve('@lookout/bff')), 'main.ts');

/** Every child still running: killed when this process exits, whatever happens to the test. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ServiceProcess {
  /** The URL the program printed once ready. */
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the program wrote so far (stdout and stderr). */
  output(): string;
  /** Sends `signal` and resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnServiceInput {
  name: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** A line announcing readiness; its first group is the URL. */
  ready: RegExp;
  timeoutMs?: number;
}

/** Starts a Node program with tsx and resolves once it prints its ready line. */
export function spawnService(input: SpawnServiceInput): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', tsx, ...input.args], {
    cwd: input.cwd,
    env: { ...process.env, ...input.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void kill();
      reject(new Error(`${input.name} did not start within ${input.timeoutMs ?? 60_000} ms:\n${output}`));
    }, input.timeoutMs ?? 60_000);
    let ready = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready) return;
      const match = input.ready.exec(output);
      if (!match?.[1]) return;
      ready = true;
      clearTimeout(timer);
      const url = match[1];
      resolve({
        url,
        port: Number(new URL(url).port),
        child,
        output: () => output,
        kill,
        async stop(graceMs = 10_000) {
          const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await kill('SIGTERM');
          clearTimeout(force);
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready)
        reject(new Error(`${input.name} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/** The OJS server's own CLI in a child process (SQLite when `db` is given), e.g. to SIGKILL it. */
export function spawnOjsServer(input: { port?: number; db?: string } = {}): Promise<ServiceProcess> {
  return spawnService({
    name: 'OJS server',
    args: [OJS_CLI, '--port', String(input.port ?? 0), ...(input.db ? ['--db', input.db] : [])],
    ready: /OJS server listening on (http:\/\/\S+)/,
  });
}

/**
 * Lookout's BFF (`main.ts`) in a child process, API only: watching `ojsUrl`, or without it with its own
 * embedded OJS server (as `npm start` runs it).
 */
export function spawnBff(input: {
  ojsUrl?: string;
  port: number;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<ServiceProcess> {
  return spawnService({
    name: 'Lookout BFF',
    args: [BFF_MAIN],
    cwd: input.dataDir,
    env: {
      PORT: String(input.port),
      HOST: '127.0.0.1',
      ...(input.ojsUrl === undefined ? { OJS_PORT: '0' } : { OJS_URL: input.ojsUrl }),
      LOOKOUT_DATA_DIR: input.dataDir,
      LOOKOUT_WEB_DIR: 'none',
      ...input.env,
    },
    ready: /Lookout is running at (http:\/\/\S+)/,
  });
}

export { freePort };
