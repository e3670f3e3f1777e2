import { createOjsServer, type OjsServer, type ServerOptionsInput } from '@lookout/ojs-server';
import { serveFetchHandler } from '@lookout/test-kit';
import { Client } from '../Client';

export interface EmbeddedServer {
  server: OjsServer;
  /** `http://127.0.0.1:<port>` */
  url: string;
  client: Client;
  /** Number of requests received per path (e.g. `/ojs/v1/workers/fetch`). */
  requests: Map<string, number>;
  /** Make the next requests to paths matching `match` answer 503 (until `heal()`). */
  failPaths(match: (path: string) => boolean): void;
  heal(): void;
  close(): Promise<void>;
}

/**
 * The embedded OJS server served over real HTTP on an ephemeral port, with request counting and
 * switchable 503 answers (a failing upstream) in front of it. For tests.
 */
export async function startEmbeddedServer(options: ServerOptionsInput = {}): Promise<EmbeddedServer> {
  const server = createOjsServer({ options });
  const requests = new Map<string, number>();
  let failing: ((path: string) => boolean) | undefined;
  const served = await serveFetchHandler(async (request) => {
    const path = new URL(request.url).pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if (failing?.(path)) {
      return new Response(
        JSON.stringify({ error: { code: 'backend_unavailable', message: 'maintenance', retryable: true } }),
        { status: 503, headers: { 'content-type': 'application/json' } },
      );
    }
    return server.fetch(request);
  });
  return {
    server,
    url: served.baseUrl,
    client: new Client({ url: served.baseUrl }),
    requests,
    failPaths: (match) => {
      failing = match;
    },
    heal: () => {
      failing = undefined;
    },
    close: async () => {
      await served.close();
      await server.close();
    },
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 10_000, intervalMs = 25, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
