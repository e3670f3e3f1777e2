import type { FetchLike } from '@lookout/ojs-client';
import { createOjsServer, type OjsServer } from '@lookout/ojs-server';
import type { ServerOptionsInput } from '@lookout/ojs-server';
import { createBff, type Bff, type BffSettings, type CreateBffOptions } from '../createBff';
import type { ClusterConfig } from '../config/loadConfig';
import type { AuthProvider } from '../auth/AuthProvider';

/** Settings for tests: short periods, no SPA. */
export function testSettings(clusters: ClusterConfig[], overrides: Partial<BffSettings> = {}): BffSettings {
  return {
    clusters,
    webDir: null,
    upstreamTimeoutMs: 2000,
    maxUpstreamBodyBytes: 4 * 1024 * 1024,
    cacheTtlMs: 0,
    sampleIntervalMs: 5000,
    replayBufferSize: 10_000,
    heartbeatMs: 15_000,
    coalesceMs: 0,
    healthIntervalMs: 60_000,
    auth: { mode: 'none' },
    readOnly: false,
    ...overrides,
  };
}

/** `fetch` that hands every request to an in-process app (the embedded server), counting them. */
export function appFetch(
  handler: (req: Request) => Response | Promise<Response>,
): FetchLike & { count: number; paths: string[] } {
  const fn = Object.assign(
    async (input: string, init: RequestInit): Promise<Response> => {
      fn.count++;
      fn.paths.push(new URL(input).pathname);
      return handler(new Request(input, init));
    },
    { count: 0, paths: [] as string[] },
  );
  return fn;
}

export interface Harness {
  bff: Bff;
  server: OjsServer;
  fetch: ReturnType<typeof appFetch>;
  /** Calls the BFF in-process. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** JSON of a BFF call, asserting the status. */
  json<T = Record<string, unknown>>(path: string, init?: RequestInit, status?: number): Promise<T>;
  /** Headers for writes: JSON, same Origin and the CSRF token. */
  writeHeaders(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  serverOptions?: ServerOptionsInput;
  settings?: Partial<BffSettings>;
  bffOptions?: CreateBffOptions;
  auth?: AuthProvider;
  clusterId?: string;
}

/** A BFF over one embedded OJS server (memory store), wired through `fetch` (no sockets). */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const server = createOjsServer({ options: options.serverOptions });
  const fetch = appFetch((req) => server.fetch(req));
  const cluster = { id: options.clusterId ?? 'local', name: 'Local', url: 'http://ojs.test' };
  const bff = createBff(testSettings([cluster], options.settings), {
    defaultMetrics: false,
    fetchFor: () => fetch,
    ...(options.auth ? { auth: options.auth } : {}),
    ...options.bffOptions,
  });
  await bff.start();
  const request = async (path: string, init?: RequestInit) => bff.app.request(path, init);
  let csrf: string | undefined;
  const harness: Harness = {
    bff,
    server,
    fetch,
    request,
    async json<T>(path: string, init?: RequestInit, status = 200): Promise<T> {
      const res = await request(path, init);
      const text = await res.text();
      if (res.status !== status)
        throw new Error(`${init?.method ?? 'GET'} ${path}: expected ${status}, got ${res.status}: ${text}`);
      return JSON.parse(text) as T;
    },
    async writeHeaders() {
      if (csrf === undefined) {
        const me = (await (await request('/api/me')).json()) as { csrf_token: string };
        csrf = me.csrf_token;
      }
      return { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Origin: 'http://localhost' };
    },
    async close() {
      await bff.close();
      await server.close();
    },
  };
  return harness;
}
