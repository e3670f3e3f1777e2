import type { OjsStore } from '@lookout/ojs-server';

/** Store methods that change what the server holds (sequence counters aside). */
const WRITES = /^(insert|update|delete|put|set|append|prune|clear)/;

/**
 * Wraps a store so that every state-changing call is counted: a request that got a 4xx must leave the
 * count where it was.
 */
export function countStoreWrites(store: OjsStore): { store: OjsStore; writes: () => number } {
  let writes = 0;
  const counted = new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof prop === 'string' && WRITES.test(prop)) {
        return (...args: unknown[]) => {
          writes++;
          return method.apply(target, args);
        };
      }
      return method.bind(target);
    },
  });
  return { store: counted, writes: () => writes };
}
