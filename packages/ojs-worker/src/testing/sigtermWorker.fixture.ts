import { silentLogger } from '../logger';
import { sleep } from '../sleep';
import { Worker } from '../Worker';

/**
 * A worker process for the SIGTERM test: `node --import tsx sigtermWorker.fixture.ts <url> <queue>`.
 * Every third job runs far longer than the grace period. Prints `ready` once started; SIGTERM makes it
 * shut down gracefully and then end by the signal.
 */
const [url, queue] = process.argv.slice(2);
if (url === undefined || queue === undefined) {
  process.stderr.write('usage: sigtermWorker.fixture.ts <url> <queue>\n');
  process.exit(2);
}
const worker = new Worker({
  url,
  queues: [queue],
  concurrency: 3,
  gracePeriodMs: 500,
  pollIntervalMs: 20,
  heartbeatIntervalMs: 200,
  logger: silentLogger,
});
worker.register('test.sig', async (ctx) => {
  const long = (ctx.args[0] as number) % 3 === 0;
  if (!(await sleep(long ? 20_000 : 50, ctx.signal))) throw new Error('aborted by shutdown');
});
worker.start();
process.stdout.write('ready\n');
