import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { consoleRoutes } from '../../src/server/console.js';
import type { App } from '../../src/server/context.js';
import { type TestServer, assertProblem, startTestServer } from '../server/harness.js';

describe('console: serving the built files', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server.close());

  test('/ redirects to the console', async () => {
    const answer = await fetch(`${server.url}/`, { redirect: 'manual' });
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.get('location'), '/console/');
  });

  test('the console and its client routes answer index.html to anyone, without caching it', async () => {
    for (const path of ['/console', '/console/', '/console/organizations', '/console/groups/some-id']) {
      const answer = await server.anonymous.get(path);
      assert.equal(answer.status, 200, path);
      assert.match(answer.contentType, /^text\/html/);
      assert.match(String(answer.body), /<div id="root">/);
      assert.equal(answer.headers.get('cache-control'), 'no-cache');
      assert.match(answer.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    }
  });

  test('assets are served with long caching; a missing one is a 404 problem', async () => {
    const index = String((await server.anonymous.get('/console/')).body);
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    assert.ok(script !== undefined);
    const answer = await server.anonymous.get(script);
    assert.equal(answer.status, 200);
    assert.match(answer.contentType, /javascript/);
    assert.match(answer.headers.get('cache-control') ?? '', /immutable/);
    assertProblem(await server.anonymous.get('/console/assets/missing.js'), 404, 'route-not-found');
  });

  test('nothing outside the console directory is served', async () => {
    for (const path of [
      '/console/../package.json',
      '/console/%2e%2e/package.json',
      '/console/..%2fpackage.json',
      '/console/%2e%2e%2f%2e%2e%2fpackage.json',
    ]) {
      const answer = await server.anonymous.get(path);
      assert.notEqual(answer.status, 200, path);
      assert.doesNotMatch(String(JSON.stringify(answer.body)), /"workspaces"/, path);
    }
  });

  test('without a build, /console answers 503 saying how to build it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tessera-console-'));
    const app = Fastify() as unknown as App;
    try {
      await app.register(consoleRoutes, { directory: empty });
      const answer = await app.inject({ method: 'GET', url: '/console/organizations' });
      assert.equal(answer.statusCode, 503);
      assert.match(answer.headers['content-type'] as string, /^application\/problem\+json/);
      const problem = answer.json() as { type: string; detail: string };
      assert.equal(problem.type, 'https://tessera.dev/problems/console-not-built');
      assert.match(problem.detail, /npm run build:console/);
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
