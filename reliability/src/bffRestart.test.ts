import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startOjsServer, type RunningOjsServer } from '@lookout/ojs-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnBff, type ServiceProcess } from './support/processes';
import { SseClient } from './support/SseClient';
import { waitUntil } from './support/waitUntil';

const CLIENTS = 500;
/** The product's bound: at least 99% of browsers are back within 10 s of the BFF being up again. */
const BOUND_MS = 10_000;
const SHARE = 0.99;

let ojs: RunningOjsServer;
let bff: ServiceProcess | undefined;
let port: number;
let dataDir: string;
const clients: SseClient[] = [];
const results: Record<string, unknown> = {};

beforeAll(async () => {
  ojs = await startOjsServer({ port: 0 });
  dataDir = mkdtempSync(path.join(tmpdir(), 'lookout-restart-'));
  port = await freePort();
  bff = await spawnBff({ ojsUrl: ojs.url, port, dataDir });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await bff?.kill();
  await ojs?.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(JSON.stringify({ bffRestart: results }));
});

async function restart(how: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const opensBefore = clients.map((c) => c.opens);
  const downAt = Date.now();
  if (how === 'SIGTERM') await bff?.stop();
  else await bff?.kill('SIGKILL');
  bff = await spawnBff({ ojsUrl: ojs.url, port, dataDir });
  const upAt = Date.now();
  const back = () => clients.filter((c, i) => c.open && c.opens > (opensBefore[i] ?? 0));
  await waitUntil(() => back().length === CLIENTS, `${CLIENTS} clients back`, 60_000, 50).catch(
    () => undefined,
  );
  const delays = back()
    .map((c) => (c.openSince ?? 0) - upAt)
    .sort((a, b) => a - b);
  const within = delays.filter((d) => d <= BOUND_MS).length;
  results[how] = {
    clients: CLIENTS,
    reconnectedWithin10s: within,
    percent: Math.round((within / CLIENTS) * 1000) / 10,
    p50Ms: delays[Math.floor(delays.length / 2)],
    maxMs: delays.at(-1),
    bffDownForMs: upAt - downAt,
  };
  expect(within / CLIENTS).toBeGreaterThanOrEqual(SHARE);
}

describe(`BFF restart with ${CLIENTS} live streams`, () => {
  it(`all ${CLIENTS} streams connect`, async () => {
    for (let i = 0; i < CLIENTS; i++) clients.push(new SseClient(`${bff?.url ?? ''}/api/events`).start());
    await waitUntil(() => clients.every((c) => c.open), `${CLIENTS} open streams`, 60_000, 50);
  });

  it('graceful restart (SIGTERM): >= 99% reconnect within 10 s', () => restart('SIGTERM'));

  it('crash and restart (SIGKILL): >= 99% reconnect within 10 s', () => restart('SIGKILL'));
});
