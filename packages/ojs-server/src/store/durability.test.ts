import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './SqliteStore';

const dir = mkdtempSync(join(tmpdir(), 'ojs-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const child = fileURLToPath(new URL('../testing/durabilityChild.ts', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

function startChild(dbPath: string): Promise<{ port: number; kill: () => Promise<void> }> {
  const proc = spawn(process.execPath, ['--import', tsx, child, dbPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not start: ${stderr}`)), 30_000);
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          port: Number(m[1]),
          kill: async () => {
            proc.kill('SIGKILL');
            await exited;
          },
        });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited early (${String(code)}): ${stderr}`));
    });
  });
}

describe('SQLite durability', () => {
  it('keeps every job whose enqueue got a 2xx when the process is killed with SIGKILL', async () => {
    const dbPath = join(dir, 'ojs.db');
    const { port, kill } = await startChild(dbPath);
    const base = `http://127.0.0.1:${port}/ojs/v1`;
    const acknowledged: string[] = [];
    const post = async (path: string, body: unknown): Promise<void> => {
      try {
        const res = await fetch(base + path, {
          method: 'POST',
          headers: { 'content-type': 'application/openjobspec+json' },
          body: JSON.stringify(body),
        });
        if (res.status >= 200 && res.status < 300) {
          const json = (await res.json()) as { job?: { id: string }; jobs?: Array<{ id: string }> };
          if (json.job) acknowledged.push(json.job.id);
          for (const j of json.jobs ?? []) acknowledged.push(j.id);
        }
      } catch {
        // requests cut by the kill never got a 2xx: nothing is promised for them
      }
    };
    // concurrent clients keep enqueueing; the process is killed while requests are in flight
    let stop = false;
    const clients = Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; !stop; i++) {
        if (i % 10 === 0) {
          await post('/jobs/batch', {
            jobs: Array.from({ length: 20 }, (_x, k) => ({ type: 'durable.batch', args: [c, i, k] })),
          });
        } else {
          await post('/jobs', { type: 'durable.single', args: [c, i], options: { queue: `q${c}` } });
        }
      }
    });
    while (acknowledged.length < 400) await new Promise((r) => setTimeout(r, 10));
    await kill();
    stop = true;
    await Promise.all(clients);

    const store = new SqliteStore({ path: dbPath });
    try {
      const missing = acknowledged.filter((id) => store.getJob(id) === undefined);
      expect(missing).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(400);
      const total = Object.values(store.totalCounts()).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(acknowledged.length);
      expect(store.getJob(acknowledged[0] as string)?.state).toBe('available');
    } finally {
      store.close();
    }
  }, 60_000);
});
