/**
 * The Tessera server for the HTTP benchmark (bench/http.ts), in a process of its own so the load
 * generator does not share its event loop. Takes the SQLite file to serve; prints one JSON line
 * `{"url": …}` once listening; closes (and exits, writing a --cpu-prof profile if asked) on SIGTERM.
 * With `--bare` instead of a file it serves the machine's ceiling: plain node:http reading and
 * parsing each body and answering a fixed decision, with no framework, authentication or engine.
 * With `--fastify` it serves the framework's peer: Fastify (the version Tessera uses) with its
 * default options and one POST route parsing the body and answering the same fixed decision.
 * Tessera is the compiled server (`dist/`, `npm run build:server`), as in production.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

const database = process.argv[2];
if (database === undefined) throw new Error('usage: http-server.ts <sqlite file> | --bare | --fastify');

let close: () => Promise<void>;
if (database === '--bare') {
  const answer = JSON.stringify({ allowed: true, revision: 1 });
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      JSON.parse(body);
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(answer),
      });
      response.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
  close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
} else if (database === '--fastify') {
  const answer = { allowed: true, revision: 1 };
  const app = Fastify();
  // Every path the benchmark asks (/v1/check, /v1/check/batch, /v1/check/targets) answers the fixed body.
  app.post('/*', async () => answer);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  close = () => app.close();
} else {
  const dist = new URL('../dist/', import.meta.url);
  if (!existsSync(new URL('server/server.js', dist)))
    throw new Error('the server is not built: run `npm run build:server` first');
  // The compiled modules, typed as their sources (same exports).
  const { DEFAULT_SETTINGS } = (await import(
    new URL('server/config.js', dist).href
  )) as typeof import('../src/server/config.js');
  const { startServer } = (await import(
    new URL('server/server.js', dist).href
  )) as typeof import('../src/server/server.js');
  const { createSqliteStore } = (await import(
    new URL('store/index.js', dist).href
  )) as typeof import('../src/store/index.js');
  const store = await createSqliteStore({ database, followIntervalMs: 0 });
  const server = await startServer({ ...DEFAULT_SETTINGS, database, port: 0, logLevel: 'error' }, { store });
  process.stdout.write(`${JSON.stringify({ url: server.url, revision: store.revision })}\n`);
  close = async () => {
    await server.close();
    await store.close();
  };
}

const stop = async () => {
  await close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
