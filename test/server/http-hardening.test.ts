import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Client, type TestServer, assertProblem, startTestServer } from './harness.js';

/** Sends raw bytes and answers everything the server writes back before closing. */
function raw(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
}

describe('framework errors and security headers', () => {
  let server: TestServer;
  const metricsToken = 'metrics-secret-token';
  before(async () => {
    server = await startTestServer('SQLite', { metricsToken, bodyLimit: 64 * 1024 });
  });
  after(() => server.close());

  test('a start on a busy machine is not cut short: the plugins have no deadline', () => {
    assert.equal(server.server.app.initialConfig.pluginTimeout, 0);
  });

  test('a request whose headers are too large answers 431 problem+json', async () => {
    const answer = await raw(server.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 431 /);
    assert.match(answer, /content-type: application\/problem\+json/i);
    assert.match(answer, /x-content-type-options: nosniff/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    assert.equal(body.type, 'https://tessera.dev/problems/header-too-large');
    assert.equal(body.status, 431);
  });

  test('a malformed request line answers 400 problem+json', async () => {
    const answer = await raw(server.url, 'NOT HTTP AT ALL\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /application\/problem\+json/);
  });

  test('bad JSON, an unsupported type, a too-large body and an unknown route answer problem+json', async () => {
    assertProblem(await server.admin.post('/v1/roles', '{"name": '), 400, 'bad-request');
    assertProblem(
      await server.admin.request('POST', '/v1/roles', 'name=x', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      415,
      'unsupported-media-type',
    );
    assertProblem(await server.admin.post('/v1/roles', { name: 'x'.repeat(128 * 1024) }), 413, 'payload-too-large');
    assertProblem(await server.admin.get('/v1/nowhere'), 404, 'route-not-found');
  });

  test('a DELETE with a body is refused before it runs', async () => {
    const created = await server.admin.post('/v1/roles', { name: 'Kept' });
    assert.equal(created.status, 201);
    const revision = server.store.revision;
    const refused = await server.admin.request('DELETE', `/v1/roles/${created.body.role.id}`, 'stray bytes', {
      'content-type': 'text/plain',
    });
    assertProblem(refused, 400, 'bad-request');
    const json = await server.admin.request('DELETE', `/v1/roles/${created.body.role.id}`, '{}');
    assertProblem(json, 400, 'bad-request');
    assert.equal(server.store.revision, revision);
    assert.ok(server.store.engine.role(created.body.role.id) !== undefined);
  });

  test('every answer says nosniff; answers carrying secrets are never stored', async () => {
    for (const path of ['/healthz', '/openapi.json', '/v1/roles', '/v1/nowhere', '/docs/static/index.html', '/']) {
      const answer = await server.admin.get(path);
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', path);
    }
    const signIn = await server.anonymous.post('/v1/session', {
      username: 'admin',
      password: server.adminPassword,
      mode: 'token',
    });
    assert.equal(signIn.status, 200);
    assert.equal(signIn.headers.get('cache-control'), 'no-store');
    const token = await server.admin.post('/v1/tokens', { name: 'ci' });
    assert.equal(token.status, 201, JSON.stringify(token.body));
    assert.equal(token.headers.get('cache-control'), 'no-store');
  });

  test('the docs answer a CSP that forbids framing them', async () => {
    const docs = await server.anonymous.get('/docs/static/index.html');
    assert.equal(docs.status, 200);
    const csp = docs.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /default-src 'self'/);
  });

  test('/metrics needs its token when one is configured', async () => {
    assertProblem(await server.anonymous.get('/metrics'), 401, 'unauthorized');
    assertProblem(await new Client(server.url, 'wrong').get('/metrics'), 401, 'unauthorized');
    const metrics = await new Client(server.url, metricsToken).get('/metrics');
    assert.equal(metrics.status, 200);
    assert.match(String(metrics.body), /tessera_/);
  });
});
