import { type Middleware } from '../composeMiddleware';
import { HandlerPanicError } from '../JobError';

/**
 * Exception recovery: whatever a handler throws that is not an `Error` (a string, an object, undefined)
 * becomes a `HandlerPanicError` (code `handler_panic`) with a readable message and stack, and the crash
 * is logged with its stack. Errors and NonRetryable wrappers pass through unchanged.
 */
export function recoveryMiddleware(): Middleware {
  return async (ctx, next) => {
    try {
      return await next();
    } catch (error) {
      if (error instanceof Error) throw error;
      const panic = new HandlerPanicError(error);
      ctx.logger.error('handler threw a non-Error value', { thrown: String(error), stack: panic.stack });
      throw panic;
    }
  };
}
