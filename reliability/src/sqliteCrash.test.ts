import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ok, ojsCall } from './support/ojsHttp';
import { spawnOjsServer, type ServiceProcess } from './support/processes';
import { sleep, waitUntil } from './support/waitUntil';

const QUEUE = 'crash';
/** Lease of every fetched job: a job active at the crash comes back this long after its fetch. */
const LEASE_MS = 8000;
const PRODUCERS = 4;
const WORKERS = 4;

const jobAnswer = z.object({ job: z.object({ id: z.string(), state: z.string() }) });
const fetchAnswer = z.object({ jobs: z.array(z.object({ id: z.string() })) });

const dir = mkdtempSync(path.join(tmpdir(), 'lookout-crash-'));
const servers: ServiceProcess[] = [];
afterAll(async () => {
  for (const server of servers) await server.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded server crash (SQLite)', () => {
  it('SIGKILL under load: no acknowledged job lost, active jobs reclaimed after their lease, only in-flight jobs processed twice', async () => {
    const db = path.join(dir, 'ojs.db');
    let server = await spawnOjsServer({ db });
    servers.push(server);
    const base = () => `${server.url}/ojs/v1`;

    const enqueued = new Set<string>();
    /** When each fetch that handed out a job was sent, per job. */
    const fetches = new Map<string, number[]>();
    /** When each fetch answer that handed a job out arrived. */
    const handedOut = new Map<string, number[]>();
    const acked = new Set<string>();
    let producing = true;
    let working = true;
    /** Workers wait while the restarted server is inspected. */
    let paused = false;

    const producers = Array.from({ length: PRODUCERS }, async (_, p) => {
      for (let i = 0; producing; i++) {
        const answer = await ojsCall(base(), 'POST', '/jobs', {
          type: 'crash.test',
          args: [p, i],
          options: {
            queue: QUEUE,
            retry: { max_attempts: 20, initial_interval_ms: 50, max_interval_ms: 200, jitter: false },
          },
        });
        const job = ok(answer) ? jobAnswer.safeParse(answer.body) : undefined;
        if (job?.success) enqueued.add(job.data.job.id);
        else await sleep(50);
      }
    });
    const workers = Array.from({ length: WORKERS }, async (_, w) => {
      while (working) {
        if (paused) {
          await sleep(50);
          continue;
        }
        // The lease starts after the request leaves: its start time is a lower bound of the lease start.
        const askedAt = Date.now();
        const answer = await ojsCall(base(), 'POST', '/workers/fetch', {
          queues: [QUEUE],
          count: 4,
          worker_id: `crash-worker-${w}`,
          visibility_timeout_ms: LEASE_MS,
        });
        // ...and the answer's arrival an upper bound of the moment the server handed the jobs out.
        const answeredAt = Date.now();
        const parsed = ok(answer) ? fetchAnswer.safeParse(answer.body) : undefined;
        if (!parsed?.success || parsed.data.jobs.length === 0) {
          await sleep(50);
          continue;
        }
        for (const job of parsed.data.jobs) {
          fetches.set(job.id, [...(fetches.get(job.id) ?? []), askedAt]);
          handedOut.set(job.id, [...(handedOut.get(job.id) ?? []), answeredAt]);
          await sleep(5);
          const ack = await ojsCall(base(), 'POST', '/workers/ack', { job_id: job.id, result: { ok: true } });
          if (ok(ack)) acked.add(job.id);
        }
      }
    });

    try {
      await waitUntil(() => enqueued.size >= 600 && acked.size >= 200, 'load before the crash', 60_000);
      await server.kill('SIGKILL');
      producing = false;
      paused = true;
      const killedAt = Date.now();
      await Promise.all(producers);
      // Answers already on their way may still be read after the kill: the sets are taken just before the
      // restart. Fetched, and no 2xx for its ack: in flight at the crash (its ack may or may not have landed).
      const inFlight = new Set([...fetches.keys()].filter((id) => !acked.has(id)));
      const ackedBefore = new Set(acked);
      const enqueuedBefore = new Set(enqueued);

      server = await spawnOjsServer({ db, port: server.port });
      servers.push(server);
      const restartedAt = Date.now();

      // Jobs in flight at the crash are still leased (active), unless their ack landed.
      const states = new Map<string, string>();
      for (const id of inFlight) {
        const job = jobAnswer.safeParse((await ojsCall(base(), 'GET', `/jobs/${id}`)).body);
        if (job.success) states.set(id, job.data.job.state);
      }
      const activeAfterRestart = [...inFlight].filter((id) => states.get(id) === 'active');
      expect([...inFlight].filter((id) => !['active', 'completed'].includes(states.get(id) ?? ''))).toEqual(
        [],
      );
      expect(activeAfterRestart.length).toBeGreaterThan(0);
      paused = false;

      // Every job whose enqueue got a 2xx is there.
      const missing: string[] = [];
      for (const id of enqueuedBefore) {
        const answer = await ojsCall(base(), 'GET', `/jobs/${id}`);
        const job = jobAnswer.safeParse(answer.body);
        if (answer.status !== 200 || !job.success) missing.push(id);
        else states.set(id, job.data.job.state);
      }
      expect(missing).toEqual([]);
      // Acks that got a 2xx survived the crash.
      expect([...ackedBefore].filter((id) => states.get(id) !== 'completed')).toEqual([]);

      // The workers carry on: everything acknowledged ends completed, active leftovers after their lease.
      await waitUntil(
        async () => {
          for (const id of enqueuedBefore) {
            if (states.get(id) === 'completed') continue;
            const job = jobAnswer.safeParse((await ojsCall(base(), 'GET', `/jobs/${id}`)).body);
            if (!job.success || job.data.job.state !== 'completed') return false;
            states.set(id, 'completed');
          }
          return true;
        },
        'every acknowledged job completed after the restart',
        90_000,
        250,
      );
      working = false;
      await Promise.all(workers);

      const twice = [...fetches].filter(([, times]) => times.length > 1).map(([id]) => id);
      const reclaimed = activeAfterRestart.filter((id) => (fetches.get(id)?.length ?? 0) > 1);
      // A job is handed out again only when it was in flight at the crash...
      expect(twice.filter((id) => !inFlight.has(id))).toEqual([]);
      // ...every job still active after the restart was reclaimed and processed again...
      expect(reclaimed.sort()).toEqual([...activeAfterRestart].sort());
      // ...and not before its lease ran out: from the first request's departure (lease start or earlier) to the
      // second answer's arrival (hand-out or later) at least the lease passed.
      const early = reclaimed.filter((id) => {
        const first = fetches.get(id)?.[0];
        const second = handedOut.get(id)?.[1];
        return first === undefined || second === undefined || second - first < LEASE_MS;
      });
      const gaps = early.map((id) => {
        const first = fetches.get(id)?.[0] ?? 0;
        const second = handedOut.get(id)?.[1] ?? 0;
        return { id, refetchedAfterMs: second - first, sinceRestartMs: second - restartedAt };
      });
      expect(gaps).toEqual([]);
      const reclaimDelays = reclaimed.map((id) => (fetches.get(id)?.[1] ?? 0) - restartedAt);
      console.log(
        JSON.stringify({
          sqliteCrash: {
            enqueuedWith2xx: enqueuedBefore.size,
            ackedWith2xxBeforeCrash: ackedBefore.size,
            missingAfterRestart: missing.length,
            inFlightAtCrash: inFlight.size,
            activeAfterRestart: activeAfterRestart.length,
            reclaimedAndProcessedAgain: reclaimed.length,
            processedTwice: twice.length,
            processedTwiceNotInFlight: twice.filter((id) => !inFlight.has(id)).length,
            restartMs: restartedAt - killedAt,
            maxReclaimAfterRestartMs: Math.max(0, ...reclaimDelays),
          },
        }),
      );
    } finally {
      producing = false;
      working = false;
      await Promise.all([...producers, ...workers]);
    }
  });
});
