import { describe, expect, it } from 'vitest';
import { composeMiddleware } from '../composeMiddleware';
import { type JobContext } from '../JobContext';
import { HandlerPanicError, NonRetryable } from '../JobError';
import { type LogFields, type Logger } from '../logger';
import { loggingMiddleware } from './loggingMiddleware';
import { inMemoryMetricsRecorder, metricsMiddleware, promMetricsRecorder } from './metricsMiddleware';
import { recoveryMiddleware } from './recoveryMiddleware';

interface Line {
  level: string;
  message: string;
  fields: LogFields | undefined;
}

function capture(): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, fields?: LogFields) =>
    lines.push({ level, message, fields });
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

function context(logger: Logger): JobContext {
  return {
    job: { id: 'j1', type: 'email.send', state: 'active', queue: 'email', args: [], attempt: 2 },
    id: 'j1',
    type: 'email.send',
    queue: 'email',
    args: [],
    meta: {},
    attempt: 2,
    maxAttempts: 3,
    workerId: 'w1',
    signal: new AbortController().signal,
    logger,
    values: new Map(),
    setResult: () => undefined,
    progress: () => Promise.resolve(),
  };
}

function clock(...times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)] ?? 0;
}

describe('loggingMiddleware', () => {
  it('logs start and completion with the duration', async () => {
    const { logger, lines } = capture();
    const run = composeMiddleware([loggingMiddleware({ now: clock(100, 350) })], () => 'ok');
    await expect(run(context(logger))).resolves.toBe('ok');
    expect(lines).toEqual([
      { level: 'debug', message: 'job started', fields: undefined },
      { level: 'info', message: 'job completed', fields: { duration_ms: 250 } },
    ]);
  });

  it('logs failures with code, type and retryability, and rethrows', async () => {
    const { logger, lines } = capture();
    const run = composeMiddleware([loggingMiddleware({ now: clock(0, 10), logStart: false })], () => {
      throw NonRetryable(new RangeError('bad amount'));
    });
    await expect(run(context(logger))).rejects.toThrow('bad amount');
    expect(lines).toEqual([
      {
        level: 'warn',
        message: 'job failed',
        fields: {
          duration_ms: 10,
          error_code: 'handler_error',
          error_type: 'RangeError',
          error_message: 'bad amount',
          retryable: false,
        },
      },
    ]);
  });
});

describe('recoveryMiddleware', () => {
  it('turns non-Error throws into HandlerPanicError and logs them', async () => {
    const { logger, lines } = capture();
    const run = composeMiddleware([recoveryMiddleware()], () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw 'a string';
    });
    const error = await run(context(logger)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandlerPanicError);
    expect((error as HandlerPanicError).thrown).toBe('a string');
    expect(lines.map((l) => l.level)).toEqual(['error']);
  });

  it('passes Errors and results through', async () => {
    const { logger } = capture();
    const boom = new Error('boom');
    await expect(
      composeMiddleware([recoveryMiddleware()], () => {
        throw boom;
      })(context(logger)),
    ).rejects.toBe(boom);
    await expect(composeMiddleware([recoveryMiddleware()], () => 7)(context(logger))).resolves.toBe(7);
  });
});

describe('metricsMiddleware', () => {
  it('tallies attempts in memory', async () => {
    const { logger } = capture();
    const rec = inMemoryMetricsRecorder();
    const ok = composeMiddleware([metricsMiddleware(rec, clock(0, 500))], () => 1);
    const bad = composeMiddleware([metricsMiddleware(rec, clock(0, 250))], () => {
      throw new Error('x');
    });
    await ok(context(logger));
    await bad(context(logger)).catch(() => undefined);
    expect(rec.snapshot()).toEqual({
      'email/email.send': { started: 2, completed: 1, failed: 1, active: 0, totalSeconds: 0.75 },
    });
  });

  it('feeds prom-client shaped counters, histograms and gauges', async () => {
    const { logger } = capture();
    const calls: unknown[] = [];
    const rec = promMetricsRecorder({
      jobs: { inc: (labels, value) => calls.push(['jobs.inc', labels, value]) },
      duration: { observe: (labels, value) => calls.push(['duration.observe', labels, value]) },
      active: {
        inc: (labels) => calls.push(['active.inc', labels]),
        dec: (labels) => calls.push(['active.dec', labels]),
      },
    });
    await composeMiddleware([metricsMiddleware(rec, clock(1000, 3000))], () => 1)(context(logger));
    const labels = { job_type: 'email.send', queue: 'email' };
    expect(calls).toEqual([
      ['active.inc', labels],
      ['active.dec', labels],
      ['jobs.inc', { ...labels, outcome: 'completed' }, undefined],
      ['duration.observe', { ...labels, outcome: 'completed' }, 2],
    ]);
  });
});
