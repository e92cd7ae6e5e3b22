import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { tesseraFastify } from '@tessera/gateway';
import { applicationRole } from '../../src/core/rules.js';
import { newSecret, secretHash } from '../../src/server/passwords.js';
import { DATABASES, startTestServer, type TestServer } from '../server/harness.js';
import { assertRefused, call } from './support.js';

/** Registers an application with PRODUCTION keys directly in the store, as the shared contract lays the rows out. */
async function applicationWithKeys(
  server: TestServer,
  owner: string,
  name: string,
): Promise<{ clientId: string; clientSecret: string }> {
  const organization = server.home.id;
  const created = applicationRole(server.store.engine, owner, name, 'PRODUCTION', organization);
  assert.ok(!('error' in created), 'the application role can be made');
  const application = randomUUID();
  const clientId = randomBytes(24).toString('base64url');
  const clientSecret = newSecret('tcs');
  const now = new Date().toISOString();
  await server.store.write(created.changes, {
    actor: SYSTEM_ACTOR,
    alongside: async (tx) => {
      await tx
        .insertInto('applications')
        .values({ id: application, owner, organization, name, description: null, created_at: now })
        .execute();
      await tx
        .insertInto('application_keys')
        .values({
          id: randomUUID(),
          application,
          key_type: 'PRODUCTION',
          client_id: clientId,
          secret_hash: secretHash(clientSecret),
          redirect_uris: '[]',
          created_at: now,
          revoked_at: null,
        })
        .execute();
    },
  });
  return { clientId, clientSecret };
}

for (const kind of DATABASES) {
  describe(`the gateway with tokens issued by a real Tessera (${kind})`, () => {
    let server: TestServer;
    let app: FastifyInstance;
    let appUrl: string;
    let publisher: string;
    let credentials: { clientId: string; clientSecret: string };

    before(async () => {
      server = await startTestServer(kind);
      const { user } = await server.user('publisher', { groups: ['API Publisher'] });
      publisher = user.id;
      const publisherRole =
        server.store.engine.findRole('API Publisher', server.home.id) ?? server.store.engine.findRole('API Publisher');
      const adminRole = server.store.engine.findRole('Admin', server.home.id) ?? server.store.engine.findRole('Admin');
      assert.ok(publisherRole !== undefined && adminRole !== undefined);
      await server.write([
        { op: 'scope.put', scope: { name: 'pets:read', description: 'Read pets', roles: [publisherRole.id] } },
        { op: 'scope.put', scope: { name: 'pets:write', description: 'Change pets', roles: [adminRole.id] } },
      ]);
      credentials = await applicationWithKeys(server, publisher, 'PetShop');

      // The sample API: its own Fastify app, trusting Tessera's tokens and asking Tessera about permissions.
      app = Fastify();
      const gateway = tesseraFastify({ issuer: server.url, serviceToken: server.admin.token!, permissionCacheMs: 0 });
      await app.register(gateway);
      app.get('/pets', { preHandler: gateway.requireScopes('pets:read') }, async (request) => ({
        pets: ['rex'],
        user: request.tessera!.user,
        client: request.tessera!.clientId,
      }));
      app.post('/pets', { preHandler: gateway.requireScopes('pets:write') }, async () => ({ created: true }));
      app.post<{ Params: { organization: string } }>(
        '/organizations/:organization/apis/publish',
        {
          preHandler: gateway.requirePermission('api:publish', (request) => ({
            type: 'organization',
            id: request.params.organization,
          })),
        },
        async () => ({ published: true }),
      );
      app.delete<{ Params: { organization: string } }>(
        '/organizations/:organization/users',
        {
          preHandler: gateway.requirePermission('user:manage', (request) => ({
            type: 'organization',
            id: request.params.organization,
          })),
        },
        async () => ({ deleted: true }),
      );
      appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    });
    after(async () => {
      await app?.close();
      await server?.close();
    });

    const clientCredentialsToken = async (scope: string): Promise<{ status: number; body: any }> => {
      const response = await fetch(`${server.url}/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
      });
      return { status: response.status, body: await response.json() };
    };

    test('a client-credentials token opens the route its scope allows, and not the one it does not', async () => {
      const issued = await clientCredentialsToken('pets:read pets:write');
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      assert.equal(issued.body.scope, 'pets:read', "only the scopes the owner's roles allow are granted");
      const read = await call(`${appUrl}/pets`, 'GET', issued.body.access_token);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.deepEqual(read.body, { pets: ['rex'], user: publisher, client: credentials.clientId });
      assertRefused(await call(`${appUrl}/pets`, 'POST', issued.body.access_token), 403, 'insufficient_scope');
    });

    test('a permission route asks Tessera about the application owner', async () => {
      const { body } = await clientCredentialsToken('pets:read');
      const published = await call(
        `${appUrl}/organizations/${server.home.name}/apis/publish`,
        'POST',
        body.access_token,
      );
      assert.equal(published.status, 200, JSON.stringify(published.body));
      assertRefused(
        await call(`${appUrl}/organizations/${server.home.name}/users`, 'DELETE', body.access_token),
        403,
        'insufficient_scope',
      );
    });

    test('a Tessera session token or a forged token is not an access token', async () => {
      assertRefused(await call(`${appUrl}/pets`, 'GET', server.admin.token!), 401, 'invalid_token');
      const { body } = await clientCredentialsToken('pets:read');
      const [header, payload, signature] = (body.access_token as string).split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, scope: 'pets:read pets:write' })).toString('base64url')}.${signature}`;
      assertRefused(await call(`${appUrl}/pets`, 'POST', forged), 401, 'invalid_token');
    });
  });
}
