import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * How the proxy answers: `pass` forwards to the real server; the others are the ways an upstream goes wrong.
 * `reset` destroys the connection without an answer, `midReset` after half a JSON body.
 */
export type FaultMode = 'pass' | 'html' | 'truncated' | 'reset' | 'midReset' | 'huge' | 'slow' | 'status500';

/** Size of the `huge` answer. */
export const HUGE_BODY_BYTES = 64 * 1024 * 1024;

/**
 * A real HTTP proxy in front of an OJS server that can misbehave on demand, or go away entirely (`down()`,
 * then `up()` on the same port).
 */
export class FaultProxy {
  mode: FaultMode = 'pass';
  /** Requests answered with a fault so far. */
  faults = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private port = 0;

  private constructor(private readonly target: string) {}

  static async start(target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(target);
    await proxy.up();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens (again) on the proxy's port. */
  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and cuts every connection: the upstream is down. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  close(): Promise<void> {
    return this.down();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    if (this.mode === 'pass') return this.forward(req, res);
    this.faults++;
    switch (this.mode) {
      case 'html':
        res
          .writeHead(200, { 'Content-Type': 'text/html' })
          .end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      case 'status500':
        res
          .writeHead(500, { 'Content-Type': 'text/html' })
          .end('<html><body>Internal Server Error</body></html>');
        return;
      case 'truncated':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"jobs":[{"id":"019a","type":"em');
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'midReset':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4096' });
        res.write('{"jobs":[{"id":"019a",');
        setImmediate(() => req.socket.destroy());
        return;
      case 'huge':
        return this.huge(res);
      case 'slow': {
        // Answers long after any sane timeout (the test's cleanup cancels it).
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (!res.destroyed) res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
        }, 60_000);
        this.timers.add(timer);
        return;
      }
    }
  }

  private huge(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    res.write('{"jobs":');
    const pump = (): void => {
      while (sent < HUGE_BODY_BYTES / chunk.length && !res.destroyed) {
        sent++;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end('[]}');
    };
    pump();
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const upstream = request(
      new URL(req.url ?? '/', this.target),
      { method: req.method, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once('error', () => res.destroy());
      },
    );
    upstream.once('error', () => res.destroy());
    res.once('close', () => upstream.destroy());
    req.pipe(upstream);
  }
}
