/**
 * Baseline for the SSE bench (run as its own process): the least a Node server can do to fan events out,
 * `node:http` writing one pre-serialised frame per event to every open response. Same rate, same payload
 * shape as the BFF run.
 */
import { createServer, type ServerResponse } from 'node:http';

const port = Number(process.env.PORT ?? 0);
const rate = Number(process.env.RATE ?? 5);
const clients = new Set<ServerResponse>();
const server = createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.write('retry: 3000\n\n');
  clients.add(res);
  res.once('close', () => clients.delete(res));
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : port}`);
});
let n = 0;
const ticker = setInterval(() => {
  const sentAt = performance.timeOrigin + performance.now();
  const event = {
    cluster: 'bench',
    type: 'job.completed',
    time: new Date(sentAt).toISOString(),
    job_id: `job-${n}`,
    queue: 'bench',
    job_type: 'bench.tick',
    data: { n, sent_at: sentAt, job_type: 'bench.tick', queue: 'bench', duration_ms: 12, attempt: 1 },
  };
  const frame = `id: ${n++}\nevent: job.completed\ndata: ${JSON.stringify(event)}\n\n`;
  for (const res of clients) res.write(frame);
}, 1000 / rate);
process.once('SIGTERM', () => {
  clearInterval(ticker);
  for (const res of clients) res.end();
  server.close(() => process.exit(0));
});
