import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, rssMiB, run, stopProcess, waitForOutput } from '../lib/processes';

async function which(bin: string): Promise<string | undefined> {
  try {
    return (await run('sh', ['-c', `command -v ${bin}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The `redis-server` binary; installs Debian's package with apt-get when missing. */
export async function ensureRedisServer(log: (line: string) => void): Promise<string> {
  const found = await which('redis-server');
  if (found) return found;
  const apt = await which('apt-get');
  if (!apt)
    throw new Error('redis-server is not installed and apt-get is not available; install Redis and re-run');
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? undefined : await which('sudo');
  if (!asRoot && !sudo)
    throw new Error(
      'redis-server is missing; install it with: apt-get update && apt-get install -y redis-server',
    );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const cmd = (args: string[]): [string, string[]] =>
    asRoot ? [apt, args] : [sudo as string, [apt, ...args]];
  log('redis-server missing: apt-get update');
  await run(...cmd(['update']), { env });
  log('apt-get install -y redis-server');
  await run(...cmd(['install', '-y', '--no-install-recommends', 'redis-server']), { env });
  const installed = await which('redis-server');
  if (!installed) throw new Error('apt-get installed redis-server but it is not on PATH');
  return installed;
}

export interface RunningRedis {
  port: number;
  version: string;
  rssMiB(): number;
  stop(): Promise<void>;
}

/** A throw-away Redis on a free loopback port, without persistence. */
export async function startRedis(bin: string): Promise<RunningRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-redis-'));
  const child = spawn(bin, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--protected-mode',
    'yes',
  ]);
  let ready: RegExpExecArray;
  try {
    ready = await waitForOutput(
      child,
      /version[= ](\d+\.\d+\.\d+)[\s\S]*Ready to accept connections/,
      15_000,
    );
  } catch (e) {
    await stopProcess(child, 2000);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    port,
    version: ready[1] ?? 'unknown',
    rssMiB: () => rssMiB(child.pid),
    async stop() {
      await stopProcess(child, 5000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
