import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { rssMiB, stopProcess, waitForOutput } from '@lookout/test-kit/processes';

export interface StackOptions {
  repoRoot: string;
  /** The embedded server's store: SQLite (as `npm start`) unless told otherwise. */
  store?: 'sqlite' | 'memory';
  /** A built SPA to serve. */
  webDir?: string;
  log: (line: string) => void;
}

export interface RunningStack {
  /** The BFF (and the SPA when served). */
  url: string;
  /** The embedded OJS server. */
  ojsUrl: string;
  /** The cluster id the BFF gives the embedded server. */
  cluster: string;
  pid: number | undefined;
  rssMiB(): number;
  /** Requests the BFF has made to the OJS server so far. */
  upstreamCalls(): Promise<{ calls: number; byPath: Record<string, number> }>;
  /** Enqueues `count` jobs over `queues` queues in the stack's process; resolves with its own timing. */
  seed(input: { count: number; queues: number; prefix?: string; offset?: number }): Promise<{ ms: number }>;
  stop(): Promise<void>;
}

const upstreamSchema = z.object({ calls: z.number(), by_path: z.record(z.string(), z.number()) });
const seedSchema = z.object({ seeded: z.number(), ms: z.number() });

/** Starts `stackProcess.ts` (embedded OJS server + BFF, optionally serving the SPA) in its own process. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lookout-bench-stack-'));
  const child = spawn(
    process.execPath,
    [
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      join(options.repoRoot, 'bench', 'lib', 'stackProcess.ts'),
    ],
    {
      cwd: options.repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        STACK_STORE: options.store ?? 'sqlite',
        STACK_DATA_DIR: dataDir,
        ...(options.webDir ? { STACK_WEB_DIR: options.webDir } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr.on('data', (d: Buffer) => {
    for (const line of d.toString('utf8').split('\n')) if (line.trim()) options.log(`stack: ${line}`);
  });
  let m: RegExpExecArray;
  try {
    m = await waitForOutput(child, /stack ready (\S+) (\S+) (\S+)/, 60_000);
  } catch (e) {
    await stopProcess(child, 2000);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const url = m[1] as string;
  return {
    url,
    ojsUrl: m[2] as string,
    cluster: m[3] as string,
    pid: child.pid,
    rssMiB: () => rssMiB(child.pid),
    async upstreamCalls() {
      const res = await fetch(`${url}/__bench/upstream`);
      const body = upstreamSchema.parse(await res.json());
      return { calls: body.calls, byPath: body.by_path };
    },
    async seed(input) {
      const res = await fetch(`${url}/__bench/seed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`seed: ${res.status} ${text.slice(0, 500)}`);
      return seedSchema.parse(JSON.parse(text));
    },
    async stop() {
      await stopProcess(child, 20_000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
