import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { secretHash } from '../../src/server/passwords.js';
import { Client, DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`sign-in, sessions and access tokens (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    test('password sign-in sets an HttpOnly SameSite session cookie, and unsafe requests by cookie need the CSRF token', async () => {
      const { password } = await server.user('carla', { groups: ['Admin'] });
      const signIn = await server.anonymous.post('/v1/session', { username: 'carla', password });
      assert.equal(signIn.status, 200);
      const cookie = signIn.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^tessera_session=tss_/);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Strict/i);
      const csrf = signIn.body.csrfToken as string;
      assert.ok(csrf.length >= 20);
      const session = cookie.split(';')[0]!;
      const cookieClient = new Client(server.url, null);
      const me = await cookieClient.request('GET', '/v1/session', undefined, { cookie: session });
      assert.equal(me.status, 200);
      assert.equal(me.body.user.username, 'carla');
      assert.equal(me.body.csrfToken, csrf);
      assertProblem(
        await cookieClient.request('POST', '/v1/organizations', { name: 'by-cookie' }, { cookie: session }),
        403,
        'csrf',
      );
      assertProblem(
        await cookieClient.request(
          'POST',
          '/v1/organizations',
          { name: 'by-cookie' },
          { cookie: session, 'x-csrf-token': 'forged' },
        ),
        403,
        'csrf',
      );
      const made = await cookieClient.request(
        'POST',
        '/v1/organizations',
        { name: 'by-cookie' },
        { cookie: session, 'x-csrf-token': csrf },
      );
      assert.equal(made.status, 201);
      const out = await cookieClient.request('DELETE', '/v1/session', undefined, {
        cookie: session,
        'x-csrf-token': csrf,
      });
      assert.equal(out.status, 204);
      assertProblem(
        await cookieClient.request('GET', '/v1/session', undefined, { cookie: session }),
        401,
        'unauthorized',
      );
    });

    test('a wrong password and an unknown user get the same answer', async () => {
      const wrong = await server.anonymous.post('/v1/session', { username: 'admin', password: 'not-the-password' });
      const unknown = await server.anonymous.post('/v1/session', { username: 'nobody-here', password: 'whatever' });
      assertProblem(wrong, 401, 'invalid-credentials');
      assertProblem(unknown, 401, 'invalid-credentials');
      assert.equal(wrong.body.detail, unknown.body.detail);
    });

    test('repeated failed sign-ins are throttled per user, even for the right password, with Retry-After', async () => {
      const { password } = await server.user('target');
      for (let i = 0; i < 5; i++)
        assertProblem(
          await server.anonymous.post('/v1/session', { username: 'target', password: `guess-${i}` }),
          401,
          'invalid-credentials',
        );
      const blocked = await server.anonymous.post('/v1/session', { username: 'target', password });
      assertProblem(blocked, 429, 'too-many-requests');
      assert.ok(Number(blocked.headers.get('retry-after')) >= 1);
    });

    test('repeated failed sign-ins are throttled per address across usernames', async () => {
      for (let i = 0; i < 20; i++)
        await server.anonymous.post('/v1/session', { username: `spray-${i}`, password: 'password1' });
      assertProblem(
        await server.anonymous.post('/v1/session', { username: 'admin', password: server.adminPassword }),
        429,
        'too-many-requests',
      );
      // Clear this address so later tests can sign in.
      server.server.context.credentials.byAddress.succeed('127.0.0.1');
    });

    test('personal access tokens are shown once, hashed at rest, act as their user, expire and can be revoked', async () => {
      const { client, user } = await server.user('tina', { groups: ['Admin'] });
      const created = await client.post('/v1/tokens', { name: 'ci', expiresInDays: 30 });
      assert.equal(created.status, 201);
      const token = created.body.token as string;
      assert.match(token, /^tpat_/);
      const rows = await server.store.database
        .selectFrom('access_tokens')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute();
      assert.equal(rows.length, 1);
      assert.equal(JSON.stringify(rows).includes(token), false, 'the token itself is not stored');
      assert.equal(rows[0]!.token_hash, secretHash(token));
      const listed = await client.get('/v1/tokens');
      assert.equal(listed.body.items.length, 1);
      assert.equal(JSON.stringify(listed.body).includes(token), false, 'the list shows a prefix only');
      assert.ok(token.startsWith(listed.body.items[0].prefix));
      const asToken = new Client(server.url, token);
      assert.equal((await asToken.get('/v1/session')).body.user.username, 'tina');
      assert.equal((await client.delete(`/v1/tokens/${created.body.info.id}`)).status, 204);
      assertProblem(await asToken.get('/v1/session'), 401, 'unauthorized');
      assertProblem(await client.delete(`/v1/tokens/${created.body.info.id}`), 404, 'route-not-found');

      const expiring = await client.post('/v1/tokens', { name: 'short' });
      await server.store.database
        .updateTable('access_tokens')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', expiring.body.info.id)
        .execute();
      assertProblem(await new Client(server.url, expiring.body.token).get('/v1/session'), 401, 'unauthorized');
    });

    test("a disabled user's tokens stop working", async () => {
      const { client, user } = await server.user('dave');
      assert.equal((await client.get('/v1/session')).status, 200);
      await server.write([{ op: 'user.put', user: { ...user, status: 'disabled' } }]);
      assertProblem(await client.get('/v1/session'), 401, 'unauthorized');
    });

    test('a malformed Authorization header or unknown token is refused; anonymous callers reach only public endpoints', async () => {
      assertProblem(
        await server.anonymous.request('GET', '/v1/session', undefined, { authorization: 'Basic abc' }),
        401,
        'unauthorized',
      );
      assertProblem(await new Client(server.url, 'tpat_unknown').get('/v1/session'), 401, 'unauthorized');
      assertProblem(await server.anonymous.get('/v1/tokens'), 401, 'unauthorized');
      assert.equal((await server.anonymous.get('/healthz')).status, 200);
    });

    test('sign-in input is validated', async () => {
      assertProblem(await server.anonymous.post('/v1/session', { username: 'admin' }), 400, 'validation');
      assertProblem(await server.anonymous.post('/v1/session', { username: 'admin', password: 5 }), 400, 'validation');
      assertProblem(
        await server.anonymous.post('/v1/session', { username: 'admin', password: 'x'.repeat(5000) }),
        400,
        'validation',
      );
      assertProblem(
        await server.anonymous.post('/v1/session', { username: 'admin', password: 'x', remember: true }),
        400,
        'validation',
      );
      assertProblem(await server.admin.post('/v1/tokens', { name: 'x', expiresInDays: 100000 }), 400, 'validation');
    });
  });
}
