import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runSoak } from './runSoak';

const USAGE = `Usage: npm run soak -- [--minutes 30] [--clients 200] [--sample-seconds 5] [--demo-rate <jobs/s>]

Runs Lookout (BFF + embedded SQLite OJS server + demo workload) with live streams held open, samples its
memory and open handles from /metrics, and prints their slopes per minute (flat means no leak).`;

const argsSchema = z.object({
  minutes: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(30),
  clients: z.coerce.number().int().min(1).max(5000).default(200),
  'sample-seconds': z.coerce.number().positive().max(600).default(5),
  'demo-rate': z.coerce.number().positive().max(1000).optional(),
});

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    clients: { type: 'string' },
    'sample-seconds': { type: 'string' },
    'demo-rate': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  console.error(
    `soak: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n\n${USAGE}`,
  );
  process.exit(2);
}
const args = parsed.data;
console.log(
  `soak: ${args.minutes} min, ${args.clients} live streams, a sample every ${args['sample-seconds']} s`,
);
const report = await runSoak({
  minutes: args.minutes,
  clients: args.clients,
  sampleEveryMs: args['sample-seconds'] * 1000,
  ...(args['demo-rate'] === undefined ? {} : { demoRate: args['demo-rate'] }),
  onSample: (s) =>
    console.log(
      `  t=${s.t.toFixed(0).padStart(5)}s rss=${s.rssMb.toFixed(1)} MB heap=${s.heapUsedMb.toFixed(1)} MB ` +
        `handles=${s.activeHandles} resources=${s.activeResources} streams=${s.sseClients} events=${s.sseEvents}`,
    ),
});
console.log(JSON.stringify({ soak: report }, null, 2));
