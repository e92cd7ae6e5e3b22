import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SQLITE_ONLY, type TestServer, startTestServer } from './harness.js';

for (const kind of SQLITE_ONLY) {
  describe(`Akana: a guest may test only the APIs that allow anonymous access (${kind})`, () => {
    let server: TestServer;
    let closed: string;
    let open: string;

    before(async () => {
      server = await startTestServer(kind, { preset: 'akana' });
      const create = async (name: string, extra: Record<string, unknown>) => {
        const response = await server.admin.post('/v1/resources', {
          type: 'api',
          name,
          organization: server.home.name,
          ...extra,
        });
        assert.equal(response.status, 201, JSON.stringify(response.body));
        return response.body.resource;
      };
      const closedApi = await create('ledger', {});
      assert.equal(closedApi.anonymousAccess, false, 'off by default');
      closed = closedApi.id;
      const openApi = await create('weather', { anonymousAccess: true });
      assert.equal(openApi.anonymousAccess, true);
      open = openApi.id;
    });
    after(() => server.close());

    const guestMay = async (permission: string, api: string): Promise<boolean> => {
      const response = await server.admin.post('/v1/check', { permission, resource: { type: 'api', id: api } });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.allowed as boolean;
    };

    test('an API allows anonymous access only when set, off by default: the guest tests only those', async () => {
      assert.equal(await guestMay('api:test', closed), false);
      assert.equal(await guestMay('api:test', open), true);
    });

    test('guests still see every public API, whatever its anonymous access', async () => {
      assert.equal(await guestMay('api:view', closed), true);
      assert.equal(await guestMay('api:view', open), true);
    });

    test('a signed-in platform user tests an API that refuses anonymous access', async () => {
      const { user } = await server.user('pia');
      const response = await server.admin.post('/v1/check', {
        user: user.id,
        permission: 'api:test',
        resource: { type: 'api', id: closed },
      });
      assert.equal(response.body.allowed, true, JSON.stringify(response.body));
    });

    test('the explanation says the API does not allow anonymous access', async () => {
      const response = await server.admin.post('/v1/explain', {
        permission: 'api:test',
        resource: { type: 'api', id: closed },
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.allowed, false);
      assert.equal(response.body.explanation.denial.code, 'ANONYMOUS_NOT_ALLOWED');
      assert.equal(response.body.explanation.denial.reason, 'the API does not allow anonymous access');
    });

    test('anonymous access is switched on and off by editing the API', async () => {
      const on = await server.admin.patch(`/v1/resources/${closed}`, { anonymousAccess: true });
      assert.equal(on.status, 200, JSON.stringify(on.body));
      assert.equal(on.body.resource.anonymousAccess, true);
      assert.equal(await guestMay('api:test', closed), true);
      const renamed = await server.admin.patch(`/v1/resources/${closed}`, { name: 'ledger-v2' });
      assert.equal(renamed.body.resource.anonymousAccess, true, 'another edit keeps it');
      const off = await server.admin.patch(`/v1/resources/${closed}`, { anonymousAccess: false, name: 'ledger' });
      assert.equal(off.body.resource.anonymousAccess, false);
      assert.equal(await guestMay('api:test', closed), false);
    });

    test('documents carry anonymous access: export writes it, apply sets it', async () => {
      const exported = await server.admin.get('/v1/export');
      assert.equal(exported.status, 200);
      const home = exported.body.organizations.find((o: { name: string }) => o.name === server.home.name);
      const apis = home.resources as { name: string; anonymousAccess?: boolean }[];
      assert.equal(apis.find((r) => r.name === 'weather')?.anonymousAccess, true);
      assert.equal(apis.find((r) => r.name === 'ledger')?.anonymousAccess, undefined);
      const test = exported.body.permissions.find((p: { key: string }) => p.key === 'api:test');
      assert.equal(test.anonymousGated, true);
      const applied = await server.admin.post('/v1/apply', {
        kind: 'tessera/document',
        organizations: [
          {
            name: server.home.name,
            resources: [
              { type: 'api', name: 'ledger', anonymousAccess: true },
              { type: 'api', name: 'weather' },
            ],
          },
        ],
      });
      assert.equal(applied.status, 200, JSON.stringify(applied.body));
      assert.equal(await guestMay('api:test', closed), true);
      assert.equal(await guestMay('api:test', open), false);
    });
  });
}
