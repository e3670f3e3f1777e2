import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rssMiB, run, stopProcess, waitForOutput } from '@lookout/test-kit/processes';

export type StoreKind = 'memory' | 'sqlite';

export interface RunningOjs {
  url: string;
  pid: number | undefined;
  rssMiB(): number;
  stop(): Promise<void>;
}

/** Bundles the server CLI (`packages/ojs-server/dist/cli.js`), as `npm run ojs-server` does. */
export async function buildOjsServer(repoRoot: string): Promise<string> {
  const pkg = join(repoRoot, 'packages', 'ojs-server');
  await run(process.execPath, [join(repoRoot, 'node_modules', 'tsup', 'dist', 'cli-default.js')], {
    cwd: pkg,
  });
  const cli = join(pkg, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`build did not produce ${cli}`);
  return cli;
}

/** Starts a TypeScript HTTP server script (printing `listening on <url>`) in its own process. */
export async function startScript(script: string): Promise<RunningOjs> {
  const child = spawn(process.execPath, ['--import', 'tsx', script]);
  let m: RegExpExecArray;
  try {
    m = await waitForOutput(child, /listening on (http:\/\/\S+)/, 30_000);
  } catch (e) {
    await stopProcess(child, 2000);
    throw e;
  }
  return {
    url: m[1] as string,
    pid: child.pid,
    rssMiB: () => rssMiB(child.pid),
    async stop() {
      await stopProcess(child, 5000);
    },
  };
}

/** Starts the CLI on a free port in its own process (its own event loop and core). */
export async function startOjs(
  cli: string,
  store: StoreKind,
  dbPath: string | undefined,
): Promise<RunningOjs> {
  const args = ['--max-old-space-size=8192', cli, '--port', '0', '--store', store];
  if (store === 'sqlite' && dbPath !== undefined) args.push('--db', dbPath);
  const child = spawn(process.execPath, args, { env: { ...process.env, OJS_API_KEY: '' } });
  child.stderr.on('data', (d: Buffer) => process.stderr.write(`  [ojs-server] ${d.toString('utf8')}`));
  let m: RegExpExecArray;
  try {
    m = await waitForOutput(child, /listening on (http:\/\/\S+)/, 30_000);
  } catch (e) {
    await stopProcess(child, 2000);
    throw e;
  }
  return {
    url: m[1] as string,
    pid: child.pid,
    rssMiB: () => rssMiB(child.pid),
    async stop() {
      await stopProcess(child, 20_000);
    },
  };
}
