/** Structured fields attached to a log line (snake_case keys are kept as given). */
export type LogFields = Record<string, unknown>;

/** The logger the worker and the ready-made middleware write to; pino and most loggers fit it. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger that drops everything. */
export const silentLogger: Logger = Object.freeze({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});

export interface JsonLoggerOptions {
  /** Lowest level written (default `info`). */
  level?: LogLevel;
  /** Fields added to every line, e.g. `{ service: 'billing-worker' }`. */
  base?: LogFields;
  /** Where lines go (default: stdout for debug/info, stderr for warn/error). */
  write?: (line: string, level: LogLevel) => void;
  /** Clock for the `time` field (default `Date.now`). */
  now?: () => number;
}

/** A logger writing one JSON object per line: `{"level","time","msg",...fields}`. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const min = LEVEL_RANK[options.level ?? 'info'];
  const base = options.base ?? {};
  const now = options.now ?? Date.now;
  const write =
    options.write ??
    ((line: string, level: LogLevel) => {
      (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });
  const log =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (LEVEL_RANK[level] < min) return;
      write(
        safeStringify({ level, time: new Date(now()).toISOString(), msg: message, ...base, ...fields }),
        level,
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that adds `fields` to every line of `logger`. */
export function childLogger(logger: Logger, fields: LogFields): Logger {
  return {
    debug: (m, f) => logger.debug(m, { ...fields, ...f }),
    info: (m, f) => logger.info(m, { ...fields, ...f }),
    warn: (m, f) => logger.warn(m, { ...fields, ...f }),
    error: (m, f) => logger.error(m, { ...fields, ...f }),
  };
}

/** JSON.stringify that never throws: errors become `{name,message}`, cycles and bigints are marked. */
export function safeStringify(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Error) return { name: v.name, message: v.message };
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  });
}
