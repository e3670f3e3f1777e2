import type { ConformanceTarget } from '@lookout/test-kit';
import { createOjsServer } from '../createOjsServer';
import type { OjsStore } from '../store/OjsStore';

/** A conformance target factory: a fresh in-process server (test hooks on) per case. */
export function inProcessTarget(makeStore: () => OjsStore): () => Promise<ConformanceTarget> {
  return () => {
    const server = createOjsServer({
      store: makeStore(),
      options: { testHooks: true, schedulerIntervalMs: 50 },
    });
    return Promise.resolve({
      baseUrl: 'http://ojs.test',
      fetch: server.fetch,
      close: () => server.close(),
    });
  };
}
