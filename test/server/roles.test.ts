import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

const long = 'x'.repeat(10_000);

for (const kind of DATABASES) {
  describe(`roles API (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    test('lists the roles usable at the home organization, filtered and paged', async () => {
      const all = await server.admin.get('/v1/roles?limit=500');
      assert.equal(all.status, 200);
      const names = all.body.items.map((r: { name: string }) => r.name);
      for (const name of ['Admin', 'Developer', 'API Publisher', 'Environment Manager'])
        assert.ok(names.includes(name), name);
      assert.equal(all.body.items.find((r: { name: string }) => r.name === 'Admin').organizationName, null);
      const deprecated = await server.admin.get('/v1/roles?deprecated=true');
      assert.deepEqual(
        deprecated.body.items.map((r: { name: string }) => r.name),
        ['Environment Manager'],
      );
      const byName = await server.admin.get('/v1/roles?name=subscriber');
      assert.deepEqual(byName.body.items.map((r: { name: string }) => r.name).sort(), [
        'API Subscriber',
        'External API Subscriber',
      ]);
      const first = await server.admin.get('/v1/roles?limit=2&predefined=true');
      assert.equal(first.body.items.length, 2);
      assert.notEqual(first.body.next, null);
      const second = await server.admin.get(
        `/v1/roles?limit=2&predefined=true&after=${encodeURIComponent(first.body.next)}`,
      );
      assert.ok(second.body.items.every((r: { name: string }) => r.name > first.body.next));
      assertProblem(await server.admin.get('/v1/roles?organization=nowhere'), 404, 'not-found');
      assertProblem(await server.admin.get('/v1/roles?limit=0'), 400, 'validation');
    });

    test('a role mapped to API Publisher holds api:create once mapped to a user', async () => {
      const created = await server.admin.post('/v1/roles', {
        name: 'Publisher Plus',
        description: 'publishes and reads audits',
        includes: ['API Publisher'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.role.name, 'Publisher Plus');
      assert.equal(created.body.role.includes.length, 1);
      assert.ok(created.body.revision > 0);
      const permissions = await server.admin.get('/v1/roles/Publisher%20Plus/permissions');
      assert.equal(permissions.status, 200);
      assert.ok(permissions.body.permissions.includes('api:create'));
      assert.deepEqual(
        permissions.body.includes.map((r: { name: string }) => r.name),
        ['API Publisher'],
      );

      const { user } = await server.user('pia');
      assert.equal(server.store.engine.allowed(user.id, 'api:create', 'organization', server.home.id), false);
      const mapped = await server.admin.post('/v1/mappings', {
        role: 'Publisher Plus',
        subject: { kind: 'user', id: 'pia' },
        target: { type: 'organization', id: server.home.name },
      });
      assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
      assert.equal(server.store.engine.allowed(user.id, 'api:create', 'organization', server.home.id), true);

      const holders = await server.admin.get('/v1/roles/API%20Publisher/users');
      const pia = holders.body.items.find((h: { user: { name: string } }) => h.user.name === 'PRIMARY/pia');
      assert.ok(pia, 'holding a role that includes API Publisher counts');
      assert.equal(pia.mappings[0].kind, 'direct');
      assert.equal(pia.mappings[0].role.name, 'Publisher Plus');
    });

    test('reads a role by id or by name, and its holders with the group they hold it through', async () => {
      const byName = await server.admin.get('/v1/roles/Developer');
      assert.equal(byName.status, 200);
      const byId = await server.admin.get(`/v1/roles/${byName.body.id}`);
      assert.equal(byId.body.name, 'Developer');
      assert.deepEqual(byId.body.permissions, ['project:view', 'project:edit', 'component']);
      await server.user('devi', { groups: ['Developer'] });
      const holders = await server.admin.get('/v1/roles/Developer/users');
      assert.equal(holders.status, 200);
      const devi = holders.body.items.find((h: { user: { name: string } }) => h.user.name === 'PRIMARY/devi');
      assert.equal(devi.mappings[0].kind, 'group');
      assert.equal(devi.mappings[0].group.name, 'Developer');
      assert.equal(devi.mappings[0].target.id, server.home.id);
      const admins = await server.admin.get('/v1/roles/Admin/users?limit=1');
      assert.equal(admins.body.items[0].user.name, 'PRIMARY/admin');
      const domain = await server.admin.post('/v1/roles', { name: 'Internal/creator' });
      assert.equal(domain.status, 201);
      assert.equal((await server.admin.get('/v1/roles/Internal%2Fcreator')).body.id, domain.body.role.id);
      assertProblem(await server.admin.get('/v1/roles/NoSuchRole'), 404, 'not-found');
      assertProblem(await server.admin.get('/v1/roles/NoSuchRole/permissions'), 404, 'not-found');
      assertProblem(await server.admin.get('/v1/roles/NoSuchRole/users'), 404, 'not-found');
    });

    test('edits a custom role: rename, permissions, aliases and flags', async () => {
      await server.admin.post('/v1/roles', { name: 'Auditor', permissions: ['audit:view'] });
      const patched = await server.admin.patch('/v1/roles/Auditor', {
        name: 'Auditors',
        permissions: ['audit:view', 'log'],
        aliases: ['audit-team'],
        description: 'reads logs',
        assignable: true,
        deprecated: false,
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.equal(patched.body.role.name, 'Auditors');
      assert.deepEqual(patched.body.role.permissions, ['audit:view', 'log']);
      assert.equal((await server.admin.get('/v1/roles/audit-team')).body.name, 'Auditors');
      assert.equal((await server.admin.delete('/v1/roles/Auditors')).status, 200);
      assertProblem(await server.admin.get('/v1/roles/Auditors'), 404, 'not-found');
    });

    test('a role of an organization is managed there and usable only there', async () => {
      const organization = await server.admin.post('/v1/organizations', { name: 'roles-org' });
      assert.equal(organization.status, 201);
      const created = await server.admin.post('/v1/roles', {
        name: 'Local',
        organization: 'roles-org',
        permissions: ['project:view'],
      });
      assert.equal(created.status, 201);
      assert.equal(created.body.role.organizationName, 'roles-org');
      const there = await server.admin.get('/v1/roles?organization=roles-org&name=Local');
      assert.deepEqual(
        there.body.items.map((r: { name: string }) => r.name),
        ['Local'],
      );
      const home = await server.admin.get('/v1/roles?name=Local');
      assert.deepEqual(home.body.items, []);
      assert.equal((await server.admin.get('/v1/roles/Local?organization=roles-org')).status, 200);
      const elsewhere = await server.admin.post('/v1/mappings', {
        role: created.body.role.id,
        subject: { kind: 'everyone' },
        target: { type: 'organization', id: server.home.id },
      });
      assertProblem(elsewhere, 422, 'role-not-usable-here');
    });

    test('predefined roles cannot be deleted; a non-editable role keeps its permissions', async () => {
      const refused = await server.admin.delete('/v1/roles/Developer');
      assertProblem(refused, 409, 'predefined-role');
      assert.match(refused.body.detail, /predefined/);
      const { id } = (await server.admin.get('/v1/roles/Billing%20Admin')).body;
      const role = server.store.engine.role(id)!;
      await server.write([{ op: 'role.put', role: { ...role, editable: false } }]);
      assertProblem(
        await server.admin.patch(`/v1/roles/${id}`, { permissions: ['billing'] }),
        409,
        'role-not-editable',
      );
      // Renaming stays allowed.
      assert.equal((await server.admin.patch(`/v1/roles/${id}`, { description: 'money' })).status, 200);
    });

    test('a role still mapped is deleted only with cascade', async () => {
      const created = await server.admin.post('/v1/roles', { name: 'Temporary', permissions: ['project:view'] });
      await server.admin.post('/v1/mappings', {
        role: 'Temporary',
        subject: { kind: 'everyone' },
        target: { type: 'organization', id: server.home.id },
      });
      assertProblem(await server.admin.delete('/v1/roles/Temporary'), 409, 'referenced');
      assert.equal((await server.admin.delete(`/v1/roles/${created.body.role.id}?cascade=true`)).status, 200);
      assert.equal(
        server.store.engine.mappings().some((m) => m.role === created.body.role.id),
        false,
      );
    });

    test('renaming the admin role keeps its holders able to act', async () => {
      const renamed = await server.admin.patch('/v1/roles/Admin', { name: 'Administrator' });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.role.name, 'Administrator');
      const created = await server.admin.post('/v1/roles', { name: 'After Rename', permissions: ['audit:view'] });
      assert.equal(created.status, 201);
      assert.equal((await server.admin.get('/v1/settings')).body.adminRole.name, 'Administrator');
      assert.equal((await server.admin.patch('/v1/roles/Administrator', { name: 'Admin' })).status, 200);
    });

    test('a Developer may not create, edit or delete roles', async () => {
      const { client } = await server.user('dev', { groups: ['Developer'] });
      assertProblem(await client.post('/v1/roles', { name: 'Mine', permissions: ['component'] }), 403, 'forbidden');
      assertProblem(await client.patch('/v1/roles/Developer', { permissions: ['*'] }), 403, 'forbidden');
      assertProblem(await client.delete('/v1/roles/Publisher%20Plus'), 403, 'forbidden');
      assertProblem(await client.get('/v1/roles'), 403, 'forbidden');
      assertProblem(await server.anonymous.get('/v1/roles'), 401, 'unauthorized');
    });

    test('a role manager without role:escalate cannot create or widen a role beyond what he holds', async () => {
      const manager = await server.admin.post('/v1/roles', {
        name: 'Role Manager',
        permissions: ['role:view', 'role:manage', 'project:view'],
      });
      assert.equal(manager.status, 201);
      const { user, client } = await server.user('rolf');
      await server.write([
        {
          op: 'mapping.add',
          mapping: {
            id: `m-${user.id}`,
            role: manager.body.role.id,
            subject: { kind: 'user', id: user.id },
            target: { level: 'organization', id: server.home.id },
          },
        },
      ]);
      // A root role must be held in every root organization; this one is defined at home only.
      const fine = await client.post('/v1/roles', {
        name: 'Viewer',
        organization: server.home.name,
        permissions: ['project:view'],
      });
      assert.equal(fine.status, 201, JSON.stringify(fine.body));
      assertProblem(
        await client.post('/v1/roles', { name: 'Greedy', organization: server.home.name, permissions: ['billing'] }),
        403,
        'privilege-escalation',
      );
      assertProblem(
        await client.post('/v1/roles', { name: 'Greedy', organization: server.home.name, includes: ['Admin'] }),
        403,
        'privilege-escalation',
      );
      const widened = await client.patch(`/v1/roles/Viewer?organization=${server.home.id}`, {
        permissions: ['project:view', 'settings:manage'],
      });
      assertProblem(widened, 403, 'privilege-escalation');
      assert.deepEqual(widened.body.details.missing, ['settings:manage']);
    });

    test('refuses bad role bodies', async () => {
      assertProblem(await server.admin.post('/v1/roles', {}), 400, 'validation');
      assertProblem(await server.admin.post('/v1/roles', { name: 42 }), 400, 'validation');
      assertProblem(await server.admin.post('/v1/roles', { name: long }), 400, 'validation');
      assertProblem(await server.admin.post('/v1/roles', { name: 'X', colour: 'red' }), 400, 'validation');
      assertProblem(
        await server.admin.post('/v1/roles', {
          name: 'X',
          permissions: Array.from({ length: 1001 }, (_, i) => `p${i}`),
        }),
        400,
        'validation',
      );
      const unknown = await server.admin.post('/v1/roles', { name: 'X', permissions: ['project:view', 'no:such:key'] });
      assertProblem(unknown, 400, 'validation');
      assert.equal(unknown.body.errors[0].path, 'permissions[1]');
      assert.match(unknown.body.detail, /no:such:key/);
      assertProblem(await server.admin.post('/v1/roles', { name: 'X', includes: ['Nope'] }), 404, 'not-found');
      assertProblem(await server.admin.post('/v1/roles', { name: 'X', organization: 'nowhere' }), 404, 'not-found');
      assertProblem(await server.admin.post('/v1/roles', { name: 'Developer' }), 409, 'duplicate');
      assertProblem(await server.admin.patch('/v1/roles/Developer', { name: '' }), 400, 'validation');
      assertProblem(await server.admin.patch('/v1/roles/Developer', { deprecated: 'yes' }), 400, 'validation');
      assertProblem(await server.admin.patch('/v1/roles/Developer', { extra: 1 }), 400, 'validation');
      assertProblem(await server.admin.patch('/v1/roles/Nope', { name: 'Y' }), 404, 'not-found');
      assertProblem(await server.admin.patch('/v1/roles/Developer', { includes: ['Developer'] }), 422, 'role-cycle');
      assertProblem(await server.admin.delete('/v1/roles/Nope'), 404, 'not-found');
    });
  });

  describe(`permission tree API (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    test('lists every node sorted by key with its parent and children', async () => {
      const tree = await server.admin.get('/v1/permissions');
      assert.equal(tree.status, 200);
      const keys = tree.body.items.map((p: { key: string }) => p.key);
      assert.deepEqual(keys, [...keys].sort());
      const api = tree.body.items.find((p: { key: string }) => p.key === 'api');
      assert.equal(api.parent, null);
      assert.ok(api.children.includes('api:create') && !api.children.includes('api:subscription-plan:assign'));
      const create = tree.body.items.find((p: { key: string }) => p.key === 'api:create');
      assert.deepEqual(create.levels, ['organization', 'project']);
      assert.equal(create.parent, 'api');
    });

    test('creates, updates and deletes a node; a node a role holds cannot be deleted', async () => {
      const created = await server.admin.put('/v1/permissions/api:archive', { description: 'Archive APIs' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(created.body.permission.levels, ['organization', 'project', 'resource']);
      const updated = await server.admin.put('/v1/permissions/api:archive', {
        levels: ['organization'],
        visibilityGated: true,
      });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.permission.description, 'Archive APIs');
      assert.deepEqual(updated.body.permission.levels, ['organization']);
      assert.equal((await server.admin.get('/v1/permissions/api:archive')).body.visibilityGated, true);
      await server.admin.post('/v1/roles', { name: 'Archivist', permissions: ['api:archive'] });
      assertProblem(await server.admin.delete('/v1/permissions/api:archive'), 409, 'referenced');
      assertProblem(await server.admin.delete('/v1/permissions/api'), 409, 'referenced');
      await server.admin.delete('/v1/roles/Archivist');
      assert.equal((await server.admin.delete('/v1/permissions/api:archive')).status, 200);
      assertProblem(await server.admin.get('/v1/permissions/api:archive'), 404, 'not-found');
      assertProblem(await server.admin.delete('/v1/permissions/api:archive'), 404, 'not-found');
    });

    test('refuses bad nodes and callers without role:manage', async () => {
      assertProblem(await server.admin.put('/v1/permissions/orphan:child', {}), 404, 'not-found');
      assertProblem(await server.admin.put('/v1/permissions/bad%20key', {}), 400, 'validation');
      assertProblem(await server.admin.put('/v1/permissions/api:x', { levels: [] }), 400, 'validation');
      assertProblem(await server.admin.put('/v1/permissions/api:x', { levels: ['planet'] }), 400, 'validation');
      assertProblem(await server.admin.put('/v1/permissions/api:x', { description: long }), 400, 'validation');
      assertProblem(await server.admin.put('/v1/permissions/api:x', { visibilityGated: 1 }), 400, 'validation');
      assertProblem(await server.admin.put('/v1/permissions/api:x', { parent: 'api' }), 400, 'validation');
      const { client } = await server.user('dev', { groups: ['Developer'] });
      assertProblem(await client.get('/v1/permissions'), 403, 'forbidden');
      assertProblem(await client.put('/v1/permissions/api:x', {}), 403, 'forbidden');
      assertProblem(await client.delete('/v1/permissions/api:create'), 403, 'forbidden');
    });
  });

  describe(`scopes API (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    test('maps scopes to roles, lists them by role and reads one', async () => {
      const created = await server.admin.put('/v1/scopes/apim:api_create', {
        description: 'Create APIs',
        roles: ['API Publisher', 'Admin'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(
        created.body.scope.roles.map((r: { name: string }) => r.name),
        ['API Publisher', 'Admin'],
      );
      await server.admin.put('/v1/scopes/apim:subscribe', { roles: ['API Subscriber'] });
      const updated = await server.admin.put('/v1/scopes/apim:api_create', { roles: ['API Publisher'] });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.scope.description, 'Create APIs');
      const byRole = await server.admin.get('/v1/scopes?role=API%20Subscriber');
      assert.deepEqual(
        byRole.body.items.map((s: { name: string }) => s.name),
        ['apim:subscribe'],
      );
      const byName = await server.admin.get('/v1/scopes?name=API_CREATE');
      assert.deepEqual(
        byName.body.items.map((s: { name: string }) => s.name),
        ['apim:api_create'],
      );
      const paged = await server.admin.get('/v1/scopes?limit=1');
      assert.equal(paged.body.items.length, 1);
      assert.equal(paged.body.next, 'apim:api_create');
      assert.equal((await server.admin.get('/v1/scopes/apim:subscribe')).body.roles[0].name, 'API Subscriber');
    });

    test('answers which requested scopes a user is granted in an organization', async () => {
      const { client } = await server.user('publisher', { groups: ['API Publisher'] });
      const own = await client.post('/v1/scopes/grant', {
        scopes: ['apim:api_create', 'apim:subscribe', 'nope'],
        organization: server.home.name,
      });
      assert.equal(own.status, 200, JSON.stringify(own.body));
      assert.deepEqual(own.body.granted, ['apim:api_create']);
      assert.equal(own.body.grantedBy['apim:api_create'], 'API Publisher');
      assert.deepEqual(
        own.body.refused.map((r: { scope: string }) => r.scope),
        ['apim:subscribe', 'nope'],
      );
      assertProblem(
        await client.post('/v1/scopes/grant', {
          user: 'admin',
          scopes: ['apim:subscribe'],
          organization: server.home.id,
        }),
        403,
        'forbidden',
      );
      const asked = await server.admin.post('/v1/scopes/grant', {
        user: 'publisher',
        scopes: ['apim:api_create'],
        organization: server.home.id,
      });
      assert.deepEqual(asked.body.granted, ['apim:api_create']);
      assertProblem(
        await server.admin.post('/v1/scopes/grant', { user: 'ghost', scopes: [], organization: server.home.id }),
        404,
        'not-found',
      );
      assertProblem(
        await server.admin.post('/v1/scopes/grant', { scopes: [], organization: 'nowhere' }),
        404,
        'not-found',
      );
    });

    test('deletes a scope; refuses bad scope bodies and callers without scope:manage', async () => {
      assert.equal((await server.admin.delete('/v1/scopes/apim:subscribe')).status, 200);
      assertProblem(await server.admin.get('/v1/scopes/apim:subscribe'), 404, 'not-found');
      assertProblem(await server.admin.delete('/v1/scopes/apim:subscribe'), 404, 'not-found');
      assertProblem(await server.admin.put('/v1/scopes/s', {}), 400, 'validation');
      assertProblem(await server.admin.put('/v1/scopes/s', { roles: 'Admin' }), 400, 'validation');
      assertProblem(await server.admin.put('/v1/scopes/s', { roles: ['Nope'] }), 404, 'not-found');
      assertProblem(await server.admin.put('/v1/scopes/s', { roles: [], extra: true }), 400, 'validation');
      assertProblem(await server.admin.put('/v1/scopes/s', { roles: [], description: long }), 400, 'validation');
      assertProblem(await server.admin.post('/v1/scopes/grant', { scopes: ['a'] }), 400, 'validation');
      assertProblem(
        await server.admin.post('/v1/scopes/grant', {
          scopes: Array.from({ length: 201 }, (_, i) => `s${i}`),
          organization: 'x',
        }),
        400,
        'validation',
      );
      assertProblem(
        await server.admin.post('/v1/scopes/grant', { scopes: [long], organization: 'x' }),
        400,
        'validation',
      );
      const { client } = await server.user('dev', { groups: ['Developer'] });
      assertProblem(await client.get('/v1/scopes'), 403, 'forbidden');
      assertProblem(await client.put('/v1/scopes/s', { roles: [] }), 403, 'forbidden');
      assertProblem(await client.delete('/v1/scopes/apim:api_create'), 403, 'forbidden');
    });
  });
}
