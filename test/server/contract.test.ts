import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestServer, assertProblem, startTestServer } from './harness.js';

/** Operations open to any signed-in caller because they act on the caller's own account. */
const SELF_SERVICE = new Set([
  'GET /v1/session',
  'DELETE /v1/session',
  'GET /v1/tokens',
  'POST /v1/tokens',
  'DELETE /v1/tokens/{id}',
  'PUT /v1/users/{user}/password',
  // Approval requests: the caller's own, or those the flow's approver permission lets it decide, judged per request.
  'GET /v1/approvals',
  'GET /v1/approvals/{approval}',
  'POST /v1/approvals/{approval}/approve',
  'POST /v1/approvals/{approval}/reject',
  'GET /v1/installation',
  'GET /v1/me/access',
  // The caller's own second factor, sessions and OAuth consents; the consent screen's client and decision.
  'GET /v1/me/two-factor',
  'POST /v1/me/two-factor',
  'DELETE /v1/me/two-factor',
  'POST /v1/me/two-factor/confirm',
  'POST /v1/me/two-factor/recovery-codes',
  'GET /v1/sessions',
  'DELETE /v1/sessions/{id}',
  'GET /v1/oauth/clients/{clientId}',
  'POST /v1/oauth/consent',
  'GET /v1/oauth/consents',
  'DELETE /v1/oauth/consents/{clientId}',
  'POST /v1/elevations',
  'GET /v1/elevations',
]);

describe('the HTTP contract (docs/http-api.md)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite', { bodyLimit: 64 * 1024 });
  });
  after(() => server.close());

  test('/openapi.json is an OpenAPI 3.1 document naming the permission each management operation requires', async () => {
    const response = await server.anonymous.get('/openapi.json');
    assert.equal(response.status, 200);
    const document = response.body as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { 'x-tessera-permission'?: { permission: string; at: string }; security?: unknown[] }>
      >;
    };
    assert.equal(document.openapi, '3.1.0');
    const unguarded: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const [method, operation] of Object.entries(methods)) {
        operations++;
        const name = `${method.toUpperCase()} ${path}`;
        const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
        const permission = operation['x-tessera-permission'];
        if (permission !== undefined) assert.match(permission.permission, /^[a-z-]+:[a-z-]+$/, name);
        if (permission === undefined && !isPublic && !SELF_SERVICE.has(name)) unguarded.push(name);
      }
    }
    assert.ok(operations >= 10);
    assert.deepEqual(unguarded, [], 'every management operation names its permission');
  });

  test('/docs serves the interactive API documentation', async () => {
    const response = await server.anonymous.get('/docs/');
    assert.equal(response.status, 200);
    assert.match(String(response.body), /swagger/i);
  });

  test('/healthz answers 200 with the revision; /metrics speaks the Prometheus text format', async () => {
    const health = await server.anonymous.get('/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    assert.equal(health.body.revision, server.store.revision);
    await server.admin.post('/v1/check', {
      user: 'admin',
      permission: 'project:view',
      resource: { type: 'organization', id: server.home.name },
    });
    const metrics = await server.anonymous.get('/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.contentType, /^text\/plain/);
    const text = String(metrics.body);
    for (const name of [
      'tessera_checks_total',
      'tessera_decision_seconds_bucket',
      'tessera_revision',
      'tessera_change_log_lag',
      'tessera_http_requests_total',
    ]) {
      assert.match(text, new RegExp(`^${name}`, 'm'), name);
    }
    assert.match(text, new RegExp(`^tessera_revision ${server.store.revision}$`, 'm'));
  });

  test('every error is problem+json with a stable type, and none carries a stack trace', async () => {
    assertProblem(await server.anonymous.get('/v1/nowhere'), 404, 'route-not-found');
    assertProblem(await server.anonymous.get('/v1/organizations'), 401, 'unauthorized');
    assertProblem(
      await server.admin.request('POST', '/v1/organizations', 'name=x', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      415,
      'unsupported-media-type',
    );
    assertProblem(
      await server.admin.request('POST', '/v1/organizations', '{"name": "x",', { 'content-type': 'application/json' }),
      400,
      'bad-request',
    );
    const catalogue = await server.anonymous.get('/problems');
    assert.ok((catalogue.body as { type: string }[]).some((p) => p.type.endsWith('/privilege-escalation')));
  });

  test('bodies over the size limit are refused with 413 before they are parsed', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(200 * 1024) });
    assertProblem(
      await server.admin.request('POST', '/v1/organizations', huge, { 'content-type': 'application/json' }),
      413,
      'payload-too-large',
    );
  });
});
