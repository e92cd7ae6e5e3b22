import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { roleRecord } from '../../src/core/model.js';
import { wso2ApimScopes } from '../fixtures/reference.js';
import { type Client, DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

interface TenantConfScope {
  Name: string;
  Roles: string;
  Description?: string;
}
interface TenantConf {
  RESTAPIScopes: { Scope: TenantConfScope[] };
  RoleMappings?: Record<string, string>;
}

const reference = wso2ApimScopes();

/** The shipped table (roles as of 4.7.0) as WSO2's tenant-conf.json writes it. */
const shipped = (): TenantConf => ({
  RESTAPIScopes: { Scope: reference.scopes.map((s) => ({ Name: s.name, Roles: s.roles.join(',') })) },
});

const rolesByScope = (json: TenantConf) =>
  new Map(json.RESTAPIScopes.Scope.map((s) => [s.Name, new Set(s.Roles.split(','))]));

async function scopeNamesOf(client: Client, role: string): Promise<string[]> {
  const response = await client.get(`/v1/scopes?role=${encodeURIComponent(role)}&limit=500`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return (response.body.items as { name: string }[]).map((s) => s.name).sort();
}

for (const kind of DATABASES) {
  describe(`tenant-conf.json scope-role table (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind, { preset: 'wso2-apim', organization: 'carbon.super' });
    });
    after(() => server.close());

    /** A signed-in user holding the given roles at the home organization. */
    async function userWith(username: string, roles: string[]) {
      // Mapped before signing in: the preset's sign-in permission (admin:login) comes with the roles.
      const { user, client } = await server.user(username, { roles });
      return { user, client };
    }

    test('exports the preset’s 107 scopes in WSO2’s shape, each with the roles of the shipped table', async () => {
      const response = await server.admin.get('/v1/scopes/tenant-conf');
      assert.equal(response.status, 200);
      const exported = response.body as TenantConf;
      assert.equal(exported.RESTAPIScopes.Scope.length, 107);
      assert.equal(exported.RoleMappings, undefined);
      assert.equal(typeof exported.RESTAPIScopes.Scope[0]!.Roles, 'string');
      assert.deepEqual(rolesByScope(exported), rolesByScope(shipped()));
    });

    test('the shipped table round-trips: imported into an emptied table, exported scope by scope the same', async () => {
      const emptied = await server.admin.put('/v1/scopes/tenant-conf', { RESTAPIScopes: { Scope: [] } });
      assert.equal(emptied.status, 200, JSON.stringify(emptied.body));
      assert.equal(emptied.body.scopes.deleted.length, 107);
      assert.equal((await server.admin.get('/v1/scopes/tenant-conf')).body.RESTAPIScopes.Scope.length, 0);

      const imported = await server.admin.put('/v1/scopes/tenant-conf', shipped());
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      assert.equal(imported.body.scopes.created.length, 107);
      assert.ok(imported.body.revision > emptied.body.revision);

      const exported = (await server.admin.get('/v1/scopes/tenant-conf')).body as TenantConf;
      const expected = rolesByScope(shipped());
      assert.equal(exported.RESTAPIScopes.Scope.length, expected.size);
      for (const scope of exported.RESTAPIScopes.Scope)
        assert.deepEqual(new Set(scope.Roles.split(',')), expected.get(scope.Name), scope.Name);

      const again = await server.admin.put('/v1/scopes/tenant-conf', exported);
      assert.equal(again.status, 200);
      assert.equal(again.body.scopes.unchanged.length, 107);
      assert.equal(again.body.revision, imported.body.revision, 'an unchanged table writes nothing');
    });

    test('the import is one audited write', async () => {
      const audit = await server.admin.get('/v1/audit?limit=500');
      assert.equal(audit.status, 200);
      const imports = (audit.body.items as { action: string }[]).filter(
        (entry) => entry.action === 'scope.tenant-conf.import',
      );
      assert.equal(imports.length, 2);
    });

    test('RoleMappings: a new role mapped to Internal/creator gets every creator scope; re-importing without it takes them away', async () => {
      const creatorScopes = await scopeNamesOf(server.admin, 'Internal/creator');
      assert.ok(creatorScopes.includes('apim:api_create'));
      const mapped = await server.admin.put('/v1/scopes/tenant-conf', {
        ...shipped(),
        RoleMappings: { 'Internal/creator': 'Internal/junior' },
      });
      assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
      assert.deepEqual(mapped.body.roles.created, ['Internal/junior']);
      assert.deepEqual(await scopeNamesOf(server.admin, 'Internal/junior'), creatorScopes);

      const { user } = await userWith('junior', ['Internal/junior']);
      const grant = () =>
        server.admin.post('/v1/scopes/grant', {
          user: user.id,
          scopes: ['apim:api_create', 'apim:api_publish'],
          organization: server.home.id,
        });
      const granted = await grant();
      assert.equal(granted.status, 200);
      assert.deepEqual(granted.body.granted, ['apim:api_create']);
      assert.equal(granted.body.grantedBy['apim:api_create'], 'Internal/creator');

      const exported = (await server.admin.get('/v1/scopes/tenant-conf')).body as TenantConf;
      assert.deepEqual(exported.RoleMappings, { 'Internal/creator': 'Internal/creator,Internal/junior' });
      // The exported mapping re-imports to the same state.
      assert.equal((await server.admin.put('/v1/scopes/tenant-conf', exported)).body.roles.changed.length, 0);

      const unmapped = await server.admin.put('/v1/scopes/tenant-conf', shipped());
      assert.equal(unmapped.status, 200);
      assert.deepEqual(unmapped.body.roles.changed, ['Internal/junior']);
      assert.deepEqual(await scopeNamesOf(server.admin, 'Internal/junior'), []);
      assert.deepEqual((await grant()).body.granted, []);
      // The creator itself never lost anything.
      assert.deepEqual(await scopeNamesOf(server.admin, 'Internal/creator'), creatorScopes);
      assert.equal((await server.admin.get('/v1/scopes/tenant-conf')).body.RoleMappings, undefined);
    });

    test('unknown roles and malformed documents are refused with every path, and nothing is written', async () => {
      const before = server.store.revision;
      const unknown = await server.admin.put('/v1/scopes/tenant-conf', {
        RESTAPIScopes: {
          Scope: [
            { Name: 'apim:api_view', Roles: 'admin' },
            { Name: 'apim:x', Roles: 'admin' },
            { Name: 'apim:y', Roles: 'admin' },
            { Name: 'apim:z', Roles: 'admin, x' },
          ],
        },
        RoleMappings: { ghost: 'Internal/junior' },
      });
      assertProblem(unknown, 400, 'validation');
      assert.deepEqual(
        unknown.body.errors.map((e: { path: string }) => e.path),
        ['RoleMappings["ghost"]', 'RESTAPIScopes.Scope[3].Roles'],
      );
      assert.match(unknown.body.detail, /RESTAPIScopes\.Scope\[3\]\.Roles: unknown role "x"/);

      const malformed = await server.admin.put('/v1/scopes/tenant-conf', {
        RESTAPIScopes: {
          Scope: [{ Name: 5, Roles: ['admin'] }, 'apim:api_view', { Name: 'y'.repeat(10_000), Roles: 'admin' }],
        },
        RoleMappings: 'admin',
      });
      assertProblem(malformed, 400, 'validation');
      assert.deepEqual(
        malformed.body.errors.map((e: { path: string }) => e.path),
        [
          'RoleMappings',
          'RESTAPIScopes.Scope[0].Name',
          'RESTAPIScopes.Scope[0].Roles',
          'RESTAPIScopes.Scope[1]',
          'RESTAPIScopes.Scope[2].Name',
        ],
      );
      assertProblem(await server.admin.put('/v1/scopes/tenant-conf', {}), 400, 'validation');
      assertProblem(
        await server.admin.put('/v1/scopes/tenant-conf', { RESTAPIScopes: { Scope: {} } }),
        400,
        'validation',
      );
      assertProblem(await server.admin.put('/v1/scopes/tenant-conf', []), 400, 'validation');
      assertProblem(
        await server.admin.request('PUT', '/v1/scopes/tenant-conf', '{"RESTAPIScopes": {"Scope": [', {}),
        400,
        'bad-request',
      );
      assert.equal(server.store.revision, before);
    });

    test('takes a whole tenant-conf.json larger than the ordinary body limit', async () => {
      const padding = 'x'.repeat(1024 * 1024 + 10);
      const response = await server.admin.put('/v1/scopes/tenant-conf', { ...shipped(), Padding: padding });
      assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 300));
    });

    test('a caller without scope:view or scope:manage at home is refused', async () => {
      const { client } = await userWith('subscriber', ['Internal/subscriber']);
      assertProblem(await client.get('/v1/scopes/tenant-conf'), 403, 'forbidden');
      assertProblem(await client.put('/v1/scopes/tenant-conf', shipped()), 403, 'forbidden');
      assertProblem(await server.anonymous.get('/v1/scopes/tenant-conf'), 401, 'unauthorized');
    });

    test('a scope manager may import scopes but not a mapping granting permissions it does not hold', async () => {
      const role = roleRecord({
        id: randomUUID(),
        name: 'Scope Manager',
        permissions: ['scope:view', 'scope:manage', 'admin:login'],
      });
      await server.write([{ op: 'role.put', role }]);
      const { client } = await userWith('scopes', ['Scope Manager']);
      const plain = await client.put('/v1/scopes/tenant-conf', shipped());
      assert.equal(plain.status, 200, JSON.stringify(plain.body));
      const escalating = await client.put('/v1/scopes/tenant-conf', {
        ...shipped(),
        RoleMappings: { 'Internal/creator': 'Internal/junior' },
      });
      assertProblem(escalating, 403, 'privilege-escalation');
      assert.deepEqual(await scopeNamesOf(server.admin, 'Internal/junior'), []);
    });
  });
}
