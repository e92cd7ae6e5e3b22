import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { roleRecord } from '../../src/core/model.js';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`invitations API (${kind})`, () => {
    let server: TestServer;
    let apiId: string;
    before(async () => {
      server = await startTestServer(kind);
      const projectId = randomUUID();
      apiId = randomUUID();
      await server.write([
        { op: 'project.put', project: { id: projectId, name: 'engineering', organization: server.home.id } },
        {
          op: 'resource.put',
          resource: {
            id: apiId,
            type: 'api',
            name: 'pizza-shack',
            organization: server.home.id,
            project: projectId,
            private: false,
          },
        },
      ]);
    });
    after(() => server.close());

    const groupId = (name: string) => server.store.engine.findGroup(server.home.id, name)!.id;
    const invite = (body: Record<string, unknown>) => server.admin.post('/v1/invitations', body);

    test('an admin invites an email into a group: the answer carries the token and accept link once, the database only its hash', async () => {
      const created = await invite({ email: 'nina@example.com', group: groupId('Developer') });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { invitation, token, acceptUrl } = created.body;
      assert.match(token, /^tinv_/);
      assert.equal(acceptUrl, `${server.url}/console/accept-invitation?token=${token}`);
      assert.equal(invitation.status, 'pending');
      assert.equal(invitation.organization, server.home.id);
      assert.equal(invitation.group, groupId('Developer'));
      assert.equal(JSON.stringify(created.body.invitation).includes('hash'), false);
      const expires = Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt);
      assert.equal(expires, 7 * 86_400_000);
      const row = await server.store.database
        .selectFrom('invitations')
        .selectAll()
        .where('id', '=', invitation.id)
        .executeTakeFirstOrThrow();
      assert.notEqual(row.token_hash, token);
      assert.equal(JSON.stringify(row).includes(token), false);
      const [entry] = await server.store.audit({ target: `invitation:${invitation.id}` });
      assert.equal(entry?.action, 'invitation.create');
      assert.equal(entry?.actor.name, 'PRIMARY/admin');
      assert.equal(entry?.effects[0]?.kind, 'invitation');
      assert.equal(entry?.effects[0]?.before, null);
      assert.equal(JSON.stringify(entry?.effects).includes(row.token_hash), false);
    });

    test('the accept page looks an invitation up by its token without signing in; an unknown token is gone', async () => {
      const { body } = await invite({ email: 'omar@example.com', group: groupId('API Publisher'), expiresInHours: 2 });
      assert.equal(Date.parse(body.invitation.expiresAt) - Date.parse(body.invitation.createdAt), 2 * 3_600_000);
      const lookup = await server.anonymous.get(`/v1/invitations/lookup?token=${body.token}`);
      assert.equal(lookup.status, 200, JSON.stringify(lookup.body));
      assert.deepEqual(lookup.body.organization, { id: server.home.id, name: server.home.name });
      assert.deepEqual(lookup.body.group, { id: groupId('API Publisher'), name: 'API Publisher' });
      assert.equal(lookup.body.role, null);
      assert.equal(lookup.body.email, 'omar@example.com');
      assert.equal(lookup.body.status, 'pending');
      assertProblem(await server.anonymous.get('/v1/invitations/lookup?token=tinv_nope'), 410, 'invitation-invalid');
      assertProblem(await server.anonymous.get('/v1/invitations/lookup'), 400, 'validation');
    });

    test('accepting without signing in creates an active user with the invited email, in the group, exactly once', async () => {
      const { body } = await invite({ email: 'pia@example.com', group: groupId('Developer') });
      const accepted = await server.anonymous.post('/v1/invitations/accept', {
        token: body.token,
        username: 'pia',
        password: 'pia-secret-1',
      });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      const user = accepted.body.user;
      assert.deepEqual(
        { username: user.username, store: user.store, email: user.email, status: user.status },
        { username: 'pia', store: 'PRIMARY', email: 'pia@example.com', status: 'active' },
      );
      assert.equal(accepted.body.revision, server.store.revision);
      assert.ok(server.store.engine.members(groupId('Developer')).includes(user.id));
      assert.ok(server.store.engine.allowed(user.id, 'component:create', 'organization', server.home.id));
      const pia = await server.signIn('pia', 'pia-secret-1');
      assert.equal((await pia.get('/v1/session')).body.user.id, user.id);
      assertProblem(
        await server.anonymous.post('/v1/invitations/accept', {
          token: body.token,
          username: 'pia2',
          password: 'pia-secret-1',
        }),
        410,
        'invitation-invalid',
      );
      assertProblem(await pia.post('/v1/invitations/accept', { token: body.token }), 410, 'invitation-invalid');
      assert.equal(server.store.engine.user('pia2'), undefined);
      const lookup = await server.anonymous.get(`/v1/invitations/lookup?token=${body.token}`);
      assert.equal(lookup.body.status, 'accepted');
      const entries = await server.store.audit({ target: `invitation:${body.invitation.id}` });
      const acceptance = entries.find((e) => e.action === 'invitation.accept');
      assert.equal(acceptance?.actor.id, user.id);
      assert.ok(acceptance?.revision !== null);
    });

    test('a signed-in user accepts a role on one resource and then has access to it, not beyond', async () => {
      const { user, client } = await server.user('quinn');
      const created = await invite({
        email: 'quinn@example.com',
        role: 'API Publisher',
        resource: { type: 'api', id: apiId },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(created.body.invitation.target, { level: 'resource', id: apiId });
      const lookup = await server.anonymous.get(`/v1/invitations/lookup?token=${created.body.token}`);
      assert.equal(lookup.body.role.name, 'API Publisher');
      assert.equal(lookup.body.resource.id, apiId);
      assert.equal(lookup.body.group, null);
      assert.ok(!server.store.engine.allowed(user.id, 'api:publish', 'api', apiId));
      const accepted = await client.post('/v1/invitations/accept', { token: created.body.token });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.user.id, user.id);
      assert.ok(server.store.engine.allowed(user.id, 'api:publish', 'api', apiId));
      assert.ok(!server.store.engine.allowed(user.id, 'api:publish', 'organization', server.home.id));
      const row = await server.store.database
        .selectFrom('invitations')
        .selectAll()
        .where('id', '=', created.body.invitation.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.accepted_by, user.id);
    });

    test('accepting with a username that exists is refused; that user must sign in, and the invitation stays pending', async () => {
      const { body } = await invite({ email: 'rita@example.com', group: groupId('Developer') });
      assertProblem(
        await server.anonymous.post('/v1/invitations/accept', {
          token: body.token,
          username: 'pia',
          password: 'whatever-1',
        }),
        409,
        'duplicate',
      );
      assertProblem(
        await server.anonymous.post('/v1/invitations/accept', { token: body.token, password: 'whatever-1' }),
        400,
        'validation',
      );
      assertProblem(
        await server.anonymous.post('/v1/invitations/accept', { token: body.token, username: 'rita' }),
        400,
        'validation',
      );
      assert.equal((await server.anonymous.get(`/v1/invitations/lookup?token=${body.token}`)).body.status, 'pending');
      assert.equal(server.store.engine.user('rita'), undefined);
    });

    test('two people racing to accept one invitation: one wins, the other changes nothing', async () => {
      const { body } = await invite({ email: 'race@example.com', group: groupId('Developer') });
      const answers = await Promise.all(
        ['racer-a', 'racer-b'].map((username) =>
          server.anonymous.post('/v1/invitations/accept', { token: body.token, username, password: 'race-secret-1' }),
        ),
      );
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 410]);
      const loser = answers.find((a) => a.status === 410)!;
      assertProblem(loser, 410, 'invitation-invalid');
      const users = ['racer-a', 'racer-b'].filter((name) => server.store.engine.user(name) !== undefined);
      assert.equal(users.length, 1);
      const winner = answers.find((a) => a.status === 200)!.body.user;
      assert.equal(users[0], winner.username);
      const accounts = await server.store.database.selectFrom('accounts').select('user_id').execute();
      assert.equal(
        accounts.filter((a) => server.store.engine.user(a.user_id) === undefined).length,
        0,
        'no password row outlives a rolled-back user',
      );
    });

    test('a revoked invitation cannot be accepted or revoked again', async () => {
      const { body } = await invite({ email: 'sam@example.com', group: groupId('Developer') });
      const revoked = await server.admin.delete(`/v1/invitations/${body.invitation.id}`);
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      assert.equal(revoked.body.invitation.status, 'revoked');
      assertProblem(
        await server.anonymous.post('/v1/invitations/accept', {
          token: body.token,
          username: 'sam',
          password: 'sam-secret-1',
        }),
        410,
        'invitation-invalid',
      );
      assertProblem(await server.admin.delete(`/v1/invitations/${body.invitation.id}`), 410, 'invitation-invalid');
      assert.equal(server.store.engine.user('sam'), undefined);
      assertProblem(await server.admin.delete(`/v1/invitations/${randomUUID()}`), 404, 'not-found');
      const entries = await server.store.audit({ target: `invitation:${body.invitation.id}` });
      assert.ok(entries.some((e) => e.action === 'invitation.revoke'));
    });

    test('an expired invitation cannot be accepted or revoked', async () => {
      const { body } = await invite({ email: 'tom@example.com', group: groupId('Developer') });
      await server.store.database
        .updateTable('invitations')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', body.invitation.id)
        .execute();
      assert.equal((await server.anonymous.get(`/v1/invitations/lookup?token=${body.token}`)).body.status, 'expired');
      assertProblem(
        await server.anonymous.post('/v1/invitations/accept', {
          token: body.token,
          username: 'tom',
          password: 'tom-secret-1',
        }),
        410,
        'invitation-invalid',
      );
      assertProblem(await server.admin.delete(`/v1/invitations/${body.invitation.id}`), 410, 'invitation-invalid');
      assert.equal(server.store.engine.user('tom'), undefined);
    });

    test("an organization's invitations are listed by status, newest first, page by page, without token hashes", async () => {
      const all = await server.admin.get(`/v1/invitations?organization=${server.home.id}`);
      assert.equal(all.status, 200);
      assert.ok(all.body.items.length >= 7);
      assert.equal(JSON.stringify(all.body).includes('token'), false);
      const created = all.body.items.map((i: { createdAt: string }) => i.createdAt);
      assert.deepEqual(created, [...created].sort().reverse());
      for (const status of ['pending', 'accepted', 'revoked', 'expired']) {
        const some = await server.admin.get(
          `/v1/invitations?organization=${encodeURIComponent(server.home.name)}&status=${status}`,
        );
        assert.equal(some.status, 200);
        assert.ok(some.body.items.length >= 1, status);
        assert.ok(some.body.items.every((i: { status: string }) => i.status === status));
      }
      const first = await server.admin.get(`/v1/invitations?organization=${server.home.id}&limit=3`);
      const second = await server.admin.get(
        `/v1/invitations?organization=${server.home.id}&limit=3&after=${first.body.next}`,
      );
      assert.deepEqual(
        [...first.body.items, ...second.body.items].map((i: { id: string }) => i.id),
        all.body.items.slice(0, 6).map((i: { id: string }) => i.id),
      );
      assertProblem(await server.admin.get('/v1/invitations'), 400, 'validation');
      assertProblem(await server.admin.get('/v1/invitations?organization=nowhere'), 404, 'not-found');
    });

    test('inviting needs user:invite, and the inviter must be able to grant what the invitation gives', async () => {
      const { client: dev } = await server.user('dev', { groups: ['Developer'] });
      assertProblem(
        await dev.post('/v1/invitations', { email: 'x@example.com', group: groupId('Developer') }),
        403,
        'forbidden',
      );
      assertProblem(await dev.get(`/v1/invitations?organization=${server.home.id}`), 403, 'forbidden');
      const pending = (await server.admin.get(`/v1/invitations?organization=${server.home.id}&status=pending`)).body
        .items[0];
      assertProblem(await dev.delete(`/v1/invitations/${pending.id}`), 403, 'forbidden');

      const inviter = roleRecord({ id: randomUUID(), name: 'Inviter', permissions: ['user:invite', 'project:view'] });
      const { user, client } = await server.user('inviter');
      await server.write([
        { op: 'role.put', role: inviter },
        {
          op: 'mapping.add',
          mapping: {
            id: randomUUID(),
            role: inviter.id,
            subject: { kind: 'user', id: user.id },
            target: { level: 'organization', id: server.home.id },
          },
        },
      ]);
      assertProblem(
        await client.post('/v1/invitations', { email: 'x@example.com', group: groupId('Admin') }),
        403,
        'privilege-escalation',
      );
      assertProblem(
        await client.post('/v1/invitations', {
          email: 'x@example.com',
          role: 'Developer',
          resource: { type: 'api', id: apiId },
        }),
        403,
        'forbidden',
      );
      const empty = await server.admin.post(`/v1/organizations/${server.home.id}/groups`, { name: 'Nothing' });
      assert.equal(
        (await client.post('/v1/invitations', { email: 'x@example.com', group: empty.body.group.id })).status,
        201,
      );
      assertProblem(
        await server.admin.post('/v1/invitations', {
          email: 'x@example.com',
          role: 'Environment Manager',
          resource: { type: 'api', id: apiId },
        }),
        422,
        'role-deprecated',
      );
    });

    test('bad bodies and unknown references are refused', async () => {
      const group = groupId('Developer');
      const bad: [string, unknown][] = [
        ['/v1/invitations', {}],
        ['/v1/invitations', { email: 'not-an-email', group }],
        ['/v1/invitations', { email: `${'x'.repeat(10_000)}@example.com`, group }],
        ['/v1/invitations', { email: 42, group }],
        ['/v1/invitations', { email: 'u@example.com' }],
        ['/v1/invitations', { email: 'u@example.com', group, role: 'Developer' }],
        ['/v1/invitations', { email: 'u@example.com', role: 'Developer' }],
        [
          '/v1/invitations',
          { email: 'u@example.com', role: 'Developer', resource: { type: 'organization', id: server.home.id } },
        ],
        ['/v1/invitations', { email: 'u@example.com', role: 'Developer', resource: { type: 'api' } }],
        ['/v1/invitations', { email: 'u@example.com', group, expiresInHours: 0 }],
        ['/v1/invitations', { email: 'u@example.com', group, expiresInHours: 721 }],
        ['/v1/invitations', { email: 'u@example.com', group, expiresInHours: '5' }],
        ['/v1/invitations', { email: 'u@example.com', group, cc: 'boss@example.com' }],
        ['/v1/invitations/accept', {}],
        ['/v1/invitations/accept', { token: 'x'.repeat(10_000) }],
        ['/v1/invitations/accept', { token: 'tinv_x', username: 'a/b', password: 'long-enough' }],
        ['/v1/invitations/accept', { token: 'tinv_x', username: 'ok', password: 'short' }],
        ['/v1/invitations/accept', { token: 'tinv_x', email: 'other@example.com' }],
      ];
      for (const [path, body] of bad) {
        const response = await server.admin.post(path, body);
        assertProblem(response, 400, 'validation');
        assert.ok(
          Array.isArray(response.body.errors) && response.body.errors.length > 0,
          `${path} ${JSON.stringify(body)}`,
        );
      }
      assertProblem(
        await server.admin.post('/v1/invitations', { email: 'u@example.com', group: randomUUID() }),
        404,
        'not-found',
      );
      assertProblem(
        await server.admin.post('/v1/invitations', {
          email: 'u@example.com',
          role: 'Developer',
          resource: { type: 'api', id: randomUUID() },
        }),
        404,
        'not-found',
      );
      assertProblem(
        await server.admin.post('/v1/invitations', {
          email: 'u@example.com',
          role: 'No Such Role',
          resource: { type: 'api', id: apiId },
        }),
        404,
        'not-found',
      );
      assertProblem(
        await server.anonymous.post('/v1/invitations/accept', {
          token: 'tinv_unknown',
          username: 'u',
          password: 'long-enough',
        }),
        410,
        'invitation-invalid',
      );
    });
  });
}
