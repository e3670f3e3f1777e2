import { describe, expect, it } from 'vitest';
import { composeMiddleware, type Middleware } from './composeMiddleware';
import { type JobContext } from './JobContext';
import { silentLogger } from './logger';

function context(): JobContext {
  return {
    job: { id: 'j1', type: 'a.b', state: 'active', queue: 'default', args: [], attempt: 1 },
    id: 'j1',
    type: 'a.b',
    queue: 'default',
    args: [],
    meta: {},
    attempt: 1,
    maxAttempts: 3,
    workerId: 'w1',
    signal: new AbortController().signal,
    logger: silentLogger,
    values: new Map(),
    setResult: () => undefined,
    progress: () => Promise.resolve(),
  };
}

describe('composeMiddleware', () => {
  it('runs middleware in onion order around the handler', async () => {
    const trace: string[] = [];
    const mw =
      (name: string): Middleware =>
      async (_ctx, next) => {
        trace.push(`${name}:before`);
        const r = await next();
        trace.push(`${name}:after`);
        return r;
      };
    const run = composeMiddleware([mw('a'), mw('b'), mw('c')], () => {
      trace.push('handler');
      return 42;
    });
    await expect(run(context())).resolves.toBe(42);
    expect(trace).toEqual(['a:before', 'b:before', 'c:before', 'handler', 'c:after', 'b:after', 'a:after']);
  });

  it('lets a middleware replace the result or short-circuit', async () => {
    const double: Middleware = async (_ctx, next) => ((await next()) as number) * 2;
    const run = composeMiddleware([double], () => 21);
    await expect(run(context())).resolves.toBe(42);
    let called = false;
    const skip: Middleware = () => Promise.resolve('cached');
    const run2 = composeMiddleware([skip], () => {
      called = true;
    });
    await expect(run2(context())).resolves.toBe('cached');
    expect(called).toBe(false);
  });

  it('propagates handler errors outward through every middleware', async () => {
    const seen: string[] = [];
    const catcher =
      (name: string): Middleware =>
      async (_ctx, next) => {
        try {
          return await next();
        } catch (e) {
          seen.push(`${name}:${(e as Error).message}`);
          throw e;
        }
      };
    const run = composeMiddleware([catcher('outer'), catcher('inner')], () => {
      throw new Error('boom');
    });
    await expect(run(context())).rejects.toThrow('boom');
    expect(seen).toEqual(['inner:boom', 'outer:boom']);
  });

  it('turns synchronous throws of middleware into rejections', async () => {
    const bad: Middleware = () => {
      throw new Error('sync');
    };
    const run = composeMiddleware([bad], () => 1);
    await expect(run(context())).rejects.toThrow('sync');
  });

  it('rejects when a middleware calls next() twice', async () => {
    const twice: Middleware = async (_ctx, next) => {
      await next();
      return next();
    };
    let calls = 0;
    const run = composeMiddleware([twice], () => ++calls);
    await expect(run(context())).rejects.toThrow(/more than once/);
    expect(calls).toBe(1);
  });

  it('is reusable: each call gets a fresh chain', async () => {
    let n = 0;
    const run = composeMiddleware([async (_c, next) => next()], () => ++n);
    await run(context());
    await expect(run(context())).resolves.toBe(2);
  });
});
