import { Hono } from 'hono';
import type { AppEnv, HttpDeps } from './AppEnv';
import { readJsonObject } from './body';
import { pageParams } from './queueRoutes';
import { ojsJson } from './response';
import { queryObject } from './validate';

/** Workflow endpoints (openapi `/workflows`, workflows.md §11) with the graph extension. */
export function workflowRoutes(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { workflows, options } = deps;

  app.post('/workflows', async (c) => {
    const body = await readJsonObject(c, { required: true, limit: options.maxBodyBytes });
    const wf = workflows.create(body);
    return ojsJson(c, { workflow: workflows.toWire(wf) }, 201, { Location: `/ojs/v1/workflows/${wf.id}` });
  });

  app.get('/workflows', (c) => {
    const { limit, offset } = pageParams(queryObject(c.req.url), 50, 200);
    const page = workflows.list(offset, limit);
    return ojsJson(c, {
      workflows: page.items.map((w) => workflows.toWire(w)),
      pagination: { total: page.total, limit, offset, has_more: offset + page.items.length < page.total },
    });
  });

  app.get('/workflows/:id', (c) =>
    ojsJson(c, { workflow: workflows.toWire(workflows.get(c.req.param('id'))) }),
  );

  app.delete('/workflows/:id', (c) =>
    ojsJson(c, { workflow: workflows.toWire(workflows.cancel(c.req.param('id'))) }),
  );
  app.post('/workflows/:id/cancel', (c) =>
    ojsJson(c, { workflow: workflows.toWire(workflows.cancel(c.req.param('id'))) }),
  );

  return app;
}
