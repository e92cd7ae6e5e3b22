import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { PRIMARY_STORE, type User } from '../../src/core/model.js';
import { secretBoxFor } from '../../src/server/secret-box.js';
import { Client, DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

/** The code an authenticator app shows for `secret`, `offsetS` seconds from now. */
function codeOf(secret: string, offsetS = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetS * 1000 });
}

// TOTP secrets are sealed under this key, as every secret Tessera keeps (docs/configuration.md#secrets-tessera-keeps).
const SECRET_KEY = 'two-factor-test-key';
process.env.TESSERA_SECRET_KEY = SECRET_KEY;

for (const kind of DATABASES) {
  describe(`two-factor sign-in (${kind}, akana preset)`, () => {
    let server: TestServer;
    let acme: string;

    /** An active user with a password, holding `roles` at acme; not signed in. */
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
            target: { level: 'organization' as const, id: acme },
          },
        })),
      ]);
      await server.server.context.credentials.setPassword(user.id, password);
      return { user, username, password };
    }

    const signIn = (username: string, password: string) =>
      server.anonymous.post('/v1/session', { username, password, mode: 'token' });
    const answer = (challenge: string, code: string) =>
      server.anonymous.post('/v1/session/two-factor', { challenge, code, mode: 'token' });

    /** Signs in (no second factor yet), enrols one through the API; answers the secret and the recovery codes. */
    async function enrolled(): Promise<{
      username: string;
      password: string;
      secret: string;
      codes: string[];
      user: User;
    }> {
      // Exempt from acme's requirement, so the first sign-in gives a session; an enrolled factor is asked all the same.
      const who = await person(['API Developer', '2FA-exempt users']);
      const session = await signIn(who.username, who.password);
      assert.equal(session.status, 200);
      const client = new Client(server.url, session.body.token);
      const started = await client.post('/v1/me/two-factor');
      assert.equal(started.status, 200);
      assert.match(started.body.uri, /^otpauth:\/\/totp\/Tessera:.*secret=/);
      assert.match(started.body.qrCode, /^data:image\/svg\+xml;base64,/);
      assert.match(Buffer.from(started.body.qrCode.split(',')[1], 'base64').toString('utf8'), /<svg/);
      const confirmed = await client.post('/v1/me/two-factor/confirm', { code: codeOf(started.body.secret) });
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      assert.equal(confirmed.body.recoveryCodes.length, 10);
      return { ...who, secret: started.body.secret, codes: confirmed.body.recoveryCodes };
    }

    before(async () => {
      server = await startTestServer(kind, { preset: 'akana' });
      const made = await server.admin.post('/v1/organizations', { name: 'acme', requireTwoFactor: true });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      acme = made.body.organization.id;
    });
    after(() => server.close());
    /** The database-specific parts (single use, replay) run on both databases; the rest on SQLite, to keep the file fast. */
    const onBoth = test;
    const onSqlite = (name: string, fn: () => Promise<void>) => test(name, { skip: kind !== 'SQLite' }, fn);

    onSqlite('a TOTP secret is stored sealed under TESSERA_SECRET_KEY, never in clear', async () => {
      const { secret, user } = await enrolled();
      const row = await server.store.database
        .selectFrom('two_factor')
        .select('secret')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.match(row.secret, /^v1:[\w-]+:[\w-]+:[\w-]+$/);
      assert.ok(!row.secret.includes(secret));
      const box = secretBoxFor(server.database, { TESSERA_SECRET_KEY: SECRET_KEY });
      assert.equal(box.decrypt(row.secret), secret);
    });

    onSqlite(
      'a user with a second factor gets a short-lived challenge, not a session, and a TOTP code answers it',
      async () => {
        const { username, password, secret } = await enrolled();
        const first = await signIn(username, password);
        assert.equal(first.status, 202);
        assert.equal(first.body.token, undefined);
        assert.equal(first.body.twoFactor.enrolmentRequired, false);
        const expires = Date.parse(first.body.twoFactor.expiresAt) - Date.now();
        assert.ok(
          expires > 60_000 && expires <= 5 * 60_000 + 1000,
          `the challenge lasts about 5 minutes (${expires} ms)`,
        );
        // The challenge is no credential.
        assertProblem(
          await new Client(server.url, first.body.twoFactor.challenge).get('/v1/session'),
          401,
          'unauthorized',
        );
        const done = await answer(first.body.twoFactor.challenge, codeOf(secret, 30));
        assert.equal(done.status, 200, JSON.stringify(done.body));
        const me = await new Client(server.url, done.body.token).get('/v1/session');
        assert.equal(me.body.user.username, username);
      },
    );

    onBoth('a TOTP code of a time step used already is refused as a replay', async () => {
      const { username, password, secret } = await enrolled();
      const code = codeOf(secret, 30);
      const first = await signIn(username, password);
      assert.equal((await answer(first.body.twoFactor.challenge, code)).status, 200);
      const second = await signIn(username, password);
      assertProblem(await answer(second.body.twoFactor.challenge, code), 401, 'two-factor-code-reused');
      // The confirmation's own code (the current step) is spent too.
      assertProblem(await answer(second.body.twoFactor.challenge, codeOf(secret)), 401, 'two-factor-code-reused');
    });

    onBoth('a challenge is single use', async () => {
      const { username, password, codes } = await enrolled();
      const first = await signIn(username, password);
      assert.equal((await answer(first.body.twoFactor.challenge, codes[0]!)).status, 200);
      assertProblem(await answer(first.body.twoFactor.challenge, codes[1]!), 401, 'two-factor-challenge-invalid');
      assertProblem(await answer('tsc_unknown', codes[1]!), 401, 'two-factor-challenge-invalid');
    });

    onBoth('each recovery code signs in once, and regenerating them retires the old ones', async () => {
      const { username, password, secret, codes } = await enrolled();
      const first = await signIn(username, password);
      const done = await answer(first.body.twoFactor.challenge, codes[0]!.toUpperCase());
      assert.equal(done.status, 200);
      const second = await signIn(username, password);
      assertProblem(await answer(second.body.twoFactor.challenge, codes[0]!), 401, 'two-factor-invalid');
      const client = new Client(server.url, done.body.token);
      assert.equal((await client.get('/v1/me/two-factor')).body.recoveryCodesLeft, 9);
      const fresh = await client.post('/v1/me/two-factor/recovery-codes', { code: codeOf(secret, 30) });
      assert.equal(fresh.status, 200);
      assertProblem(await answer(second.body.twoFactor.challenge, codes[1]!), 401, 'two-factor-invalid');
      assert.equal((await answer(second.body.twoFactor.challenge, fresh.body.recoveryCodes[0])).status, 200);
    });

    onSqlite('second-factor attempts are throttled like passwords, the right code too', async () => {
      const { username, password, secret } = await enrolled();
      const first = await signIn(username, password);
      const challenge = first.body.twoFactor.challenge;
      for (let i = 0; i < 5; i++) assertProblem(await answer(challenge, '000000'), 401, 'two-factor-invalid');
      const refused = await answer(challenge, codeOf(secret, 30));
      assertProblem(refused, 429, 'too-many-requests');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    });

    onSqlite(
      'an organization requiring two-factor sends its members to enrolment, which the challenge allows and nothing else',
      async () => {
        const { username, password } = await person(['API Developer']);
        const first = await signIn(username, password);
        assert.equal(first.status, 202);
        assert.equal(first.body.twoFactor.enrolmentRequired, true);
        const challenge = first.body.twoFactor.challenge;
        // No factor to answer with yet.
        assertProblem(await answer(challenge, '123456'), 409, 'two-factor-state');
        const started = await server.anonymous.post('/v1/session/two-factor/enrolment', { challenge });
        assert.equal(started.status, 200);
        assertProblem(await answer(challenge, '000000'), 401, 'two-factor-invalid');
        const done = await answer(challenge, codeOf(started.body.secret));
        assert.equal(done.status, 200, JSON.stringify(done.body));
        assert.equal(done.body.recoveryCodes.length, 10);
        // From now on the second factor is asked.
        const again = await signIn(username, password);
        assert.equal(again.status, 202);
        assert.equal(again.body.twoFactor.enrolmentRequired, false);
        const status = await new Client(server.url, done.body.token).get('/v1/me/two-factor');
        assert.deepEqual(status.body, { enrolled: true, pending: false, required: true, recoveryCodesLeft: 10 });
        // Required by the organization: the user cannot remove it.
        assertProblem(
          await new Client(server.url, done.body.token).delete(
            `/v1/me/two-factor?code=${codeOf(started.body.secret, 30)}`,
          ),
          409,
          'two-factor-state',
        );
      },
    );

    onSqlite("holders of Akana's 2FA-exempt users role sign in without a second factor", async () => {
      const exempt = await person(['API Developer', '2FA-exempt users']);
      const signedIn = await signIn(exempt.username, exempt.password);
      assert.equal(signedIn.status, 200);
      assert.equal(typeof signedIn.body.token, 'string');
      const status = await new Client(server.url, signedIn.body.token).get('/v1/me/two-factor');
      assert.equal(status.body.required, false);
    });

    onSqlite('the installation setting requires a second factor of every user but the exempt', async () => {
      const outsider = await person([]);
      assert.equal((await signIn(outsider.username, outsider.password)).status, 200);
      const set = await server.admin.put('/v1/settings/sign-in', { requireTwoFactor: true });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      try {
        const refused = await signIn(outsider.username, outsider.password);
        assert.equal(refused.status, 202);
        assert.equal(refused.body.twoFactor.enrolmentRequired, true);
        const exempt = await person(['2FA-exempt users']);
        assert.equal((await signIn(exempt.username, exempt.password)).status, 200);
      } finally {
        assert.equal((await server.admin.put('/v1/settings/sign-in', { requireTwoFactor: false })).status, 200);
      }
      assert.equal((await signIn(outsider.username, outsider.password)).status, 200);
    });

    onSqlite("an administrator's reset removes the factor, ends the user's sessions, and is audited", async () => {
      const { username, password, codes, user } = await enrolled();
      const first = await signIn(username, password);
      const done = await answer(first.body.twoFactor.challenge, codes[0]!);
      const client = new Client(server.url, done.body.token);
      assert.equal((await client.get('/v1/sessions')).body.items.length >= 1, true);
      const reset = await server.admin.delete(`/v1/users/${user.id}/two-factor`);
      assert.equal(reset.status, 204, JSON.stringify(reset.body));
      assertProblem(await client.get('/v1/session'), 401, 'unauthorized');
      // No factor any more (and exempt from acme's requirement): the password alone signs in.
      assert.equal((await signIn(username, password)).status, 200);
      const audit = await server.admin.get(`/v1/audit?target=${encodeURIComponent(`user:${user.id}`)}`);
      assert.ok(audit.body.items.some((e: { action: string }) => e.action === 'two-factor.reset'));
      assertProblem(await server.admin.delete(`/v1/users/${user.id}/two-factor`), 409, 'two-factor-state');
      // Not everyone may reset: a user without user:manage is refused.
      assertProblem(await client.delete(`/v1/users/${user.id}/two-factor`), 401, 'unauthorized');
    });

    onSqlite('a user lists their sessions and ends one', async () => {
      const exempt = await person(['2FA-exempt users']);
      const a = new Client(server.url, (await signIn(exempt.username, exempt.password)).body.token);
      const b = new Client(server.url, (await signIn(exempt.username, exempt.password)).body.token);
      const listed = await a.get('/v1/sessions');
      assert.equal(listed.body.items.length, 2);
      const other = listed.body.items.find((s: { current: boolean }) => !s.current);
      assert.equal((await a.delete(`/v1/sessions/${other.id}`)).status, 204);
      assertProblem(await b.get('/v1/session'), 401, 'unauthorized');
      assert.equal((await a.get('/v1/session')).status, 200);
    });
  });
}
