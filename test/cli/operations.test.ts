import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TOTP } from 'otpauth';
import { type TestServer, startTestServer } from '../server/harness.js';
import { type CliResult, runTessera } from '../support/tessera-cli.js';

const tessera = (args: readonly string[]): Promise<CliResult> => runTessera(args, { timeoutMs: 120_000 });

/** A failure is exactly one line, `tessera: …`, and a non-zero exit. */
function assertOneLineError(result: CliResult, pattern: RegExp): void {
  assert.notEqual(result.code, 0, result.stdout);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^tessera: /);
  assert.match(result.stderr, pattern);
}

describe('tessera members, scim-tokens, two-factor reset and outbox', () => {
  let server: TestServer;
  let database: string[];

  before(async () => {
    server = await startTestServer('SQLite');
    database = ['--database', server.database];
    assert.equal((await server.admin.post('/v1/organizations', { name: 'acme' })).status, 201);
    const created = await server.admin.post('/v1/users', {
      username: 'sam',
      email: 'sam@example.com',
      password: 'sam-secret-1',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const mapped = await server.admin.post('/v1/mappings', {
      role: 'Developer',
      subject: { kind: 'user', id: created.body.user.id },
      target: { type: 'organization', id: 'acme' },
    });
    assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
  });
  after(() => server?.close());

  test('members list shows a member; members remove takes their roles in one write; a non-member is one line', async () => {
    const listed = await tessera(['members', 'list', 'acme', ...database]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^PRIMARY\/sam\s+sam@example\.com\s+active\s+\d{4}-/m);
    const removed = await tessera(['members', 'remove', 'acme', 'sam', ...database]);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /^removed PRIMARY\/sam from organization acme at revision \d+/);
    await server.store.sync();
    const sam = server.store.engine.user('sam')!;
    assert.equal(
      server.store.engine.mappings().some((m) => m.subject.kind === 'user' && m.subject.id === sam.id),
      false,
      'the role at acme went with the membership',
    );
    const entry = (await server.store.audit({ target: `user:${sam.id}` })).find(
      (e) => e.action === 'organization.member.remove',
    );
    assert.match(entry?.actor.name ?? '', /^cli:/);
    assert.equal(
      (await tessera(['members', 'list', 'acme', '--json', ...database])).stdout.includes('sam@example.com'),
      false,
    );
    assertOneLineError(await tessera(['members', 'remove', 'acme', 'sam', ...database]), /not a member/);
    assertOneLineError(
      await tessera(['members', 'list', 'nowhere', ...database]),
      /organization "nowhere" does not exist/,
    );
  });

  test('scim-tokens create prints a secret that provisions, list shows it, revoke ends it at once', async () => {
    const created = await tessera([
      'scim-tokens',
      'create',
      'okta',
      '--as',
      'admin',
      '--organization',
      'acme',
      ...database,
    ]);
    assert.equal(created.code, 0, created.stderr);
    const secret = created.stdout.trim();
    assert.match(secret, /^tscim/);
    const scim = (path: string) =>
      fetch(`${server.url}/scim/v2${path}`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal((await scim('/Users')).status, 200);
    const listed = await tessera(['scim-tokens', 'list', '--organization', 'acme', '--json', ...database]);
    assert.equal(listed.code, 0, listed.stderr);
    const [token] = JSON.parse(listed.stdout) as { id: string; name: string; revokedAt: string | null }[];
    assert.equal(token?.name, 'okta');
    assert.equal(listed.stdout.includes(secret), false, 'the secret is never listed');
    const revoked = await tessera(['scim-tokens', 'revoke', token.id, ...database]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal((await scim('/Users')).status, 401);
    assertOneLineError(await tessera(['scim-tokens', 'revoke', 'no-such-token', ...database]), /does not exist/);
    assertOneLineError(
      await tessera(['scim-tokens', 'create', 'x', '--as', 'nobody', ...database]),
      /user "nobody" does not exist/,
    );
  });

  test("two-factor reset removes a user's factor and ends their sessions; a user without one is one line", async () => {
    const sam = await server.signIn('sam', 'sam-secret-1');
    const enrolment = await sam.post('/v1/me/two-factor', {});
    assert.equal(enrolment.status, 200, JSON.stringify(enrolment.body));
    const code = new TOTP({ secret: enrolment.body.secret as string }).generate();
    assert.equal((await sam.post('/v1/me/two-factor/confirm', { code })).status, 200);
    const reset = await tessera(['two-factor', 'reset', 'sam', ...database]);
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal((await sam.get('/v1/me/two-factor')).status, 401, 'the session ended');
    const again = await server.anonymous.post('/v1/session', {
      username: 'sam',
      password: 'sam-secret-1',
      mode: 'token',
    });
    assert.equal(again.status, 200, 'the password alone signs in again');
    assertOneLineError(await tessera(['two-factor', 'reset', 'sam', ...database]), /has no second factor/);
  });

  test('outbox list and show print the kept messages', async () => {
    assert.equal((await server.anonymous.post('/v1/password-reset', { user: 'sam' })).status, 202);
    const listed = await tessera(['outbox', 'list', '--to', 'SAM@example.com', '--json', ...database]);
    assert.equal(listed.code, 0, listed.stderr);
    const [message] = JSON.parse(listed.stdout) as { id: string; template: string; subject: string }[];
    assert.equal(message?.template, 'password-reset');
    const shown = await tessera(['outbox', 'show', message.id, ...database]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^To: sam@example\.com$/m);
    assert.match(shown.stdout, new RegExp(`^Subject: ${message.subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    assertOneLineError(await tessera(['outbox', 'show', 'missing', ...database]), /does not exist/);
  });
});
