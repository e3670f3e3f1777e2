import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs, startInput } from './cli';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function runCli(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, OJS_API_KEY: '' },
  });
  children.push(child);
  return child;
}

function collect(child: ChildProcessWithoutNullStreams): {
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
} {
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { out: () => out, err: () => err, exit };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('parseCliArgs', () => {
  it('applies defaults', () => {
    const parsed = parseCliArgs([]);
    expect(parsed).toEqual({
      kind: 'run',
      config: { port: 8080, host: '127.0.0.1', store: 'memory', apiKey: undefined, testHooks: false },
    });
  });

  it('reads every flag, and the API key from the environment', () => {
    const parsed = parseCliArgs(['--port', '0', '--host', '0.0.0.0', '--api-key', 'k1', '--test-hooks']);
    expect(parsed).toMatchObject({
      kind: 'run',
      config: { port: 0, host: '0.0.0.0', apiKey: 'k1', testHooks: true },
    });
    const fromEnv = parseCliArgs([], { OJS_API_KEY: 'secret' });
    expect(fromEnv).toMatchObject({ kind: 'run', config: { apiKey: 'secret' } });
    if (fromEnv.kind !== 'run') throw new Error('expected run');
    expect(startInput(fromEnv.config)).toMatchObject({ options: { apiKey: 'secret', testHooks: false } });
  });

  it('refuses bad flags with a clear message', () => {
    expect(parseCliArgs(['--port', 'abc'])).toEqual({
      kind: 'error',
      message: '--port must be a whole number',
    });
    expect(parseCliArgs(['--port', '70000'])).toEqual({ kind: 'error', message: '--port must be 0-65535' });
    expect(parseCliArgs(['--store', 'redis'])).toEqual({ kind: 'error', message: '--store must be memory' });
    expect(parseCliArgs(['--nope'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining("'--nope'") as string,
    });
    expect(parseCliArgs(['stray'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('stray') as string,
    });
    expect(parseCliArgs(['--port'])).toMatchObject({ kind: 'error' });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });
});

describe('the CLI process', () => {
  it('prints its URL, serves, and exits 0 on SIGTERM', async () => {
    const child = runCli(['--port', '0', '--api-key', 'k1']);
    const io = collect(child);
    await waitFor(() => /listening on (http:\/\/\S+)/.test(io.out()), 'the URL');
    const url = /listening on (http:\/\/\S+)/.exec(io.out())?.[1] ?? '';
    expect((await fetch(`${url}/ojs/v1/health`)).status).toBe(200);
    expect((await fetch(`${url}/ojs/manifest`)).status).toBe(401);
    const manifest = await fetch(`${url}/ojs/manifest`, { headers: { Authorization: 'Bearer k1' } });
    expect(manifest.status).toBe(200);
    child.kill('SIGTERM');
    expect(await io.exit).toBe(0);
    expect(io.out()).toContain('stopped');
  }, 60_000);

  it('exits 0 on SIGINT', async () => {
    const child = runCli(['--port', '0']);
    const io = collect(child);
    await waitFor(() => io.out().includes('listening on'), 'the URL');
    child.kill('SIGINT');
    expect(await io.exit).toBe(0);
  }, 60_000);

  it('exits 2 on bad flags, 0 on --help', async () => {
    const bad = collect(runCli(['--port', 'x']));
    expect(await bad.exit).toBe(2);
    expect(bad.err()).toContain('--port must be a whole number');
    expect(bad.err()).toContain('Usage:');
    const help = collect(runCli(['--help']));
    expect(await help.exit).toBe(0);
    expect(help.out()).toContain('--api-key');
  }, 60_000);
});
