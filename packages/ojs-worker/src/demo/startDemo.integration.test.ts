import { isDeepStrictEqual } from 'node:util';
import { createOjsServer } from '@lookout/ojs-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { startEmbeddedServer, waitFor, type EmbeddedServer } from '../testing/embeddedServer';
import { createDemoScenario, type PlannedJob } from './createDemoScenario';
import { DEMO_CRON, DEMO_QUEUES, paymentArgsSchema, webhookArgsSchema } from './demoCatalogue';
import { startDemo } from './startDemo';

let env: EmbeddedServer;
beforeAll(async () => {
  env = await startEmbeddedServer();
});
afterAll(async () => {
  await env.close();
});

const SEED = 'e2e-4';

/** Jobs among the first `n` planned actions that must end in the dead letter queue. */
function expectedDeadLetters(n: number): PlannedJob[] {
  const scenario = createDemoScenario({ seed: SEED, rate: 15, timeScale: 0.02 });
  const out: PlannedJob[] = [];
  for (let i = 0; i < n; i++) {
    const a = scenario.nextAction();
    if (a.kind !== 'job') continue;
    if (a.type === 'payment.charge') {
      const [p] = paymentArgsSchema.parse(a.args);
      if (p.outcome === 'declined' || p.outcome === 'gateway_down') out.push(a);
    } else if (a.type === 'webhook.deliver') {
      const [w] = webhookArgsSchema.parse(a.args);
      if (w.status >= 400) out.push(a);
    }
  }
  return out;
}

it('drives a seeded workload whose failures land where the plan says, then stops cleanly', async () => {
  const expected = expectedDeadLetters(60);
  // the seed was chosen so the first actions include both kinds of dead letters
  expect(expected.length).toBeGreaterThan(0);

  const demo = await startDemo({
    url: env.url,
    seed: SEED,
    rate: 15,
    timeScale: 0.02,
    pollIntervalMs: 100,
    heartbeatIntervalMs: 500,
    gracePeriodMs: 2000,
    logger: silentLogger,
  });
  let stopped = false;
  try {
    const crons = await env.client.api.cron.list();
    expect(crons.map((c) => c.name)).toContain(DEMO_CRON.name);
    await waitFor(
      () => {
        const s = demo.stats();
        const made =
          Object.values(s.enqueued).reduce((a, b) => a + b, 0) + s.workflows.chain + s.workflows.group;
        return made >= 60 && s.visitorsJoined >= 1 ? s : undefined;
      },
      { timeoutMs: 30_000, what: '60 actions and a visiting worker' },
    );
    // the planned dead letters land in the dead letter queue, with the planned args
    await waitFor(
      async () => {
        const dead = await env.client.api.deadLetter.list({ limit: 1000 });
        const missing = expected.filter(
          (planned) =>
            !dead.jobs.some((j) => j.type === planned.type && isDeepStrictEqual(j.args, planned.args)),
        );
        return missing.length === 0 ? true : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 200, what: 'the planned dead letters' },
    );
    await demo.stop();
    stopped = true;
  } finally {
    if (!stopped) await demo.stop();
  }
  const stats = demo.stats();
  expect(Object.keys(stats.enqueued)).toEqual(
    expect.arrayContaining(['email.send', 'webhook.deliver', 'payment.charge']),
  );
  expect(stats.workers).toEqual([]);
  expect(Object.values(stats.jobs).reduce((sum, r) => sum + r.completed, 0)).toBeGreaterThan(20);

  // nothing is left running once the demo stopped
  for (const queue of Object.keys(DEMO_QUEUES)) {
    const counts = await env.client.api.queues.stats(queue).catch(() => undefined);
    if (counts) expect(counts.active ?? 0).toBe(0);
  }
  // the cron is removed again
  expect((await env.client.api.cron.list()).map((c) => c.name)).not.toContain(DEMO_CRON.name);

  // and nothing was planned for dead letter that did not end there: every dead letter comes from a planned fate
  const dead = await env.client.api.deadLetter.list({ limit: 1000 });
  for (const job of dead.jobs) {
    if (job.type === 'payment.charge') {
      expect(['declined', 'gateway_down']).toContain(paymentArgsSchema.parse(job.args)[0].outcome);
    } else if (job.type === 'webhook.deliver') {
      expect(webhookArgsSchema.parse(job.args)[0].status).toBeGreaterThanOrEqual(400);
    }
  }
}, 120_000);

it('runs in-process against a fetch handler, without any network', async () => {
  const server = createOjsServer();
  const demo = await startDemo({
    handler: (request) => server.fetch(request),
    seed: 1,
    rate: 20,
    timeScale: 0.02,
    pollIntervalMs: 50,
    churn: false,
    cron: false,
    logger: silentLogger,
  });
  try {
    await waitFor(
      () => {
        const done = Object.values(demo.stats().jobs).reduce((sum, r) => sum + r.completed, 0);
        return done >= 10 ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'ten completed jobs' },
    );
  } finally {
    await demo.stop();
    await server.close();
  }
  expect(demo.stats().workers).toEqual([]);
  expect(demo.stats().enqueued['email.send']).toBeGreaterThan(0);
  await expect(startDemo({ seed: 1 })).rejects.toThrow(/url, fetch or handler/);
}, 60_000);
