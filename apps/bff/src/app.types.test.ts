import { hc } from 'hono/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppType } from './app';
import { createHarness, type Harness } from './testing/bffHarness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('AppType', () => {
  it('types a Hono client end to end (what the SPA uses)', async () => {
    h = await createHarness();
    const harness = h;
    const client = hc<AppType>('http://lookout.test', {
      fetch: (input: string | URL | Request, init?: RequestInit) =>
        harness.bff.app.request(input instanceof Request ? input : String(input), init),
    });
    const health = await client.api.health.$get();
    expect(health.status).toBe(200);
    const body = await health.json();
    expect(body.clusters[0]?.id).toBe('local');
    const queues = await client.api.queues.$get({ query: {} });
    const list = await queues.json();
    expect(Array.isArray(list.queues)).toBe(true);
  });
});
