import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { secretHash } from '../../src/server/passwords.js';
import { Client, DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';
import { type TestSmtpServer, startSmtpServer } from './smtp.js';

function tokenIn(text: string): string {
  const match = /\/console\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(text);
  assert.ok(match !== null, `no reset link in: ${text}`);
  return decodeURIComponent(match[1]!);
}

for (const kind of DATABASES) {
  describe(`password reset (${kind})`, () => {
    let smtp: TestSmtpServer;
    let server: TestServer;
    before(async () => {
      smtp = await startSmtpServer();
      server = await startTestServer(kind, { smtpUrl: smtp.url });
    });
    after(async () => {
      await server.close();
      await smtp.close();
    });

    /** A user with a session, a personal access token and an OAuth refresh token. */
    async function userWithCredentials(username: string) {
      const made = await server.user(username);
      const pat = await made.client.post('/v1/tokens', { name: 'ci' });
      assert.equal(pat.status, 201, JSON.stringify(pat.body));
      const refresh = `refresh-${randomUUID()}`;
      await server.store.database
        .insertInto('oauth_refresh_tokens')
        .values({
          token_hash: secretHash(refresh),
          client_id: 'client',
          user_id: made.user.id,
          scope: 'openid',
          created_at: new Date().toISOString(),
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          revoked_at: null,
        })
        .execute();
      return { ...made, patClient: new Client(server.url, pat.body.token), refreshHash: secretHash(refresh) };
    }

    async function assertCredentialsEnded(u: Awaited<ReturnType<typeof userWithCredentials>>) {
      assertProblem(await u.client.get('/v1/session'), 401, 'unauthorized');
      assertProblem(await u.patClient.get('/v1/session'), 401, 'unauthorized');
      const row = await server.store.database
        .selectFrom('oauth_refresh_tokens')
        .select('revoked_at')
        .where('token_hash', '=', u.refreshHash)
        .executeTakeFirstOrThrow();
      assert.notEqual(row.revoked_at, null, 'the OAuth refresh token is revoked');
    }

    test('a reset link mailed by username sets a new password once, and ends every session and token', async () => {
      const ada = await userWithCredentials('ada');
      const asked = await server.anonymous.post('/v1/password-reset', { user: 'ada' });
      assert.equal(asked.status, 202, JSON.stringify(asked.body));
      const message = await smtp.next('ada@example.com');
      assert.equal(message.subject, 'Reset your Tessera password');
      const token = tokenIn(message.text);
      assert.ok(message.html.includes(`${server.url}/console/reset-password?token=${token}`));
      const rows = await server.store.database.selectFrom('password_resets').selectAll().execute();
      assert.equal(JSON.stringify(rows).includes(token), false, 'only the hash is kept');
      const row = rows.find((r) => r.token_hash === secretHash(token));
      assert.ok(row !== undefined);
      assert.ok(Date.parse(row.expires_at) - Date.parse(row.created_at) <= 30 * 60_000, 'short-lived');
      // Still signed in until the link is used.
      assert.equal((await ada.client.get('/v1/session')).status, 200);
      const reset = await server.anonymous.post('/v1/password-reset/confirm', { token, password: 'ada-new-secret' });
      assert.equal(reset.status, 204, JSON.stringify(reset.body));
      await assertCredentialsEnded(ada);
      assertProblem(
        await server.anonymous.post('/v1/session', { username: 'ada', password: ada.password }),
        401,
        'invalid-credentials',
      );
      await server.signIn('ada', 'ada-new-secret');
      assertProblem(
        await server.anonymous.post('/v1/password-reset/confirm', { token, password: 'ada-other-secret' }),
        410,
        'link-invalid',
      );
      const entries = await server.store.audit({ target: `user:${ada.user.id}` });
      assert.ok(entries.some((e) => e.action === 'password-reset.confirm' && e.actor.id === ada.user.id));
      assert.ok(entries.some((e) => e.action === 'password-reset.request'));
    });

    test('the answer is the same 202 for an unknown name, and no message leaves', async () => {
      const known = await server.anonymous.post('/v1/password-reset', { user: 'admin' });
      const unknown = await server.anonymous.post('/v1/password-reset', { user: 'nobody-here' });
      const unknownEmail = await server.anonymous.post('/v1/password-reset', { user: 'nobody@example.com' });
      assert.equal(unknown.status, 202);
      assert.deepEqual(unknown.body, known.body);
      assert.deepEqual(unknownEmail.body, known.body);
      await sleep(300);
      assert.equal(
        smtp.messages.some((m) => m.envelopeTo.some((to) => to.startsWith('nobody'))),
        false,
      );
    });

    test('a link asked for by email works too; an expired one changes nothing', async () => {
      const { user, password } = await server.user('bea');
      await server.anonymous.post('/v1/password-reset', { user: 'BEA@example.com' });
      const token = tokenIn((await smtp.next('bea@example.com')).text);
      await server.store.database
        .updateTable('password_resets')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('token_hash', '=', secretHash(token))
        .execute();
      assertProblem(
        await server.anonymous.post('/v1/password-reset/confirm', { token, password: 'bea-new-secret' }),
        410,
        'link-invalid',
      );
      await server.signIn('bea', password);
      assert.equal(server.store.engine.user(user.id)?.status, 'active');
    });

    test("an administrator's reset is audited and ends the user's sessions and tokens too", async () => {
      const cy = await userWithCredentials('cy');
      const set = await server.admin.put(`/v1/users/${cy.user.id}/password`, { password: 'cy-new-secret-1' });
      assert.equal(set.status, 204, JSON.stringify(set.body));
      await assertCredentialsEnded(cy);
      await server.signIn('cy', 'cy-new-secret-1');
      const entries = await server.store.audit({ target: `user:${cy.user.id}` });
      const entry = entries.find((e) => e.action === 'user.password');
      assert.equal(entry?.actor.name, 'PRIMARY/admin');
    });

    test('requests are throttled per name: past three, 429 with Retry-After, whether or not it exists', async () => {
      for (let i = 0; i < 3; i++)
        assert.equal((await server.anonymous.post('/v1/password-reset', { user: 'ghost' })).status, 202);
      const throttled = await server.anonymous.post('/v1/password-reset', { user: 'ghost' });
      assertProblem(throttled, 429, 'too-many-requests');
      assert.ok(Number(throttled.headers.get('retry-after')) >= 1);
    });
  });
}
