import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedServer, waitFor, type EmbeddedServer } from './testing/embeddedServer';

let env: EmbeddedServer;
beforeAll(async () => {
  env = await startEmbeddedServer();
});
afterAll(async () => {
  await env.close();
});

it('a worker process receiving SIGTERM under load leaves every job completed or available', async () => {
  const queue = `sigterm-${Date.now().toString(36)}`;
  const jobs = await env.client.enqueueBatch(
    Array.from({ length: 30 }, (_, i) => ({ type: 'test.sig', args: [i], options: { queue } })),
  );
  const fixture = fileURLToPath(new URL('./testing/sigtermWorker.fixture.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, env.url, queue], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      child.on('exit', () => reject(new Error(`worker exited before it was ready: ${stderr}`)));
    });
    // wait until it is busy: some done, some (long ones) active
    await waitFor(
      async () => {
        const states = await Promise.all(jobs.map(async (j) => (await env.client.get(j.id)).state));
        return states.filter((s) => s === 'completed').length >= 4 && states.includes('active')
          ? true
          : undefined;
      },
      { timeoutMs: 20_000, what: 'the worker to be under load' },
    );
    child.kill('SIGTERM');
    const exit = await exited;
    // the worker re-raises the signal once it has shut down gracefully
    expect(exit.signal).toBe('SIGTERM');
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  const states = await Promise.all(jobs.map(async (j) => (await env.client.get(j.id)).state));
  expect(states.filter((s) => s !== 'completed' && s !== 'available')).toEqual([]);
  expect(states).toContain('available');
  expect(states).toContain('completed');
}, 60_000);
