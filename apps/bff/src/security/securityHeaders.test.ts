import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/bffHarness';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('security headers and limits', () => {
  it('sends a strict CSP and the other security headers on API, SPA and error responses', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lookout-web-'));
    writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app.js"></script>',
    );
    h = await createHarness({ settings: { webDir: dir } });
    for (const url of ['/api/me', '/jobs', '/api/nope', '/metrics']) {
      const res = await h.request(url);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(csp, url).not.toContain('unsafe-eval');
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("base-uri 'none'");
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      expect(res.headers.get('cross-origin-opener-policy'), url).toBe('same-origin');
      expect(res.headers.get('permissions-policy'), url).toContain('camera=()');
      expect(res.headers.get('x-request-id'), url).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('strict-transport-security'), url).toBeNull();
    }
    expect((await h.request('/api/me')).headers.get('cache-control')).toBe('no-store');
    expect((await h.request('/api/nope')).headers.get('cache-control')).toBe('no-store');
  });

  it('adds HSTS behind an https public URL', async () => {
    h = await createHarness({ settings: { publicUrl: 'https://lookout.example.com' } });
    expect((await h.request('/api/me')).headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });

  it('limits query strings and write bodies', async () => {
    h = await createHarness();
    const long = await h.request(`/api/jobs?q=${'x'.repeat(5000)}`);
    expect(long.status).toBe(414);
    expect(await long.json()).toMatchObject({ error: { code: 'query_too_long' } });
    const big = await h.request('/api/bulk/preview', {
      method: 'POST',
      headers: await h.writeHeaders(),
      body: JSON.stringify({
        action: 'retry',
        cluster: 'local',
        job_ids: Array.from({ length: 5000 }, (_, i) => `job-${i}-${'y'.repeat(10)}`),
      }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('never sends the upstream token to the browser', async () => {
    const secret = 'upstream-secret-8c1f';
    h = await createHarness({
      settings: { clusters: [{ id: 'local', name: 'Local', url: 'http://ojs.test', token: secret }] },
    });
    let seen = '';
    for (const url of [
      '/api/clusters',
      '/api/health',
      '/api/me',
      '/api/overview',
      '/api/queues',
      '/metrics',
    ]) {
      const res = await h.request(url);
      seen += JSON.stringify([...res.headers]) + (await res.text());
    }
    expect(seen).not.toContain(secret);
  });
});
