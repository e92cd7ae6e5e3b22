import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { OPERATOR_ACTOR, SYSTEM_ACTOR } from '../../src/core/gate.js';
import { roleRecord } from '../../src/core/model.js';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`a secondary writable user store (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    const check = async (user: string, permission: string, project: string) =>
      (await server.admin.post('/v1/check', { user, permission, resource: { type: 'project', id: project } })).body
        .allowed as boolean;

    test('has its own domain, users and groups in the same database: PARTNERS/alice is not PRIMARY/alice', async () => {
      const created = await server.admin.post('/v1/user-stores', { name: 'PARTNERS', description: 'partner staff' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.userStore.readOnly, false);
      const organization = await server.admin.post('/v1/organizations', { name: 'acme' });
      assert.equal(organization.status, 201, JSON.stringify(organization.body));
      assert.equal((await server.admin.post('/v1/organizations/acme/projects', { name: 'web' })).status, 201);

      const primary = await server.admin.post('/v1/users', { username: 'alice', password: 'primary-alice-1' });
      const partner = await server.admin.post('/v1/users', {
        username: 'alice',
        store: 'PARTNERS',
        email: 'alice@partner.example',
        password: 'partner-alice-1',
      });
      assert.equal(partner.status, 201, JSON.stringify(partner.body));
      assert.notEqual(partner.body.user.id, primary.body.user.id);
      assert.equal((await server.admin.get('/v1/users/PARTNERS%2Falice')).body.id, partner.body.user.id);

      // A group of the secondary store, mapped to a role like any group.
      const group = await server.admin.post('/v1/organizations/acme/groups', {
        name: 'Partners',
        store: 'PARTNERS',
        roles: [{ role: 'Developer', project: 'acme/web' }],
      });
      assert.equal(group.status, 201, JSON.stringify(group.body));
      assert.equal(group.body.group.store, 'PARTNERS');
      const member = await server.admin.put(`/v1/groups/${group.body.group.id}/members/PARTNERS%2Falice`);
      assert.ok(member.status < 300, JSON.stringify(member.body));

      assert.equal(await check('PARTNERS/alice', 'project:edit', 'acme/web'), true);
      assert.equal(await check('alice', 'project:edit', 'acme/web'), false);

      // Each signs in with its own password, under its qualified name.
      const signedIn = await server.anonymous.post('/v1/session', {
        username: 'PARTNERS/alice',
        password: 'partner-alice-1',
        mode: 'token',
      });
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.user.name, 'PARTNERS/alice');
      assertProblem(
        await server.anonymous.post('/v1/session', { username: 'PARTNERS/alice', password: 'primary-alice-1' }),
        401,
        'invalid-credentials',
      );
      const listed = await server.admin.get('/v1/users?store=PARTNERS');
      assert.deepEqual(
        listed.body.items.map((u: { username: string }) => u.username),
        ['alice'],
      );
    });

    test('a read-only store refuses user, group, membership and role writes on every path, leaving the state as it was', async () => {
      const userId = randomUUID();
      const groupId = randomUUID();
      const roleId = randomUUID();
      await server.store.write(
        [
          { op: 'userStore.put', userStore: { name: 'FROZEN', readOnly: true, description: null } },
          { op: 'user.put', user: { id: userId, username: 'zed', store: 'FROZEN', email: null, status: 'active' } },
          {
            op: 'group.put',
            group: {
              id: groupId,
              organization: server.home.id,
              name: 'frozen-team',
              store: 'FROZEN',
              description: null,
            },
          },
          { op: 'member.add', membership: { group: groupId, user: userId } },
          { op: 'role.put', role: roleRecord({ id: roleId, name: 'FROZEN/reader', store: 'FROZEN' }) },
        ],
        { actor: SYSTEM_ACTOR, userStoreSync: true },
      );
      const revision = server.store.revision;

      // Over HTTP: the routes, a mapping-free document, role edits.
      assertProblem(await server.admin.patch(`/v1/users/${userId}`, { status: 'disabled' }), 409, 'read-only-store');
      assertProblem(await server.admin.delete(`/v1/groups/${groupId}/members/${userId}`), 409, 'read-only-store');
      assertProblem(
        await server.admin.patch(`/v1/roles/${roleId}`, { permissions: ['project:view'] }),
        409,
        'read-only-store',
      );
      assertProblem(
        await server.admin.post('/v1/apply', { users: [{ username: 'yves', store: 'FROZEN' }] }),
        409,
        'read-only-store',
      );

      // In the store, the gate refuses it whoever writes: the operator, and the system outside a sync.
      for (const actor of [OPERATOR_ACTOR, SYSTEM_ACTOR]) {
        await assert.rejects(
          server.store.write([{ op: 'user.delete', id: userId }], { actor }),
          (error: { code?: string }) => error.code === 'READ_ONLY_STORE',
        );
        await assert.rejects(
          server.store.write([{ op: 'member.remove', membership: { group: groupId, user: userId } }], { actor }),
          (error: { code?: string }) => error.code === 'READ_ONLY_STORE',
        );
      }
      assert.equal(server.store.revision, revision);
      assert.equal(server.store.engine.user(userId)?.status, 'active');
      assert.deepEqual(server.store.engine.members(groupId), [userId]);

      // Its users, groups and roles can still be mapped: mapping is not editing.
      const mapped = await server.admin.post('/v1/mappings', {
        role: 'Developer',
        subject: { kind: 'group', id: groupId },
        target: { type: 'organization', id: server.home.id },
      });
      assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
    });
  });
}
