import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianBinary } from '../lib/debianPackage';
import { freePort, rssMiB, stopProcess, waitForOutput } from '@lookout/test-kit/processes';

/** The `redis-server` binary; installs Debian's package with apt-get when missing (and says so). */
export function ensureRedisServer(log: (line: string) => void): Promise<string> {
  return ensureDebianBinary('redis-server', 'redis-server', 'the BullMQ baseline of the server bench', log);
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
