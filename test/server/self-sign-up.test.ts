import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createMailer, setMailer } from '../../src/server/mail/index.js';
import { engineFromPreset } from '../../src/presets/index.js';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';
import { type TestSmtpServer, startSmtpServer } from './smtp.js';

/** The token of the link a message carries (`…/console/verify-email?token=…`), read from its text part. */
function tokenIn(text: string, page: string): string {
  const match = new RegExp(`/console/${page}\\?token=([A-Za-z0-9_%-]+)`).exec(text);
  assert.ok(match !== null, `no ${page} link in: ${text}`);
  return decodeURIComponent(match[1]!);
}

test("the presets name their sign-up role: WSO2's Internal/subscriber, Akana's API Platform Users; Choreo none", () => {
  const roleOf = (preset: string) => {
    const { engine } = engineFromPreset(preset);
    const id = engine.settings.organizationDefaults.signUpRole;
    return id === undefined ? undefined : engine.role(id)?.name;
  };
  assert.equal(roleOf('wso2-apim'), 'Internal/subscriber');
  assert.equal(roleOf('akana'), 'API Platform Users');
  assert.equal(roleOf('choreo'), undefined);
});

for (const kind of DATABASES) {
  describe(`self sign-up (${kind}, wso2-apim)`, () => {
    let smtp: TestSmtpServer;
    let refusing: TestSmtpServer;
    let server: TestServer;
    before(async () => {
      smtp = await startSmtpServer();
      refusing = await startSmtpServer({ refuse: true });
      server = await startTestServer(kind, { preset: 'wso2-apim', smtpUrl: smtp.url });
    });
    after(async () => {
      await server.close();
      await smtp.close();
      await refusing.close();
    });
    const org = () => server.home.name;
    const signUp = (username: string, email = `${username}@example.com`) =>
      server.anonymous.post('/v1/sign-up', { organization: org(), username, email, password: `${username}-secret-1` });

    test('sign-up is off by default: the sign-in page is told so, and a sign-up is refused with nothing mailed', async () => {
      assert.deepEqual((await server.anonymous.get(`/v1/sign-up?organization=${org()}`)).body, { enabled: false });
      assert.deepEqual((await server.anonymous.get('/v1/sign-up?organization=nowhere')).body, { enabled: false });
      assertProblem(await signUp('early'), 403, 'sign-up-closed');
      const setting = await server.admin.get(`/v1/organizations/${org()}/sign-up`);
      assert.equal(setting.status, 200, JSON.stringify(setting.body));
      assert.equal(setting.body.enabled, false);
      assert.equal(setting.body.role, null);
      assert.equal(setting.body.defaultRole.name, 'Internal/subscriber');
      assert.equal(smtp.messages.length, 0);
    });

    test("only the organization's admin turns it on; the change is audited", async () => {
      // WSO2's login permission gates sign-in: a user without any role could not even sign in to be refused.
      const { client } = await server.user('sub1', { roles: ['Internal/observer'] });
      assertProblem(await client.put(`/v1/organizations/${org()}/sign-up`, { enabled: true }), 403, 'forbidden');
      const turned = await server.admin.put(`/v1/organizations/${org()}/sign-up`, { enabled: true });
      assert.equal(turned.status, 200, JSON.stringify(turned.body));
      assert.equal(turned.body.enabled, true);
      assert.equal(turned.body.effectiveRole.name, 'Internal/subscriber');
      assert.deepEqual((await server.anonymous.get(`/v1/sign-up?organization=${org()}`)).body, { enabled: true });
      const [entry] = await server.store.audit({ target: `organization:${server.home.id}`, limit: 1 });
      assert.equal(entry?.action, 'sign-up.setting');
      assert.deepEqual(entry?.effects[0]?.after, { enabled: true, role: null });
    });

    test('a person signs up, confirms the email by the mailed link, and becomes an active user holding Internal/subscriber', async () => {
      const revision = server.store.revision;
      const answer = await signUp('sam');
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      assert.equal(answer.body.delivery.status, 'sent');
      const message = await smtp.next('sam@example.com');
      assert.match(message.subject, /Confirm your email address/);
      const token = tokenIn(message.text, 'verify-email');
      assert.ok(message.html.includes(`${server.url}/console/verify-email?token=${token}`));
      // Nothing exists before the link is followed.
      assert.equal(server.store.engine.user('sam'), undefined);
      assert.equal(server.store.revision, revision);
      assertProblem(
        await server.anonymous.post('/v1/session', { username: 'sam', password: 'sam-secret-1' }),
        401,
        'invalid-credentials',
      );
      const verified = await server.anonymous.post('/v1/sign-up/verify', { token });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.equal(verified.body.user.status, 'active');
      assert.equal(verified.body.user.email, 'sam@example.com');
      const engine = server.store.engine;
      const subscriber = engine.findRole('Internal/subscriber', null)!;
      assert.ok(
        engine
          .mappings()
          .some(
            (m) =>
              m.role === subscriber.id &&
              m.subject.kind === 'user' &&
              m.subject.id === verified.body.user.id &&
              m.target.level === 'organization' &&
              m.target.id === server.home.id,
          ),
      );
      const sam = await server.signIn('sam', 'sam-secret-1');
      assert.equal((await sam.get('/v1/session')).body.user.id, verified.body.user.id);
      const entries = await server.store.audit({ target: `user:${verified.body.user.id}` });
      const entry = entries.find((e) => e.action === 'sign-up.verify');
      assert.equal(entry?.actor.id, verified.body.user.id);
      assert.equal(entry?.revision, verified.body.revision);
      // The link works once.
      assertProblem(await server.anonymous.post('/v1/sign-up/verify', { token }), 410, 'link-invalid');
      assertProblem(await server.anonymous.post('/v1/sign-up/verify', { token: 'tsup_unknown' }), 410, 'link-invalid');
    });

    test('a username that exists is refused (409), and bad input is a validation problem', async () => {
      assertProblem(await signUp('admin', 'other-admin@example.com'), 409, 'duplicate');
      assertProblem(
        await server.anonymous.post('/v1/sign-up', {
          organization: org(),
          username: 'x',
          email: 'not-an-email',
          password: 'long-enough-1',
        }),
        400,
        'validation',
      );
    });

    test('a mail server that refuses the verification message: 502 mail-refused, and nothing is kept', async () => {
      const context = server.server.context;
      setMailer(context, createMailer(server.store, { smtpUrl: refusing.url }));
      try {
        const before = await server.store.database.selectFrom('sign_ups').select('token_hash').execute();
        const refused = await signUp('rae');
        assertProblem(refused, 502, 'mail-refused');
        const after = await server.store.database.selectFrom('sign_ups').select('token_hash').execute();
        assert.equal(after.length, before.length);
        const [entry] = await server.store.audit({ actorName: 'sign-up', limit: 1 });
        assert.equal(entry?.action, 'mail.failed');
      } finally {
        setMailer(context, createMailer(server.store, { smtpUrl: smtp.url }));
      }
    });

    test('a link followed after the organization turned sign-up off creates nothing', async () => {
      await signUp('tess');
      const token = tokenIn((await smtp.next('tess@example.com')).text, 'verify-email');
      await server.admin.put(`/v1/organizations/${org()}/sign-up`, { enabled: false });
      try {
        assertProblem(await server.anonymous.post('/v1/sign-up/verify', { token }), 403, 'sign-up-closed');
        assert.equal(server.store.engine.user('tess'), undefined);
      } finally {
        await server.admin.put(`/v1/organizations/${org()}/sign-up`, { enabled: true });
      }
    });

    test('sign-ups are throttled like sign-in: past three to one email, 429 with Retry-After', async () => {
      const email = 'spam-target@example.com';
      for (const name of ['u1', 'u2', 'u3']) assert.equal((await signUp(name, email)).status, 202);
      const throttled = await signUp('u4', email);
      assertProblem(throttled, 429, 'too-many-requests');
      assert.ok(Number(throttled.headers.get('retry-after')) >= 1);
    });
  });
}
