import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { roleRecord } from '../../src/core/model.js';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`groups API (${kind})`, () => {
    let server: TestServer;
    let projectId: string;
    before(async () => {
      server = await startTestServer(kind);
      projectId = randomUUID();
      await server.write([
        { op: 'project.put', project: { id: projectId, name: 'engineering', organization: server.home.id } },
      ]);
    });
    after(() => server.close());

    const groupsPath = () => `/v1/organizations/${server.home.id}/groups`;
    const groupId = (name: string) => server.store.engine.findGroup(server.home.id, name)!.id;

    test('an admin creates a group with roles at the organization and at one of its projects, in one write', async () => {
      const before = server.store.revision;
      const created = await server.admin.post(groupsPath(), {
        name: 'Platform',
        description: 'The platform team',
        roles: [{ role: 'Developer' }, { role: 'API Publisher', project: `${server.home.name}/engineering` }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.revision, before + 1);
      assert.deepEqual(created.body.warnings, []);
      assert.equal(created.body.group.name, 'Platform');
      assert.equal(created.body.group.flagged, false);
      assert.equal(created.body.mappings.length, 2);
      const roles = created.body.group.roles.map(
        (r: { role: { name: string }; target: { level: string; name: string } }) => `${r.role.name}@${r.target.level}`,
      );
      assert.deepEqual(roles.sort(), ['API Publisher@project', 'Developer@organization']);
      const engine = server.store.engine;
      const id = created.body.group.id;
      assert.ok(
        engine
          .mappings()
          .some(
            (m) =>
              m.subject.kind === 'group' &&
              m.subject.id === id &&
              m.target.level === 'project' &&
              m.target.id === projectId,
          ),
      );
      const entries = await server.store.audit({ target: `group:${id}` });
      assert.ok(entries.some((e) => e.action === 'group.create'));
    });

    test('a group created without a role is flagged and the answer warns', async () => {
      const created = await server.admin.post(groupsPath(), { name: 'Empty' });
      assert.equal(created.status, 201);
      assert.equal(created.body.group.flagged, true);
      assert.deepEqual(created.body.group.roles, []);
      assert.equal(created.body.warnings.length, 1);
      assert.match(created.body.warnings[0], /no role/);
      const read = await server.admin.get(`/v1/groups/${created.body.group.id}`);
      assert.equal(read.body.flagged, true);
    });

    test('a deprecated role cannot be given to a new group, and nothing is created', async () => {
      assertProblem(
        await server.admin.post(groupsPath(), { name: 'Envs', roles: [{ role: 'Environment Manager' }] }),
        422,
        'role-deprecated',
      );
      assert.equal(server.store.engine.findGroup(server.home.id, 'Envs'), undefined);
    });

    test('unknown roles and projects, projects of other organizations and taken names are refused', async () => {
      assertProblem(
        await server.admin.post(groupsPath(), { name: 'G1', roles: [{ role: 'No Such Role' }] }),
        404,
        'not-found',
      );
      assertProblem(
        await server.admin.post(groupsPath(), { name: 'G1', roles: [{ role: 'Developer', project: 'nowhere' }] }),
        404,
        'not-found',
      );
      const other = await server.admin.post('/v1/organizations', { name: 'other-org' });
      assert.equal(other.status, 201, JSON.stringify(other.body));
      const otherProject = randomUUID();
      await server.write([
        { op: 'project.put', project: { id: otherProject, name: 'theirs', organization: other.body.organization.id } },
      ]);
      assertProblem(
        await server.admin.post(groupsPath(), { name: 'G1', roles: [{ role: 'Developer', project: otherProject }] }),
        404,
        'not-found',
      );
      assertProblem(await server.admin.post(groupsPath(), { name: 'Platform' }), 409, 'duplicate');
      assertProblem(await server.admin.post('/v1/organizations/nowhere/groups', { name: 'G1' }), 404, 'not-found');
      assertProblem(await server.admin.post(groupsPath(), { name: 'G1', store: 'NOPE' }), 404, 'not-found');
    });

    test("an organization's groups are listed with their roles, by name and by member, page by page", async () => {
      const list = await server.admin.get(groupsPath());
      assert.equal(list.status, 200);
      const names = list.body.items.map((g: { name: string }) => g.name);
      assert.ok(names.includes('Admin') && names.includes('Developer') && names.includes('Platform'));
      const developer = list.body.items.find((g: { name: string }) => g.name === 'Developer');
      assert.deepEqual(
        developer.roles.map((r: { role: { name: string } }) => r.role.name),
        ['Developer'],
      );
      assert.equal(developer.flagged, false);
      const byName = await server.admin.get(`${groupsPath()}?name=PLAT`);
      assert.deepEqual(
        byName.body.items.map((g: { name: string }) => g.name),
        ['Platform'],
      );
      const byMember = await server.admin.get(`${groupsPath()}?member=admin`);
      assert.deepEqual(
        byMember.body.items.map((g: { name: string }) => g.name),
        ['Admin'],
      );
      const first = await server.admin.get(`${groupsPath()}?limit=3`);
      assert.equal(first.body.items.length, 3);
      const second = await server.admin.get(`${groupsPath()}?limit=3&after=${encodeURIComponent(first.body.next)}`);
      assert.ok(second.body.items.every((g: { name: string }) => g.name > first.body.items[2].name));
      assertProblem(await server.admin.get(`${groupsPath()}?member=nobody`), 404, 'not-found');
      assertProblem(await server.admin.get('/v1/organizations/nowhere/groups'), 404, 'not-found');
    });

    test('a group is renamed and described; an unknown group is not found', async () => {
      const id = groupId('Empty');
      const renamed = await server.admin.patch(`/v1/groups/${id}`, { name: 'Was Empty', description: null });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.group.name, 'Was Empty');
      assert.equal(renamed.body.group.description, null);
      assertProblem(await server.admin.patch(`/v1/groups/${id}`, { name: 'Admin' }), 409, 'duplicate');
      assertProblem(await server.admin.get(`/v1/groups/${randomUUID()}`), 404, 'not-found');
      assertProblem(await server.admin.patch(`/v1/groups/${randomUUID()}`, { name: 'x' }), 404, 'not-found');
    });

    test('members are added idempotently, listed and removed', async () => {
      const { user } = await server.user('lena');
      const id = groupId('Platform');
      const added = await server.admin.put(`/v1/groups/${id}/members/${user.id}`);
      assert.equal(added.status, 200, JSON.stringify(added.body));
      assert.equal(added.body.added, true);
      const again = await server.admin.put(`/v1/groups/${id}/members/lena`);
      assert.equal(again.status, 200);
      assert.equal(again.body.added, false);
      assert.ok(again.body.revision >= added.body.revision);
      assert.ok(server.store.engine.allowed(user.id, 'component:create', 'organization', server.home.id));
      const members = await server.admin.get(`/v1/groups/${id}/members`);
      assert.deepEqual(
        members.body.items.map((u: { username: string }) => u.username),
        ['lena'],
      );
      assert.deepEqual((await server.admin.get(`/v1/groups/${id}/members?name=zzz`)).body.items, []);
      const removed = await server.admin.delete(`/v1/groups/${id}/members/${user.id}`);
      assert.equal(removed.status, 200);
      assert.ok(!server.store.engine.allowed(user.id, 'component:create', 'organization', server.home.id));
      assertProblem(await server.admin.delete(`/v1/groups/${id}/members/${user.id}`), 404, 'not-found');
      assertProblem(await server.admin.put(`/v1/groups/${id}/members/nobody`), 404, 'not-found');
      assertProblem(await server.admin.put(`/v1/groups/${randomUUID()}/members/lena`), 404, 'not-found');
    });

    test('removing the last admin from the Admin group is refused', async () => {
      const admin = server.store.engine.user('admin')!;
      assertProblem(await server.admin.delete(`/v1/groups/${groupId('Admin')}/members/${admin.id}`), 409, 'last-admin');
      assertProblem(await server.admin.delete(`/v1/groups/${groupId('Admin')}?cascade=true`), 409, 'last-admin');
      assert.ok(server.store.engine.members(groupId('Admin')).includes(admin.id));
    });

    test('adding a member to a group whose role the caller lacks is a privilege escalation', async () => {
      const manager = roleRecord({ id: randomUUID(), name: 'Group Manager', permissions: ['group', 'project:view'] });
      const { user, client } = await server.user('gm');
      await server.write([
        { op: 'role.put', role: manager },
        {
          op: 'mapping.add',
          mapping: {
            id: randomUUID(),
            role: manager.id,
            subject: { kind: 'user', id: user.id },
            target: { level: 'organization', id: server.home.id },
          },
        },
      ]);
      const { user: target } = await server.user('target');
      assertProblem(
        await client.put(`/v1/groups/${groupId('Admin')}/members/${target.id}`),
        403,
        'privilege-escalation',
      );
      assert.ok(!server.store.engine.members(groupId('Admin')).includes(target.id));
      // A group granting nothing beyond what the manager holds is fine; creating one with a role needs role:assign.
      const flagged = await client.post(groupsPath(), { name: 'Managed' });
      assert.equal(flagged.status, 201);
      assert.equal((await client.put(`/v1/groups/${flagged.body.group.id}/members/${target.id}`)).status, 200);
      assertProblem(
        await client.post(groupsPath(), { name: 'Managed 2', roles: [{ role: 'Developer' }] }),
        403,
        'forbidden',
      );
    });

    test('a Developer can neither see nor manage groups', async () => {
      const { client, user } = await server.user('dev', { groups: ['Developer'] });
      const id = groupId('Developer');
      assertProblem(await client.get(groupsPath()), 403, 'forbidden');
      assertProblem(await client.post(groupsPath(), { name: 'Mine' }), 403, 'forbidden');
      assertProblem(await client.get(`/v1/groups/${id}`), 403, 'forbidden');
      assertProblem(await client.get(`/v1/groups/${id}/members`), 403, 'forbidden');
      assertProblem(await client.patch(`/v1/groups/${id}`, { name: 'Mine' }), 403, 'forbidden');
      assertProblem(await client.put(`/v1/groups/${groupId('Admin')}/members/${user.id}`), 403, 'forbidden');
      assertProblem(await client.delete(`/v1/groups/${id}/members/${user.id}`), 403, 'forbidden');
      assertProblem(await client.delete(`/v1/groups/${id}`), 403, 'forbidden');
      assertProblem(await server.anonymous.get(groupsPath()), 401, 'unauthorized');
    });

    test('groups of a read-only user store cannot be created or edited', async () => {
      const store = server.store;
      await store.write([{ op: 'userStore.put', userStore: { name: 'LDAP', readOnly: true, description: null } }], {
        actor: SYSTEM_ACTOR,
        userStoreSync: true,
      });
      assertProblem(
        await server.admin.post(groupsPath(), { name: 'Directory', store: 'LDAP' }),
        409,
        'read-only-store',
      );
      const id = randomUUID();
      await store.write(
        [
          {
            op: 'group.put',
            group: { id, organization: server.home.id, name: 'ldap-people', store: 'LDAP', description: null },
          },
        ],
        { actor: SYSTEM_ACTOR, userStoreSync: true },
      );
      assertProblem(await server.admin.patch(`/v1/groups/${id}`, { name: 'renamed' }), 409, 'read-only-store');
      assertProblem(await server.admin.put(`/v1/groups/${id}/members/admin`), 409, 'read-only-store');
      assertProblem(await server.admin.delete(`/v1/groups/${id}`), 409, 'read-only-store');
    });

    test('a group with roles is deleted only with cascade, taking its mappings and memberships', async () => {
      const id = groupId('Platform');
      assertProblem(await server.admin.delete(`/v1/groups/${id}`), 409, 'referenced');
      const deleted = await server.admin.delete(`/v1/groups/${id}?cascade=true`);
      assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
      assert.equal(server.store.engine.group(id), undefined);
      assert.ok(!server.store.engine.mappings().some((m) => m.subject.kind === 'group' && m.subject.id === id));
      const plain = await server.admin.delete(`/v1/groups/${groupId('Was Empty')}`);
      assert.equal(plain.status, 200);
      assertProblem(await server.admin.delete(`/v1/groups/${id}`), 404, 'not-found');
    });

    test('bad bodies are refused with the fields at fault', async () => {
      const id = groupId('Developer');
      const tooMany = Array.from({ length: 51 }, () => ({ role: 'Developer' }));
      const bad: [string, string, unknown][] = [
        ['POST', groupsPath(), {}],
        ['POST', groupsPath(), { name: 42 }],
        ['POST', groupsPath(), { name: 'x'.repeat(10_000) }],
        ['POST', groupsPath(), { name: 'bad\u0001name' }],
        ['POST', groupsPath(), { name: 'ok', description: 'd'.repeat(2001) }],
        ['POST', groupsPath(), { name: 'ok', roles: 'Developer' }],
        ['POST', groupsPath(), { name: 'ok', roles: [{}] }],
        ['POST', groupsPath(), { name: 'ok', roles: [{ role: 'Developer', level: 'organization' }] }],
        ['POST', groupsPath(), { name: 'ok', roles: tooMany }],
        ['POST', groupsPath(), { name: 'ok', members: [] }],
        ['PATCH', `/v1/groups/${id}`, { name: '' }],
        ['PATCH', `/v1/groups/${id}`, { description: 5 }],
        ['PATCH', `/v1/groups/${id}`, { organization: 'elsewhere' }],
      ];
      for (const [method, path, body] of bad) {
        const response = await server.admin.request(method, path, body);
        assertProblem(response, 400, 'validation');
        assert.ok(
          Array.isArray(response.body.errors) && response.body.errors.length > 0,
          `${method} ${path} ${JSON.stringify(body)}`,
        );
      }
      assertProblem(await server.admin.delete(`/v1/groups/${id}?cascade=maybe`), 400, 'validation');
    });
  });
}
