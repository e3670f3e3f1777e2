import { type Middleware } from '../composeMiddleware';
import { failureFromError } from '../failureFromError';

export interface LoggingMiddlewareOptions {
  /** Log job starts too (debug level; default true). */
  logStart?: boolean;
  /** Clock (default `performance.now`). */
  now?: () => number;
}

/**
 * Structured logging of every attempt through the job's logger (`ctx.logger`, which carries job id,
 * type, queue and attempt): `job started` (debug), `job completed` (info) with `duration_ms`, or
 * `job failed` (warn) with the error's code, type, message and whether it will be retried.
 */
export function loggingMiddleware(options: LoggingMiddlewareOptions = {}): Middleware {
  const now = options.now ?? (() => performance.now());
  const logStart = options.logStart ?? true;
  return async (ctx, next) => {
    const started = now();
    if (logStart) ctx.logger.debug('job started');
    try {
      const result = await next();
      ctx.logger.info('job completed', { duration_ms: Math.round(now() - started) });
      return result;
    } catch (error) {
      const failure = failureFromError(error);
      ctx.logger.warn('job failed', {
        duration_ms: Math.round(now() - started),
        error_code: failure.code,
        error_type: failure.type,
        error_message: failure.message,
        retryable: failure.retryable,
      });
      throw error;
    }
  };
}
