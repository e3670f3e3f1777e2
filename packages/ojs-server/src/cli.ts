#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startOjsServer, type RunningOjsServer, type StartOjsServerInput } from './start';

export const CLI_USAGE = `Usage: lookout-ojs-server [options]

Runs an embedded Open Job Spec server (levels 0-4, admin API, SSE events).

Options:
  --port <n>          TCP port (default 8080; 0 picks a free port)
  --host <addr>       Interface to listen on (default 127.0.0.1)
  --store <kind>      memory | sqlite (default memory; sqlite when --db is given)
  --db <path>         SQLite database file (default ./data/ojs.db)
  --api-key <key>     Require "Authorization: Bearer <key>" on every route but health
                      (or set OJS_API_KEY)
  --test-hooks        Enable conformance test hooks (reset endpoint, test directives)
  -h, --help          Show this help
`;

const DEFAULT_DB = './data/ojs.db';

const cliSchema = z
  .object({
    port: z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.int().min(0, 'must be 0-65535').max(65_535, 'must be 0-65535'))
      .default(8080),
    host: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
    store: z.enum(['memory', 'sqlite'], { error: 'must be memory or sqlite' }).optional(),
    db: z.string().trim().min(1, 'must not be empty').optional(),
    'api-key': z.string().min(1, 'must not be empty').optional(),
    'test-hooks': z.boolean().default(false),
  })
  .transform((v, ctx) => {
    const store = v.store ?? (v.db !== undefined ? 'sqlite' : 'memory');
    if (store === 'memory' && v.db !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['db'], message: 'needs --store sqlite' });
      return z.NEVER;
    }
    return {
      port: v.port,
      host: v.host,
      store,
      db: v.db ?? DEFAULT_DB,
      apiKey: v['api-key'],
      testHooks: v['test-hooks'],
    };
  });

export type CliConfig = z.output<typeof cliSchema>;

export type CliParse =
  { kind: 'help' } | { kind: 'run'; config: CliConfig } | { kind: 'error'; message: string };

/** Reads the command line (strict: unknown flags and stray arguments are errors). */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        store: { type: 'string' },
        db: { type: 'string' },
        'api-key': { type: 'string' },
        'test-hooks': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    values = parsed.values;
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  if (values['help'] === true) return { kind: 'help' };
  const input = { ...values };
  delete input['help'];
  if (input['api-key'] === undefined && env['OJS_API_KEY'] !== undefined && env['OJS_API_KEY'] !== '') {
    input['api-key'] = env['OJS_API_KEY'];
  }
  const result = cliSchema.safeParse(input);
  if (!result.success) {
    const message = result.error.issues
      .map((i) => (i.path.length > 0 ? `--${i.path.join('.')} ${i.message}` : i.message))
      .join('; ');
    return { kind: 'error', message };
  }
  return { kind: 'run', config: result.data };
}

export function startInput(config: CliConfig): StartOjsServerInput {
  return {
    port: config.port,
    host: config.host,
    storeOptions: config.store === 'sqlite' ? { kind: 'sqlite', path: config.db } : { kind: 'memory' },
    options: {
      testHooks: config.testHooks,
      ...(config.apiKey !== undefined ? { apiKey: config.apiKey } : {}),
    },
  };
}

/** Runs the server until SIGINT/SIGTERM; resolves with the process exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseCliArgs(argv, env);
  if (parsed.kind === 'help') {
    process.stdout.write(CLI_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`lookout-ojs-server: ${parsed.message}\n\n${CLI_USAGE}`);
    return 2;
  }
  const { config } = parsed;
  let running: RunningOjsServer;
  try {
    running = await startOjsServer(startInput(config));
  } catch (e) {
    process.stderr.write(`lookout-ojs-server: cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const where = config.store === 'sqlite' ? `sqlite ${config.db}` : 'memory';
  process.stdout.write(`OJS server listening on ${running.url} (store: ${where})\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        process.stderr.write(`lookout-ojs-server: ${signal} again, exiting now\n`);
        resolve(1);
        return;
      }
      stopping = true;
      process.stdout.write(`${signal} received, shutting down\n`);
      running.close().then(
        () => {
          process.stdout.write('stopped\n');
          resolve(0);
        },
        (e: unknown) => {
          process.stderr.write(
            `lookout-ojs-server: shutdown failed: ${e instanceof Error ? e.message : String(e)}\n`,
          );
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.on('unhandledRejection', (reason) => {
    console.error('[ojs-server] unhandled rejection:', reason);
  });
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error('[ojs-server] fatal:', e);
      process.exit(1);
    },
  );
}
