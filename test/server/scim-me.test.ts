import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, type TestServer, startTestServer } from './harness.js';
import { assertScimError } from './scim-support.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('SCIM /Me (RFC 7644 §3.11)', () => {
  let server: TestServer;
  let me: Client;
  let aliceId: string;
  let provisioning: string;
  before(async () => {
    server = await startTestServer('SQLite');
    const created = await server.admin.post('/v1/users', {
      username: 'alice',
      email: 'alice@example.com',
      password: 'alice-secret-1',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    aliceId = created.body.user.id;
    const session = await server.signIn('alice', 'alice-secret-1');
    const token = await session.post('/v1/tokens', { name: 'scim-me' });
    assert.equal(token.status, 201, JSON.stringify(token.body));
    me = new Client(`${server.url}/scim/v2`, token.body.token);
    const scimToken = await server.admin.post('/v1/scim-tokens', { name: 'okta', organization: server.home.name });
    provisioning = scimToken.body.secret;
  });
  after(() => server.close());

  const send = (client: Client, method: string, body?: unknown, headers: Record<string, string> = {}) =>
    client.request(method, '/Me', body, { 'content-type': 'application/scim+json', ...headers });

  test("GET /Me with a user's personal access token answers that user, with the location of /Users/{id}", async () => {
    const answered = await me.get('/Me');
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.match(answered.contentType, /^application\/scim\+json/);
    assert.equal(answered.body.id, aliceId);
    assert.equal(answered.body.userName, 'alice');
    assert.deepEqual(answered.body.schemas, [USER]);
    assert.equal(answered.body.active, true);
    const location = `${server.url}/scim/v2/Users/${aliceId}`;
    assert.equal(answered.headers.get('location'), location);
    assert.equal(answered.body.meta.location, location);
    assert.equal(answered.headers.get('etag'), answered.body.meta.version);
    assert.equal((await me.get('/Me/')).body.id, aliceId, 'with a trailing slash too');
    // A session token (mode token) is a user's token too.
    const signedIn = await server.anonymous.post('/v1/session', {
      username: 'alice',
      password: 'alice-secret-1',
      mode: 'token',
    });
    const bySession = await new Client(`${server.url}/scim/v2`, signedIn.body.token).get('/Me');
    assert.equal(bySession.status, 200);
    assert.equal(bySession.body.id, aliceId);
  });

  test('PATCH and PUT on /Me change the profile attributes, audited as the user', async () => {
    const patched = await send(me, 'PATCH', {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'displayName', value: 'Alice Liddell' }],
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.displayName, 'Alice Liddell');
    assert.equal(patched.headers.get('location'), `${server.url}/scim/v2/Users/${aliceId}`);
    const current = (await me.get('/Me')).body;
    const put = await send(me, 'PUT', {
      schemas: [USER],
      userName: 'alice',
      active: true,
      emails: current.emails,
      displayName: 'Alice L.',
      title: 'Explorer',
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.title, 'Explorer');
    assert.equal(put.body.displayName, 'Alice L.');
    const [entry] = await server.store.audit({ target: `user:${aliceId}`, action: 'scim.me.update' });
    assert.equal(entry?.actor.name, 'PRIMARY/alice');
  });

  test('what an administrator decides, and the password, cannot be changed through /Me (400 mutability)', async () => {
    const before = (await me.get('/Me')).body;
    const attempts: unknown[] = [
      { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] },
      { schemas: [PATCH], Operations: [{ op: 'replace', path: 'userName', value: 'queen' }] },
      { schemas: [PATCH], Operations: [{ op: 'replace', path: 'emails', value: [{ value: 'a@evil.example' }] }] },
      { schemas: [PATCH], Operations: [{ op: 'add', path: 'password', value: 'new-secret-1' }] },
    ];
    for (const attempt of attempts) assertScimError(await send(me, 'PATCH', attempt), 400, 'mutability');
    assertScimError(
      await send(me, 'PUT', { schemas: [USER], userName: 'alice', password: 'new-secret-1', emails: before.emails }),
      400,
      'mutability',
    );
    const after = (await me.get('/Me')).body;
    assert.deepEqual(after, before);
    assert.equal(server.store.engine.user(aliceId)?.status, 'active');
    assert.equal((await server.signIn('alice', 'alice-secret-1')) instanceof Client, true);
  });

  test('a provisioning token has no user: /Me answers 400 noTarget; no token or an unknown one, 401', async () => {
    const scim = new Client(`${server.url}/scim/v2`, provisioning);
    const answered = await scim.get('/Me');
    assertScimError(answered, 400, 'noTarget');
    assert.match(answered.body.detail, /provisioning token has no user/);
    assertScimError(await new Client(`${server.url}/scim/v2`, null).get('/Me'), 401);
    assertScimError(await new Client(`${server.url}/scim/v2`, 'tpat_unknown').get('/Me'), 401);
  });

  test("a user's token opens /Me only: /Users answers 401", async () => {
    assertScimError(await me.get('/Users'), 401);
    assertScimError(await me.get(`/Users/${aliceId}`), 401);
  });

  test('POST and DELETE on /Me are not supported (501)', async () => {
    assertScimError(await send(me, 'POST', { schemas: [USER], userName: 'other' }), 501);
    assertScimError(await send(me, 'DELETE'), 501);
    assert.ok(server.store.engine.user(aliceId));
  });

  test('a disabled user’s token no longer opens /Me', async () => {
    assert.equal((await server.admin.patch(`/v1/users/${aliceId}`, { status: 'disabled' })).status, 200);
    assertScimError(await me.get('/Me'), 401);
  });
});
