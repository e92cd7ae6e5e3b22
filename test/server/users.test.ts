import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { roleRecord } from '../../src/core/model.js';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`users API (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    const groupId = (name: string) => server.store.engine.findGroup(server.home.id, name)!.id;

    test('an admin creates a user with a password, who can then sign in', async () => {
      const created = await server.admin.post('/v1/users', {
        username: 'carol',
        email: 'carol@example.com',
        password: 'carol-secret-1',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.user.username, 'carol');
      assert.equal(created.body.user.store, 'PRIMARY');
      assert.equal(created.body.user.status, 'active');
      assert.equal(typeof created.body.revision, 'number');
      assert.ok(server.store.engine.user(created.body.user.id));
      const carol = await server.signIn('carol', 'carol-secret-1');
      assert.equal((await carol.get('/v1/session')).body.user.username, 'carol');
      const entries = await server.store.audit({ target: `user:${created.body.user.id}` });
      assert.ok(entries.some((e) => e.action === 'user.create' && e.actor.name === 'PRIMARY/admin'));
    });

    test('a user created without a password cannot sign in, and an invited status is kept', async () => {
      const created = await server.admin.post('/v1/users', { username: 'dave', status: 'invited' });
      assert.equal(created.status, 201);
      assert.equal(created.body.user.status, 'invited');
      assert.equal(created.body.user.email, null);
      assertProblem(
        await server.anonymous.post('/v1/session', { username: 'dave', password: 'anything-at-all' }),
        401,
        'invalid-credentials',
      );
    });

    test('a taken username is refused as a duplicate', async () => {
      assertProblem(await server.admin.post('/v1/users', { username: 'carol' }), 409, 'duplicate');
    });

    test('users of a read-only user store cannot be created, edited or deleted here', async () => {
      await server.store.write(
        [{ op: 'userStore.put', userStore: { name: 'LDAP', readOnly: true, description: null } }],
        { actor: SYSTEM_ACTOR, userStoreSync: true },
      );
      assertProblem(await server.admin.post('/v1/users', { username: 'erin', store: 'LDAP' }), 409, 'read-only-store');
      assertProblem(await server.admin.post('/v1/users', { username: 'erin', store: 'NOPE' }), 404, 'not-found');
      const id = randomUUID();
      await server.store.write(
        [{ op: 'user.put', user: { id, username: 'frank', store: 'LDAP', email: null, status: 'active' } }],
        { actor: SYSTEM_ACTOR, userStoreSync: true },
      );
      assert.equal((await server.admin.get('/v1/users/LDAP%2Ffrank')).body.id, id);
      assertProblem(await server.admin.patch(`/v1/users/${id}`, { email: 'f@example.com' }), 409, 'read-only-store');
      assertProblem(await server.admin.delete(`/v1/users/${id}`), 409, 'read-only-store');
    });

    test('users are searched by part of the username, email, store and status, page by page', async () => {
      const byName = await server.admin.get('/v1/users?name=CAR');
      assert.equal(byName.status, 200);
      assert.deepEqual(
        byName.body.items.map((u: { username: string }) => u.username),
        ['carol'],
      );
      const byEmail = await server.admin.get('/v1/users?email=carol@example.com');
      assert.deepEqual(
        byEmail.body.items.map((u: { username: string }) => u.username),
        ['carol'],
      );
      const invited = await server.admin.get('/v1/users?status=invited');
      assert.deepEqual(
        invited.body.items.map((u: { username: string }) => u.username),
        ['dave'],
      );
      const ldap = await server.admin.get('/v1/users?store=LDAP');
      assert.deepEqual(
        ldap.body.items.map((u: { username: string }) => u.username),
        ['frank'],
      );
      const first = await server.admin.get('/v1/users?limit=2');
      assert.equal(first.body.items.length, 2);
      assert.equal(typeof first.body.next, 'string');
      const second = await server.admin.get(`/v1/users?limit=2&after=${encodeURIComponent(first.body.next)}`);
      assert.ok(second.body.items.length >= 1);
      assert.ok(
        second.body.items.every((u: { id: string }) => !first.body.items.some((f: { id: string }) => f.id === u.id)),
      );
    });

    test('a user is read by id, STORE/username or username; an unknown one is not found', async () => {
      const carol = server.store.engine.user('carol')!;
      for (const reference of [carol.id, 'PRIMARY/carol', 'carol']) {
        const response = await server.admin.get(`/v1/users/${encodeURIComponent(reference)}`);
        assert.equal(response.status, 200);
        assert.equal(response.body.id, carol.id);
      }
      assertProblem(await server.admin.get('/v1/users/nobody'), 404, 'not-found');
    });

    test("a user's groups and role mappings, direct and through groups, are listed", async () => {
      const { user } = await server.user('gina', { groups: ['Developer'] });
      const mappingId = randomUUID();
      const billing = server.store.engine.findRole('Billing Admin')!;
      await server.write([
        {
          op: 'mapping.add',
          mapping: {
            id: mappingId,
            role: billing.id,
            subject: { kind: 'user', id: user.id },
            target: { level: 'organization', id: server.home.id },
          },
        },
      ]);
      const groups = await server.admin.get(`/v1/users/${user.id}/groups`);
      assert.equal(groups.status, 200);
      assert.deepEqual(
        groups.body.items.map((i: { group: { name: string } }) => i.group.name),
        ['Developer'],
      );
      assert.deepEqual(groups.body.items[0].organization, { id: server.home.id, name: server.home.name });
      const mappings = await server.admin.get(`/v1/users/${user.id}/mappings`);
      assert.equal(mappings.status, 200);
      const direct = mappings.body.items.find((m: { id: string }) => m.id === mappingId);
      assert.equal(direct.role.name, 'Billing Admin');
      assert.equal(direct.via, null);
      assert.deepEqual(direct.target, { level: 'organization', id: server.home.id, name: server.home.name });
      const viaGroup = mappings.body.items.find((m: { role: { name: string } }) => m.role.name === 'Developer');
      assert.equal(viaGroup.via.name, 'Developer');
      assert.equal(viaGroup.subject.kind, 'group');
      assertProblem(await server.admin.get('/v1/users/nobody/groups'), 404, 'not-found');
      assertProblem(await server.admin.get('/v1/users/nobody/mappings'), 404, 'not-found');
    });

    test("an admin changes a user's email and status; a disabled user cannot sign in", async () => {
      const { user, password } = await server.user('hank');
      const updated = await server.admin.patch(`/v1/users/${user.id}`, {
        email: 'hank@corp.example',
        status: 'disabled',
      });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.equal(updated.body.user.email, 'hank@corp.example');
      assert.equal(updated.body.user.status, 'disabled');
      assertProblem(
        await server.anonymous.post('/v1/session', { username: 'hank', password }),
        401,
        'invalid-credentials',
      );
      const cleared = await server.admin.patch(`/v1/users/${user.id}`, { email: null, status: 'active' });
      assert.equal(cleared.body.user.email, null);
      assert.equal(cleared.body.user.status, 'active');
    });

    test('disabling or deleting the last active admin is refused', async () => {
      const admin = server.store.engine.user('admin')!;
      assertProblem(await server.admin.patch(`/v1/users/${admin.id}`, { status: 'disabled' }), 409, 'last-admin');
      assertProblem(await server.admin.delete(`/v1/users/${admin.id}`), 409, 'last-admin');
      assert.equal(server.store.engine.user(admin.id)?.status, 'active');
    });

    test('callers change their own password with the current one, which ends their sessions', async () => {
      const { user, client, password } = await server.user('ivy');
      assertProblem(
        await client.put(`/v1/users/${user.id}/password`, {
          password: 'new-secret-1',
          currentPassword: 'wrong-password',
        }),
        401,
        'invalid-credentials',
      );
      const changed = await client.put(`/v1/users/${user.id}/password`, {
        password: 'new-secret-1',
        currentPassword: password,
      });
      assert.equal(changed.status, 204, JSON.stringify(changed.body));
      assertProblem(await client.get('/v1/session'), 401, 'unauthorized');
      await server.signIn('ivy', 'new-secret-1');
      assertProblem(
        await server.anonymous.post('/v1/session', { username: 'ivy', password }),
        401,
        'invalid-credentials',
      );
      const entries = await server.store.audit({ target: `user:${user.id}` });
      assert.ok(entries.some((e) => e.action === 'user.password' && e.actor.id === user.id));
    });

    test("setting another user's password needs user:manage; an admin may", async () => {
      const { user } = await server.user('jack');
      const { client: dev, user: devUser } = await server.user('dev1', { groups: ['Developer'] });
      assertProblem(await dev.put(`/v1/users/${user.id}/password`, { password: 'taken-over-1' }), 403, 'forbidden');
      assertProblem(
        await dev.put(`/v1/users/${user.id}/password`, { password: 'taken-over-1', currentPassword: 'whatever-1' }),
        403,
        'forbidden',
      );
      assertProblem(await dev.put(`/v1/users/${devUser.id}/password`, { password: 'no-current-1' }), 403, 'forbidden');
      const reset = await server.admin.put(`/v1/users/${user.id}/password`, { password: 'reset-by-admin' });
      assert.equal(reset.status, 204);
      await server.signIn('jack', 'reset-by-admin');
    });

    test('deleting a user removes its memberships, mappings, password and tokens; the username comes back as a new user', async () => {
      const { user, client, password } = await server.user('kate', { groups: ['Developer'] });
      const token = await client.post('/v1/tokens', { name: 'ci' });
      assert.equal(token.status, 201);
      const deleted = await server.admin.delete(`/v1/users/${user.id}`);
      assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
      assert.equal(server.store.engine.user(user.id), undefined);
      assert.ok(!server.store.engine.members(groupId('Developer')).includes(user.id));
      for (const table of ['accounts', 'sessions', 'access_tokens'] as const) {
        const rows = await server.store.database.selectFrom(table).selectAll().where('user_id', '=', user.id).execute();
        assert.equal(rows.length, 0, `${table} rows remain`);
      }
      assertProblem(await client.get('/v1/session'), 401, 'unauthorized');
      assertProblem(
        await server.anonymous.post('/v1/session', { username: 'kate', password }),
        401,
        'invalid-credentials',
      );
      const again = await server.admin.post('/v1/users', { username: 'kate' });
      assert.equal(again.status, 201);
      assert.notEqual(again.body.user.id, user.id);
      assert.deepEqual((await server.admin.get(`/v1/users/${again.body.user.id}/groups`)).body.items, []);
      assertProblem(await server.admin.delete('/v1/users/nobody'), 404, 'not-found');
    });

    test('a Developer can neither see nor manage users', async () => {
      const { client, user } = await server.user('dev2', { groups: ['Developer'] });
      assertProblem(await client.get('/v1/users'), 403, 'forbidden');
      assertProblem(await client.get(`/v1/users/${user.id}`), 403, 'forbidden');
      assertProblem(await client.get(`/v1/users/${user.id}/groups`), 403, 'forbidden');
      assertProblem(await client.get(`/v1/users/${user.id}/mappings`), 403, 'forbidden');
      assertProblem(await client.post('/v1/users', { username: 'mallory' }), 403, 'forbidden');
      assertProblem(await client.patch(`/v1/users/${user.id}`, { status: 'active' }), 403, 'forbidden');
      assertProblem(await client.delete(`/v1/users/${user.id}`), 403, 'forbidden');
      assertProblem(await server.anonymous.get('/v1/users'), 401, 'unauthorized');
    });

    test('a user with user:view but not user:manage may read but not write', async () => {
      const viewer = roleRecord({ id: randomUUID(), name: 'User Viewer', permissions: ['user:view'] });
      const { user, client } = await server.user('viewer');
      await server.write([
        { op: 'role.put', role: viewer },
        {
          op: 'mapping.add',
          mapping: {
            id: randomUUID(),
            role: viewer.id,
            subject: { kind: 'user', id: user.id },
            target: { level: 'organization', id: server.home.id },
          },
        },
      ]);
      assert.equal((await client.get('/v1/users')).status, 200);
      assertProblem(await client.post('/v1/users', { username: 'mallory' }), 403, 'forbidden');
    });

    test('bad bodies are refused with the fields at fault', async () => {
      const carol = server.store.engine.user('carol')!;
      const bad: [string, string, unknown][] = [
        ['POST', '/v1/users', {}],
        ['POST', '/v1/users', { username: 42 }],
        ['POST', '/v1/users', { username: 'x'.repeat(10_000) }],
        ['POST', '/v1/users', { username: 'a/b' }],
        ['POST', '/v1/users', { username: '' }],
        ['POST', '/v1/users', { username: 'ok', email: 'not-an-email' }],
        ['POST', '/v1/users', { username: 'ok', status: 'sleeping' }],
        ['POST', '/v1/users', { username: 'ok', password: 'short' }],
        ['POST', '/v1/users', { username: 'ok', password: 'p'.repeat(1025) }],
        ['POST', '/v1/users', { username: 'ok', admin: true }],
        ['PATCH', `/v1/users/${carol.id}`, { status: 'gone' }],
        ['PATCH', `/v1/users/${carol.id}`, { email: 7 }],
        ['PATCH', `/v1/users/${carol.id}`, { username: 'renamed' }],
        ['PUT', `/v1/users/${carol.id}/password`, {}],
        ['PUT', `/v1/users/${carol.id}/password`, { password: 'short' }],
        ['PUT', `/v1/users/${carol.id}/password`, { password: 'x'.repeat(10_000) }],
        ['PUT', `/v1/users/${carol.id}/password`, { password: 'long-enough', extra: 1 }],
      ];
      for (const [method, path, body] of bad) {
        const response = await server.admin.request(method, path, body);
        assertProblem(response, 400, 'validation');
        assert.ok(
          Array.isArray(response.body.errors) && response.body.errors.length > 0,
          `${method} ${path} ${JSON.stringify(body)}`,
        );
      }
      assertProblem(await server.admin.patch('/v1/users/nobody', { status: 'active' }), 404, 'not-found');
      assertProblem(await server.admin.put('/v1/users/nobody/password', { password: 'long-enough' }), 404, 'not-found');
      assertProblem(await server.admin.get(`/v1/users?limit=0`), 400, 'validation');
    });
  });
}
