import { parseArgs } from 'node:util';
import { z } from 'zod';

const cliSchema = z.strictObject({
  url: z.url({ error: '--url must be an http(s) URL such as http://127.0.0.1:8080' }),
  rate: z.coerce.number().positive({ error: '--rate must be a positive number' }).max(10_000).default(20),
  seed: z
    .string()
    .min(1)
    .default('42')
    .transform((s) => (/^-?\d+$/.test(s) ? Number(s) : s)),
  timeScale: z.coerce
    .number()
    .positive({ error: '--time-scale must be a positive number' })
    .max(100)
    .default(1),
  duration: z.coerce
    .number()
    .positive({ error: '--duration must be a positive number of seconds' })
    .optional(),
  token: z.string().min(1).optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  churn: z.boolean().default(true),
  cron: z.boolean().default(true),
});

export type DemoCliOptions = z.output<typeof cliSchema>;

export const DEMO_USAGE = `Usage: lookout-demo --url http://127.0.0.1:8080 [options]

Drives a realistic, seeded workload against an OJS server: producers, a cron, workflows,
and workers that come and go.

Options:
  --url <url>          OJS server (required; or OJS_URL)
  --rate <n>           jobs and workflows per second (default 20)
  --seed <seed>        plan seed; the same seed makes the same jobs with the same fates (default 42)
  --time-scale <x>     speed of work, retries and worker churn; 0.1 = 10x faster (default 1)
  --duration <s>       stop after this many seconds (default: until SIGINT/SIGTERM)
  --token <token>      bearer token (or OJS_TOKEN)
  --log-level <level>  debug | info | warn | error (default info)
  --no-churn           keep the same workers for the whole run
  --no-cron            do not register the every-minute cron
  -h, --help           show this help
`;

/** Parses the demo CLI's arguments (environment fallbacks: OJS_URL, OJS_TOKEN). */
export function parseDemoArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): { help: true } | { help: false; options: DemoCliOptions } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      url: { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      'time-scale': { type: 'string' },
      duration: { type: 'string' },
      token: { type: 'string' },
      'log-level': { type: 'string' },
      'no-churn': { type: 'boolean' },
      'no-cron': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) return { help: true };
  const raw: Record<string, unknown> = {
    url: values.url ?? env['OJS_URL'],
    rate: values.rate,
    seed: values.seed,
    timeScale: values['time-scale'],
    duration: values.duration,
    token: values.token ?? env['OJS_TOKEN'],
    logLevel: values['log-level'],
    churn: values['no-churn'] === true ? false : undefined,
    cron: values['no-cron'] === true ? false : undefined,
  };
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
  const parsed = cliSchema.safeParse(raw);
  if (!parsed.success) {
    const flag = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new TypeError(
      parsed.error.issues
        .map((i) =>
          i.message.startsWith('--') || i.path.length === 0
            ? i.message
            : `${flag(String(i.path[0]))}: ${i.message}`,
        )
        .join('\n'),
    );
  }
  return { help: false, options: parsed.data };
}
