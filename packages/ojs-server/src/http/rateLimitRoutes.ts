import { Hono } from 'hono';
import { z } from 'zod';
import { periodMs } from '../engine/parseEnqueue';
import { notFound } from '../errors';
import type { AppEnv, HttpDeps } from './AppEnv';
import { readJsonObject } from './body';
import { ojsJson } from './response';
import { parseOr400 } from './validate';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const overrideSchema = z.looseObject({
  concurrency: z.int().min(0).optional(),
  rate: z.object({ limit: z.int().min(1), period: z.string().min(1) }).optional(),
  expires_at: z.iso.datetime({ offset: true }).optional(),
});

/** Rate limit inspection and override (rate-limiting §10). */
export function rateLimitRoutes(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { engine } = deps;

  const wire = (key: string): Record<string, unknown> => {
    const now = engine.clock.now();
    const s = engine.rateLimiter.inspect(key, now);
    if (!s) throw notFound('Rate limit', key);
    const out: Record<string, unknown> = { key, active: s.active };
    if (s.concurrency) out['concurrency'] = s.concurrency;
    if (s.rate) {
      out['rate'] = {
        limit: s.rate.limit,
        period_ms: s.rate.period_ms,
        current_count: s.rate.current_count,
        window_resets_at: iso(s.rate.window_resets_at),
      };
    }
    if (s.throttle) {
      out['throttle'] = {
        limit: s.throttle.limit,
        period_ms: s.throttle.period_ms,
        next_allowed_at: iso(s.throttle.next_allowed_at),
      };
    }
    if (s.override) {
      out['override'] = {
        ...(s.override.concurrency !== undefined ? { concurrency: s.override.concurrency } : {}),
        ...(s.override.expiresAt !== undefined ? { expires_at: iso(s.override.expiresAt) } : {}),
      };
    }
    return out;
  };

  app.get('/rate-limits', (c) => {
    const items = engine.rateLimiter.keys().map(wire);
    return ojsJson(c, { items, pagination: { total: items.length, page: 1, per_page: items.length } });
  });

  app.get('/rate-limits/:key', (c) => ojsJson(c, wire(c.req.param('key'))));

  app.put('/rate-limits/:key', async (c) => {
    const body = await readJsonObject(c, { required: true, limit: deps.options.maxBodyBytes });
    const input = parseOr400(overrideSchema, body, 'rate limit override');
    const key = c.req.param('key');
    const override: Parameters<typeof engine.rateLimiter.setOverride>[1] = {};
    if (input.concurrency !== undefined) override.concurrency = input.concurrency;
    if (input.rate) override.rate = { limit: input.rate.limit, periodMs: periodMs(input.rate.period) };
    if (input.expires_at !== undefined) override.expiresAt = Date.parse(input.expires_at);
    engine.rateLimiter.setOverride(key, override);
    engine.emit({ type: 'rate_limit.overridden', subject: key, component: 'admin', data: { key } });
    return ojsJson(c, wire(key));
  });

  app.delete('/rate-limits/:key', (c) => {
    const key = c.req.param('key');
    engine.rateLimiter.setOverride(key, undefined);
    return ojsJson(c, { key, override: null });
  });

  return app;
}
