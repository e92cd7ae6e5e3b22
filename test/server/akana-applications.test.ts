import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Client, DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`Akana: app admins, developers and platform users register and manage their own applications (${kind})`, () => {
    let server: TestServer;
    /** An API in the home organization, where every signed-in user is an API Platform User. */
    let openApi: string;
    /** An organization without the platform users' mapping, and an API there: only roles mapped there count. */
    let closed: string;
    let closedApi: string;

    before(async () => {
      server = await startTestServer(kind, { preset: 'akana' });
      const org = await server.admin.post('/v1/organizations', { name: 'closed' });
      assert.equal(org.status, 201, JSON.stringify(org.body));
      closed = org.body.organization.id;
      const everyone = server.store.engine
        .mappingsAt('organization', closed)
        .filter((m) => m.subject.kind === 'everyone');
      assert.equal(everyone.length, 1);
      openApi = randomUUID();
      closedApi = randomUUID();
      const api = (id: string, organization: string) => ({
        op: 'resource.put' as const,
        resource: { id, type: 'api', name: 'weather', organization, project: null, private: false },
      });
      await server.write([
        ...everyone.map((m) => ({ op: 'mapping.remove' as const, id: m.id })),
        api(openApi, server.home.id),
        api(closedApi, closed),
      ]);
    });
    after(() => server.close());

    /** Registers an application, generates its keys, connects it to the API, makes an API key; answers its id. */
    const lifecycle = async (client: Client, name: string, organization: string, api: string) => {
      const created = await client.post('/v1/applications', { name, organization });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.application.id as string;
      const keys = await client.post(`/v1/applications/${id}/keys`, { keyType: 'PRODUCTION' });
      assert.equal(keys.status, 201, JSON.stringify(keys.body));
      const subscribed = await client.post(`/v1/applications/${id}/subscriptions`, { api });
      assert.equal(subscribed.status, 201, JSON.stringify(subscribed.body));
      const apiKey = await client.post(`/v1/applications/${id}/api-keys`, { name: 'ci' });
      assert.equal(apiKey.status, 201, JSON.stringify(apiKey.body));
      return id;
    };

    test('an API Platform User (every signed-in user) registers an application and manages it', async () => {
      const { client } = await server.user('pat');
      const id = await lifecycle(client, 'forecast', server.home.name, openApi);
      assert.equal((await client.delete(`/v1/applications/${id}`)).status, 200);
    });

    test('an App Admin (App Team Member) registers and manages an application', async () => {
      const { user, client } = await server.user('ada');
      assertProblem(await client.post('/v1/applications', { name: 'radar', organization: 'closed' }), 403, 'forbidden');
      const mapped = await server.admin.post('/v1/mappings', {
        role: 'App Admin',
        subject: { kind: 'user', id: user.id },
        target: { type: 'organization', id: 'closed' },
      });
      assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
      assert.equal(mapped.body.mapping.role.name, 'App Team Member');
      const id = await lifecycle(client, 'radar', 'closed', closedApi);
      assert.equal((await client.delete(`/v1/applications/${id}`)).status, 200);
    });

    test('a Developer registers and manages an application', async () => {
      const { user, client } = await server.user('dev');
      assertProblem(
        await client.post('/v1/applications', { name: 'storms', organization: 'closed' }),
        403,
        'forbidden',
      );
      // Developer is an infrastructure role (not assignable over the API): mapped by the system.
      await server.write([
        {
          op: 'mapping.add',
          mapping: {
            id: randomUUID(),
            role: server.store.engine.findRole('Developer')!.id,
            subject: { kind: 'user', id: user.id },
            target: { level: 'organization', id: closed },
          },
        },
      ]);
      const id = await lifecycle(client, 'storms', 'closed', closedApi);
      assert.equal((await client.delete(`/v1/applications/${id}`)).status, 200);
    });

    test("a platform user cannot manage another user's application", async () => {
      const { client: owner } = await server.user('olga');
      const { client: other } = await server.user('omar');
      const id = await lifecycle(owner, 'tides', server.home.name, openApi);
      assertProblem(await other.delete(`/v1/applications/${id}`), 404, 'not-found');
      assertProblem(await other.post(`/v1/applications/${id}/keys`, { keyType: 'SANDBOX' }), 404, 'not-found');
    });

    test('a holder of every permission (Tenant Manager) registers an application', async () => {
      const created = await server.admin.post('/v1/applications', { name: 'ops', organization: 'closed' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    });
  });
}
