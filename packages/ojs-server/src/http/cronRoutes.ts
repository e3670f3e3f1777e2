import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, HttpDeps } from './AppEnv';
import { readJsonObject } from './body';
import { ojsJson } from './response';
import { parseOr400 } from './validate';

const patchSchema = z.looseObject({ enabled: z.boolean() });

/** Cron endpoints (openapi `/cron`, cron.md §8; `cron_jobs`/`cron_job` aliases for HB clients). */
export function cronRoutes(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { crons, options } = deps;

  app.get('/cron', (c) => {
    const items = crons.list().map((cr) => crons.toWire(cr));
    return ojsJson(c, { crons: items, cron_jobs: items, count: items.length });
  });

  app.post('/cron', async (c) => {
    const body = await readJsonObject(c, { required: true, limit: options.maxBodyBytes });
    const { cron, created } = crons.register(body);
    const wire = crons.toWire(cron);
    return ojsJson(c, { cron: wire, cron_job: wire }, created ? 201 : 200);
  });

  app.get('/cron/:name', (c) => {
    const wire = crons.toWire(crons.get(c.req.param('name')));
    return ojsJson(c, { cron: wire, cron_job: wire });
  });

  app.patch('/cron/:name', async (c) => {
    const body = await readJsonObject(c, { required: true, limit: options.maxBodyBytes });
    const input = parseOr400(patchSchema, body, 'cron');
    const wire = crons.toWire(crons.setEnabled(c.req.param('name'), input.enabled));
    return ojsJson(c, { cron: wire, cron_job: wire });
  });

  app.delete('/cron/:name', (c) => {
    const name = c.req.param('name');
    const wire = crons.toWire(crons.delete(name));
    return ojsJson(c, { cron: wire, deleted: true, name });
  });

  return app;
}
