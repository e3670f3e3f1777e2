import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOjsServer, type OjsServer } from '../createOjsServer';

/** Served by @hono/node-server, bodies are read straight from the Node request stream. */
describe('served over HTTP by @hono/node-server', () => {
  let server: OjsServer;
  let httpServer: http.Server;
  let port = 0;

  beforeAll(async () => {
    server = createOjsServer({ options: { maxBodyBytes: 4096, autoStartScheduler: false } });
    httpServer = await new Promise<http.Server>((resolve) => {
      const s = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(s as http.Server),
      );
    });
    port = (httpServer.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await server.close();
  });

  const send = (
    body: string | string[],
    headers: Record<string, string>,
    path = '/ojs/v1/jobs',
  ): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
      });
      req.on('error', reject);
      for (const chunk of Array.isArray(body) ? body : [body]) req.write(chunk);
      req.end();
    });

  it('enqueues with the exact headers', async () => {
    const body = JSON.stringify({ type: 'a.b', args: [1] });
    const res = await send(body, {
      'content-type': 'application/openjobspec+json',
      'content-length': String(body.length),
    });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/openjobspec+json');
    expect(res.headers['ojs-version']).toBe('1.0');
    expect(res.headers['location']).toMatch(/^\/ojs\/v1\/jobs\//);
  });

  it('answers 413 to a chunked body that grows past the limit', async () => {
    const chunks = Array.from({ length: 10 }, () => 'x'.repeat(1000));
    const res = await send(chunks, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(res.status).toBe(413);
    expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(server.store.totalCounts().available).toBe(1);
  });

  it('answers 413 from Content-Length alone and 400 to malformed JSON', async () => {
    const big = 'y'.repeat(5000);
    expect(
      (await send(big, { 'content-type': 'application/json', 'content-length': String(big.length) })).status,
    ).toBe(413);
    const bad = '{ nope';
    const res = await send(bad, { 'content-type': 'application/json', 'content-length': String(bad.length) });
    expect(res.status).toBe(400);
    expect(res.body).toContain('invalid_payload');
  });
});
