import { type JobContext } from './JobContext';

/** Continues the chain: calls the next middleware, or the handler after the last one. */
export type Next = () => Promise<unknown>;

/**
 * Wraps job execution (onion model): code before `await next()` runs on the way in, in registration
 * order; code after it runs on the way out, in reverse order. The value `next()` resolves with is the
 * handler's result; a middleware may return another value to replace it, or throw to fail the job.
 */
export type Middleware = (ctx: JobContext, next: Next) => Promise<unknown>;

/** Processes one job. The resolved value becomes the job's result unless `ctx.setResult` was called. */
export type JobHandler<C extends JobContext = JobContext> = (ctx: C) => unknown;

/**
 * Composes middleware around a handler into one function. Middleware run in array order on the way in
 * and in reverse order on the way out. Calling `next()` twice from one middleware is a programming error
 * and rejects. Synchronous throws become rejections.
 */
export function composeMiddleware(
  middleware: readonly Middleware[],
  handler: JobHandler,
): (ctx: JobContext) => Promise<unknown> {
  const chain = [...middleware];
  return (ctx) => {
    let lastIndex = -1;
    const dispatch = async (index: number): Promise<unknown> => {
      if (index <= lastIndex) throw new Error('next() called more than once by the same middleware');
      lastIndex = index;
      const current = chain[index];
      if (current === undefined) return await handler(ctx);
      return await current(ctx, () => dispatch(index + 1));
    };
    return dispatch(0);
  };
}
