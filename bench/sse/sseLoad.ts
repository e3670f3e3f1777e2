import { Agent, request } from 'node:http';

export interface SseLoadResult {
  connected: number;
  failed: number;
  events: number;
  latenciesMs: number[];
}

const SENT_AT = '"sent_at":';

/**
 * Opens `clients` SSE connections to `url`, then records, for every event received during `durationMs`,
 * the delay between its `sent_at` and its arrival here. Connections are closed at the end.
 */
export async function sseLoad(
  url: string,
  clients: number,
  durationMs: number,
  log: (line: string) => void,
): Promise<SseLoadResult> {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const latencies: number[] = [];
  let recording = false;
  let events = 0;
  let failed = 0;
  const open: { destroy(): void }[] = [];
  const connectOne = () =>
    new Promise<void>((resolve) => {
      const req = request(url, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          failed++;
          res.resume();
          return resolve();
        }
        res.setEncoding('utf8');
        let pending = '';
        res.on('data', (chunk: string) => {
          const now = performance.timeOrigin + performance.now();
          if (!recording) return;
          pending += chunk;
          const cut = pending.lastIndexOf('\n\n');
          if (cut === -1) return;
          const complete = pending.slice(0, cut);
          pending = pending.slice(cut + 2);
          for (let at = complete.indexOf(SENT_AT); at !== -1; at = complete.indexOf(SENT_AT, at + 1)) {
            events++;
            latencies.push(
              now - Number.parseFloat(complete.slice(at + SENT_AT.length, at + SENT_AT.length + 24)),
            );
          }
        });
        res.on('error', () => undefined);
        open.push(res);
        resolve();
      });
      req.on('error', () => {
        failed++;
        resolve();
      });
      open.push(req);
      req.end();
    });
  for (let i = 0; i < clients; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, clients - i) }, connectOne));
  }
  log(`${clients - failed}/${clients} connected`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  recording = true;
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  recording = false;
  for (const item of open) item.destroy();
  agent.destroy();
  return { connected: clients - failed, failed, events, latenciesMs: latencies };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
