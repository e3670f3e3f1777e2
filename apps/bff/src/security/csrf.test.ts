import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/bffHarness';
import { ojsDriver } from '../testing/ojsDriver';

let h: Harness;
let token: string;
const PAUSE = '/api/clusters/local/queues/emails/pause';

beforeAll(async () => {
  h = await createHarness();
  await ojsDriver(h.server).jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
  token = (await h.json<{ csrf_token: string }>('/api/me')).csrf_token;
});
afterAll(() => h.close());

async function post(headers: Record<string, string>, body?: string) {
  const res = await h.request(PAUSE, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
  const json = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: json.error?.code };
}

describe('CSRF protection', () => {
  it('lets a same-origin write with the token through (Origin or Sec-Fetch-Site)', async () => {
    expect(await post({ Origin: 'http://localhost', 'X-CSRF-Token': token })).toEqual({
      status: 200,
      code: undefined,
    });
    expect(await post({ 'Sec-Fetch-Site': 'same-origin', 'X-CSRF-Token': token })).toEqual({
      status: 200,
      code: undefined,
    });
    expect(
      await post(
        { Origin: 'http://localhost', 'X-CSRF-Token': token, 'Content-Type': 'application/json' },
        '{}',
      ),
    ).toEqual({ status: 200, code: undefined });
  });

  it('refuses a missing or wrong token', async () => {
    expect(await post({ Origin: 'http://localhost' })).toEqual({ status: 403, code: 'csrf_failed' });
    expect(await post({ Origin: 'http://localhost', 'X-CSRF-Token': '' })).toEqual({
      status: 403,
      code: 'csrf_failed',
    });
    expect(await post({ Origin: 'http://localhost', 'X-CSRF-Token': `${token}x` })).toEqual({
      status: 403,
      code: 'csrf_failed',
    });
  });

  it('refuses cross-site requests even with the right token', async () => {
    for (const site of ['cross-site', 'same-site', 'none']) {
      expect(await post({ 'Sec-Fetch-Site': site, 'X-CSRF-Token': token })).toEqual({
        status: 403,
        code: 'csrf_failed',
      });
    }
    expect(await post({ Origin: 'https://evil.example', 'X-CSRF-Token': token })).toEqual({
      status: 403,
      code: 'csrf_failed',
    });
    expect(await post({ Origin: 'http://localhost:8080', 'X-CSRF-Token': token })).toEqual({
      status: 403,
      code: 'csrf_failed',
    });
    expect(await post({ Origin: 'null', 'X-CSRF-Token': token })).toEqual({
      status: 403,
      code: 'csrf_failed',
    });
    expect(await post({ Origin: 'not a url', 'X-CSRF-Token': token })).toEqual({
      status: 403,
      code: 'csrf_failed',
    });
  });

  it('refuses writes without Origin or Sec-Fetch-Site (no Content-Type either)', async () => {
    expect(await post({ 'X-CSRF-Token': token })).toEqual({ status: 403, code: 'csrf_failed' });
    expect(await post({})).toEqual({ status: 403, code: 'csrf_failed' });
  });

  it('refuses form and text bodies, which a cross-site form can send', async () => {
    // What Hono's csrf() helper lets through: a cross-site text/plain post, a form without Origin.
    expect(await post({ 'Content-Type': 'text/plain' }, '{"x":1}')).toEqual({
      status: 403,
      code: 'csrf_failed',
    });
    expect(
      await post({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null' }, 'a=1'),
    ).toEqual({ status: 403, code: 'csrf_failed' });
    // Even same-origin with a valid token, those body types are not accepted.
    for (const type of [
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      expect(
        await post({ 'Content-Type': type, Origin: 'http://localhost', 'X-CSRF-Token': token }, 'a=1'),
      ).toEqual({
        status: 415,
        code: 'unsupported_media_type',
      });
    }
  });

  it('audits a refused write as denied', async () => {
    await post({ Origin: 'https://evil.example', 'X-CSRF-Token': token });
    expect(h.bff.deps.audit.query({ limit: 1 }).entries[0]).toMatchObject({
      action: 'queue.pause',
      target: 'queue:emails',
      result: 'denied',
      status: 403,
      error_code: 'csrf_failed',
    });
  });

  it('never changes state on GET', async () => {
    const res = await h.request(PAUSE, { headers: { 'X-CSRF-Token': token } });
    expect(res.status).toBe(404);
    const queues = await h.json<{ queues: { name: string; paused: boolean }[] }>('/api/queues');
    expect(queues.queues.find((q) => q.name === 'emails')?.paused).toBe(true);
  });

  it('checks the Origin against the public URL when one is configured', async () => {
    const behindProxy = await createHarness({ settings: { publicUrl: 'https://lookout.example.com' } });
    try {
      const me = await behindProxy.json<{ csrf_token: string }>('/api/me');
      const res = (origin: string) =>
        behindProxy.request('/api/clusters/local/queues/emails/resume', {
          method: 'POST',
          headers: { Origin: origin, 'X-CSRF-Token': me.csrf_token },
        });
      expect((await res('http://localhost')).status).toBe(403);
      expect((await res('https://lookout.example.com')).status).not.toBe(403);
    } finally {
      await behindProxy.close();
    }
  });
});
