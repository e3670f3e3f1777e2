import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      config: {
        port: 8080,
        host: '127.0.0.1',
        store: 'memory',
        db: './data/ojs.db',
        apiKey: undefined,
        testHooks: false,
      },
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

  it('picks the store: sqlite with --store sqlite or --db', () => {
    const explicit = parseCliArgs(['--store', 'sqlite']);
    expect(explicit).toMatchObject({ kind: 'run', config: { store: 'sqlite', db: './data/ojs.db' } });
    const byDb = parseCliArgs(['--db', '/tmp/x.db']);
    expect(byDb).toMatchObject({ kind: 'run', config: { store: 'sqlite', db: '/tmp/x.db' } });
    if (byDb.kind !== 'run') throw new Error('expected run');
    expect(startInput(byDb.config).storeOptions).toEqual({ kind: 'sqlite', path: '/tmp/x.db' });
    expect(parseCliArgs(['--store', 'memory', '--db', 'x.db'])).toEqual({
      kind: 'error',
      message: '--db needs --store sqlite',
    });
  });

  it('refuses bad flags with a clear message', () => {
    expect(parseCliArgs(['--port', 'abc'])).toEqual({
      kind: 'error',
      message: '--port must be a whole number',
    });
    expect(parseCliArgs(['--port', '70000'])).toEqual({ kind: 'error', message: '--port must be 0-65535' });
    expect(parseCliArgs(['--store', 'redis'])).toEqual({
      kind: 'error',
      message: '--store must be memory or sqlite',
    });
    expect(parseCliArgs(['--db', ''])).toEqual({ kind: 'error', message: '--db must not be empty' });
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

  it('keeps an acknowledged job across SIGKILL with the sqlite store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lookout-cli-'));
    try {
      const db = join(dir, 'nested', 'ojs.db');
      const first = runCli(['--port', '0', '--db', db]);
      const io1 = collect(first);
      await waitFor(() => io1.out().includes('listening on'), 'the URL');
      const url1 = /listening on (http:\/\/\S+)/.exec(io1.out())?.[1] ?? '';
      expect(io1.out()).toContain(`sqlite ${db}`);
      const res = await fetch(`${url1}/ojs/v1/jobs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'durable.job', args: [42] }),
      });
      expect(res.status).toBe(201);
      const { job } = (await res.json()) as { job: { id: string } };
      first.kill('SIGKILL');
      await io1.exit;

      const second = runCli(['--port', '0', '--db', db]);
      const io2 = collect(second);
      await waitFor(() => io2.out().includes('listening on'), 'the URL after restart');
      const url2 = /listening on (http:\/\/\S+)/.exec(io2.out())?.[1] ?? '';
      const again = await fetch(`${url2}/ojs/v1/jobs/${job.id}`);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({
        job: { id: job.id, type: 'durable.job', args: [42], state: 'available' },
      });
      second.kill('SIGTERM');
      expect(await io2.exit).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

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
