import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import Fastify from 'fastify';
import { tesseraFastify } from '@tessera/gateway';
import {
  assertRefused,
  call,
  type FakeTessera,
  FRAMEWORKS,
  type SampleApp,
  SERVICE_TOKEN,
  startFakeTessera,
  startSampleApp,
} from './support.js';

for (const framework of FRAMEWORKS) {
  describe(`the gateway as ${framework} middleware`, () => {
    let tessera: FakeTessera;
    let app: SampleApp;
    before(async () => {
      tessera = await startFakeTessera();
      app = await startSampleApp(framework, { issuer: tessera.url, serviceToken: SERVICE_TOKEN, permissionCacheMs: 0 });
    });
    after(async () => {
      await app.close();
      await tessera.close();
    });
    beforeEach(() => {
      tessera.decide = () => false;
      tessera.checks.length = 0;
    });

    test('a valid token passes and its verified claims reach the handler', async () => {
      const token = await tessera.mint({
        sub: 'alice-id',
        clientId: 'pizza-app',
        scope: 'apim:api_view apim:api_create',
      });
      const answer = await call(`${app.url}/me`, 'GET', token);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.tessera.user, 'alice-id');
      assert.equal(answer.body.tessera.clientId, 'pizza-app');
      assert.deepEqual(answer.body.tessera.scopes, ['apim:api_view', 'apim:api_create']);
      assert.equal(answer.body.tessera.claims.iss, tessera.url);
      assert.equal(answer.body.tessera.claims.aud, 'tessera');
      assert.equal(typeof answer.body.tessera.claims.jti, 'string');
    });

    test('no token is 401 with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
      assertRefused(await call(`${app.url}/me`, 'GET'), 401);
      assertRefused(await call(`${app.url}/me`, 'GET', null, 'Basic YWxpY2U6cHc='), 401);
    });

    test('a token from another issuer is refused', async () => {
      const answer = await call(`${app.url}/me`, 'GET', await tessera.mint({ issuer: 'https://elsewhere.example' }));
      assertRefused(answer, 401, 'invalid_token');
      assert.match(answer.body.detail, /"iss"/);
    });

    test('a token for another audience is refused', async () => {
      const answer = await call(`${app.url}/me`, 'GET', await tessera.mint({ audience: 'someone-else' }));
      assertRefused(answer, 401, 'invalid_token');
      assert.match(answer.body.detail, /"aud"/);
    });

    test('an expired token is refused', async () => {
      const answer = await call(`${app.url}/me`, 'GET', await tessera.mint({ expiresIn: -60 }));
      assertRefused(answer, 401, 'invalid_token');
      assert.match(answer.body.detail, /expired/);
    });

    test('a token whose signature does not verify is refused', async () => {
      const forged = await tessera.mint({ key: await tessera.stranger(), kid: await decodeKid(await tessera.mint()) });
      assertRefused(await call(`${app.url}/me`, 'GET', forged), 401, 'invalid_token');
      const valid = await tessera.mint();
      const [header, payload] = valid.split('.');
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'admin' })).toString('base64url')}.${valid.split('.')[2]}`;
      assertRefused(await call(`${app.url}/me`, 'GET', tampered), 401, 'invalid_token');
    });

    test('a token signed by a key the issuer does not publish is refused', async () => {
      const answer = await call(`${app.url}/me`, 'GET', await tessera.mint({ key: await tessera.stranger() }));
      assertRefused(answer, 401, 'invalid_token');
      assert.match(answer.body.detail, /key/);
    });

    test('a JWT that is not an access token (typ) or is malformed is refused', async () => {
      assertRefused(await call(`${app.url}/me`, 'GET', await tessera.mint({ typ: 'JWT' })), 401, 'invalid_token');
      assertRefused(await call(`${app.url}/me`, 'GET', 'not-a-jwt'), 401, 'invalid_token');
    });

    test('a route requiring a scope refuses a token without it with 403 insufficient_scope', async () => {
      const answer = await call(`${app.url}/apis`, 'POST', await tessera.mint({ scope: 'apim:api_view' }));
      assertRefused(answer, 403, 'insufficient_scope');
      assert.deepEqual(answer.body.scopes, ['apim:api_create']);
      assert.match(answer.headers.get('www-authenticate')!, /scope="apim:api_create"/);
      const allowed = await call(
        `${app.url}/apis`,
        'POST',
        await tessera.mint({ sub: 'creator', scope: 'apim:api_view apim:api_create' }),
      );
      assert.equal(allowed.status, 201);
      assert.deepEqual(allowed.body, { createdBy: 'creator' });
    });

    test('a scoped route still refuses a bad token with 401, not 403', async () => {
      assertRefused(
        await call(`${app.url}/apis`, 'POST', await tessera.mint({ scope: 'apim:api_create', expiresIn: -60 })),
        401,
        'invalid_token',
      );
    });

    test("a route requiring a permission asks Tessera about the token's user, with the service token", async () => {
      tessera.decide = (question) => question.user === 'publisher-id' && question.resource.id === 'pizza-shack';
      const token = await tessera.mint({ sub: 'publisher-id' });
      const allowed = await call(`${app.url}/apis/pizza-shack/publish`, 'POST', token);
      assert.equal(allowed.status, 200);
      assert.deepEqual(allowed.body, { published: 'pizza-shack', by: 'publisher-id' });
      assert.deepEqual(tessera.checks[0], {
        user: 'publisher-id',
        permission: 'api:publish',
        resource: { type: 'api', id: 'pizza-shack' },
        authorization: `Bearer ${SERVICE_TOKEN}`,
      });
      const denied = await call(`${app.url}/apis/other-api/publish`, 'POST', token);
      assertRefused(denied, 403, 'insufficient_scope');
      assert.equal(denied.body.permission, 'api:publish');
      assert.deepEqual(denied.body.resource, { type: 'api', id: 'other-api' });
    });

    test('a permission route refuses without asking Tessera when the token is bad', async () => {
      assertRefused(await call(`${app.url}/apis/pizza-shack/publish`, 'POST'), 401);
      assert.equal(tessera.checks.length, 0);
    });

    test('scope and permission together: both must hold, and the token is verified once', async () => {
      tessera.decide = () => true;
      assert.equal(
        (await call(`${app.url}/apis/pizza-shack`, 'GET', await tessera.mint({ scope: 'apim:api_view' }))).status,
        200,
      );
      assertRefused(
        await call(`${app.url}/apis/pizza-shack`, 'GET', await tessera.mint({ scope: '' })),
        403,
        'insufficient_scope',
      );
      assert.equal(tessera.checks.length, 1, 'no permission check after the scope refused');
      tessera.decide = () => false;
      assertRefused(
        await call(`${app.url}/apis/pizza-shack`, 'GET', await tessera.mint({ scope: 'apim:api_view' })),
        403,
        'insufficient_scope',
      );
    });

    test('when Tessera cannot answer the permission check, the gateway fails closed with 503', async () => {
      tessera.decide = () => 403;
      const answer = await call(`${app.url}/apis/pizza-shack/publish`, 'POST', await tessera.mint());
      assert.equal(answer.status, 503);
      assert.match(answer.contentType, /^application\/problem\+json/);
      assert.equal(answer.body.type, 'https://tessera.dev/problems/unavailable');
    });
  });
}

async function decodeKid(token: string): Promise<string> {
  return (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
}

describe('the Fastify gateway without registering its plugin', () => {
  test('its pre-handlers still verify the token and set request.tessera', async () => {
    const tessera = await startFakeTessera();
    const app = Fastify();
    const gateway = tesseraFastify({ issuer: tessera.url });
    app.get('/me', { preHandler: gateway.requireScopes('a') }, async (request) => ({ user: request.tessera?.user }));
    try {
      const token = await tessera.mint({ sub: 'u-1', scope: 'a' });
      const answer = await app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(answer.statusCode, 200);
      assert.deepEqual(answer.json(), { user: 'u-1' });
      const refused = await app.inject({ method: 'GET', url: '/me' });
      assert.equal(refused.statusCode, 401);
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
    } finally {
      await app.close();
      await tessera.close();
    }
  });
});
