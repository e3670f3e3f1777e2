import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSessionSecret } from './sessionSecret';
import { SessionManager } from './SessionManager';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-secret-'));
  dirs.push(dir);
  return dir;
}

describe('session secret and persistence', () => {
  it('uses the configured secret, else creates one (mode 0600) and reuses it', () => {
    const dir = tempDir();
    expect(loadSessionSecret('c'.repeat(32), dir)).toBe('c'.repeat(32));
    expect(() => loadSessionSecret('short', dir)).toThrow(/at least 32/);
    const first = loadSessionSecret(undefined, dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, 'session-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(loadSessionSecret(undefined, dir)).toBe(first);
  });

  it('keeps sessions across a restart with the stored secret', async () => {
    const dir = tempDir();
    const make = () =>
      new SessionManager({
        secret: loadSessionSecret(undefined, dir),
        file: path.join(dir, 'sessions.db'),
        ttlMs: 3_600_000,
        secure: false,
      });
    let sessions = make();
    const app = new Hono();
    app.post('/in', (c) => {
      sessions.create(c, { name: 'ann', role: 'admin' });
      return c.body(null, 204);
    });
    app.get('/who', (c) => c.json(sessions.read(c)?.user ?? null));
    const res = await app.request('/in', { method: 'POST' });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    sessions.close();
    sessions = make();
    expect(await (await app.request('/who', { headers: { Cookie: cookie } })).json()).toEqual({
      name: 'ann',
      role: 'admin',
    });
    sessions.close();
  });
});
