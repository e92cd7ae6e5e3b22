import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PRIMARY_STORE, type User } from '../../src/core/model.js';
import { Client, type TestServer, assertProblem, startTestServer } from './harness.js';

describe('sign-in permission (SQLite, wso2-apim preset)', () => {
  let server: TestServer;

  /** An active user with a password, holding `roles` at the home organization (and Internal/everyone, as everyone does). */
  async function person(roles: readonly string[]): Promise<{ user: User; username: string; password: string }> {
    const username = `u-${randomUUID().slice(0, 8)}`;
    const password = `pw-${randomUUID()}`;
    const user: User = { id: randomUUID(), username, store: PRIMARY_STORE, email: null, status: 'active' };
    await server.write([
      { op: 'user.put', user },
      ...roles.map((name) => ({
        op: 'mapping.add' as const,
        mapping: {
          id: randomUUID(),
          role: server.store.engine.findRole(name)!.id,
          subject: { kind: 'user' as const, id: user.id },
          target: { level: 'organization' as const, id: server.home.id },
        },
      })),
    ]);
    await server.server.context.credentials.setPassword(user.id, password);
    return { user, username, password };
  }
  const signIn = (username: string, password: string) =>
    server.anonymous.post('/v1/session', { username, password, mode: 'token' });

  before(async () => {
    server = await startTestServer('SQLite', { preset: 'wso2-apim' });
  });
  after(() => server.close());

  test("the wso2-apim preset makes WSO2's /permission/admin/login (admin:login) the sign-in permission", async () => {
    const settings = await server.admin.get('/v1/settings/sign-in');
    assert.equal(settings.status, 200);
    assert.equal(settings.body.signInPermission, 'admin:login');
    assert.equal(settings.body.requireTwoFactor, false);
  });

  test('a user whose roles lack the sign-in permission is refused with the reason, and gets no session', async () => {
    // Internal/everyone (everyone holds it) and Internal/integration_dev carry no admin:login.
    const { username, password } = await person(['Internal/integration_dev']);
    const refused = await signIn(username, password);
    assertProblem(refused, 403, 'sign-in-not-permitted');
    assert.match(refused.body.detail, /admin:login/);
    assert.equal(refused.body.permission, 'admin:login');
    assert.equal(refused.body.token, undefined);
  });

  test('a wrong password of such a user says only that the credentials are wrong', async () => {
    const { username } = await person([]);
    assertProblem(await signIn(username, 'not-the-password'), 401, 'invalid-credentials');
  });

  test('holders of a role with admin:login sign in', async () => {
    for (const role of ['Internal/subscriber', 'Internal/creator', 'Internal/observer']) {
      const { username, password } = await person([role]);
      const signedIn = await signIn(username, password);
      assert.equal(signedIn.status, 200, `${role}: ${JSON.stringify(signedIn.body)}`);
    }
  });

  test('the setting is data: cleared, everyone with a password signs in; set again, the gate is back', async () => {
    const { username, password } = await person([]);
    assertProblem(await signIn(username, password), 403, 'sign-in-not-permitted');
    assert.equal((await server.admin.put('/v1/settings/sign-in', { signInPermission: null })).status, 200);
    try {
      assert.equal((await signIn(username, password)).status, 200);
    } finally {
      const back = await server.admin.put('/v1/settings/sign-in', { signInPermission: 'admin:login' });
      assert.equal(back.status, 200, JSON.stringify(back.body));
    }
    assertProblem(await signIn(username, password), 403, 'sign-in-not-permitted');
    const exported = await server.admin.get('/v1/export');
    assert.equal(exported.status, 200);
    assert.match(JSON.stringify(exported.body), /"signInPermission":"admin:login"/);
  });

  test('a sign-in permission the caller lacks, or one not in the tree, is refused and changes nothing', async () => {
    const role = { id: randomUUID(), name: `settings-${randomUUID().slice(0, 6)}` };
    await server.write([
      {
        op: 'role.put',
        role: {
          ...server.store.engine.findRole('Internal/observer')!,
          id: role.id,
          name: role.name,
          predefined: false,
          aliases: [],
          permissions: ['settings:manage', 'admin:login'],
          organization: null,
        },
      },
    ]);
    const { username, password } = await person([role.name]);
    const client = new Client(server.url, (await signIn(username, password)).body.token);
    const before = await server.admin.get('/v1/settings/sign-in');
    assertProblem(
      await client.put('/v1/settings/sign-in', { signInPermission: 'admin:no-such' }),
      400,
      'unknown-permission',
    );
    // No lock-out: requiring a permission the caller does not hold would keep the caller out.
    const refused = await client.put('/v1/settings/sign-in', { signInPermission: 'admin:manage' });
    assertProblem(refused, 409, 'last-admin');
    assert.match(refused.body.detail, /admin:manage/);
    assert.deepEqual((await server.admin.get('/v1/settings/sign-in')).body, before.body);
  });

  test('the sign-in permission cannot be deleted from the tree while sign-in needs it', async () => {
    const refused = await server.admin.delete('/v1/permissions/admin:login');
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal((await server.admin.get('/v1/settings/sign-in')).body.signInPermission, 'admin:login');
  });
});
