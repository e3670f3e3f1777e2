import { Hono, type Context } from 'hono';
import { depthOf } from '../engine/OjsEngine';
import { invalidRequest } from '../errors';
import type { AppEnv, HttpDeps } from './AppEnv';
import { ojsJson } from './response';
import { queryObject } from './validate';

const iso = (ms: number): string => new Date(ms).toISOString();
const QUEUE = /^[a-z0-9][a-z0-9\-.]*$/;

export function checkQueueName(name: string): string {
  if (!QUEUE.test(name) || name.length > 128) throw invalidRequest(`queue name '${name}' is not valid`);
  return name;
}

export function pageParams(
  q: Record<string, string>,
  defaultLimit: number,
  maxLimit: number,
): { limit: number; offset: number } {
  const limit = q['limit'] !== undefined ? Number(q['limit']) : defaultLimit;
  const offset = q['offset'] !== undefined ? Number(q['offset']) : 0;
  if (!Number.isInteger(limit) || limit < 1) throw invalidRequest('limit: must be a positive integer');
  if (!Number.isInteger(offset) || offset < 0) throw invalidRequest('offset: must be a non-negative integer');
  return { limit: Math.min(limit, maxLimit), offset };
}

/** Queue endpoints of the data plane (HB §11; CT/openapi response shapes plus HB's `stats`). */
export function queueRoutes(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { engine } = deps;

  app.get('/queues', (c) => {
    const { limit, offset } = pageParams(queryObject(c.req.url), 50, 200);
    const all = engine.store.listQueues();
    const page = all.slice(offset, offset + limit);
    return ojsJson(c, {
      queues: page.map((q) => ({
        name: q.name,
        status: q.paused ? 'paused' : 'active',
        paused: q.paused,
        created_at: iso(q.createdAt),
        depth: depthOf(engine.store.queueCounts(q.name)),
      })),
      pagination: { total: all.length, limit, offset, has_more: offset + limit < all.length },
    });
  });

  app.get('/queues/:name/stats', (c) => {
    const name = checkQueueName(c.req.param('name'));
    const q = engine.getQueueOrThrow(name);
    const counts = engine.store.queueCounts(name);
    const now = engine.clock.now();
    const tp = engine.stats.throughput(now, name);
    const latency = engine.stats.latency(now, name);
    const depth = depthOf(counts);
    const bp = q.config.backpressure;
    const stats: Record<string, unknown> = {
      queue: name,
      ...counts,
      depth,
      dead_letter: engine.store.deadLetterCount(name),
      completed_last_minute: tp.processed_per_minute,
      throughput_per_second: Math.round((tp.processed_per_minute / 60) * 1000) / 1000,
      avg_duration_ms: latency.p50,
    };
    if (bp) {
      stats['max_depth'] = bp.maxDepth;
      stats['pressure'] = bp.maxDepth > 0 ? Math.round((depth / bp.maxDepth) * 1000) / 1000 : 0;
    }
    return ojsJson(c, {
      queue: { name, ...counts, depth, paused: q.paused },
      status: q.paused ? 'paused' : 'active',
      stats,
      computed_at: iso(now),
    });
  });

  const pauseResume = (paused: boolean) => (c: Context<AppEnv>) => {
    const name = checkQueueName(c.req.param('name') ?? '');
    const q = engine.setPaused(name, paused);
    const body: Record<string, unknown> = {
      queue: { name, paused: q.paused },
      name,
      paused: q.paused,
      status: q.paused ? 'paused' : 'active',
    };
    if (q.pausedAt !== undefined) body['paused_at'] = iso(q.pausedAt);
    return ojsJson(c, body);
  };
  app.post('/queues/:name/pause', pauseResume(true));
  app.post('/queues/:name/resume', pauseResume(false));

  return app;
}
