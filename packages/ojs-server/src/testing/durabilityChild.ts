/**
 * Child process of the durability test: serves an OJS server on a SQLite file until it is killed.
 * argv: <database path>. Prints `PORT <n>` once listening.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createOjsServer } from '../createOjsServer';
import { SqliteStore } from '../store/SqliteStore';

const path = process.argv[2];
if (path === undefined) {
  process.stderr.write('usage: durabilityChild <db path>\n');
  process.exit(2);
}
const server = createOjsServer({ store: new SqliteStore({ path }) });
serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(`PORT ${info.port}\n`);
});
