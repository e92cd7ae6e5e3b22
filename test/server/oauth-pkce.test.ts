import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type TestServer, assertProblem, startTestServer } from './harness.js';

const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

/** A cookie session, as the browser has after the console's sign-in. */
async function browserSession(server: TestServer, username: string, password: string) {
  const response = await fetch(`${server.url}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, mode: 'cookie' }),
  });
  assert.equal(response.status, 200);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('tessera_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function token(server: TestServer, parameters: Record<string, string>) {
  const response = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(parameters).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('public OAuth clients with PKCE, and consent (SQLite)', () => {
  let server: TestServer;
  let clientId: string;
  let confidential: { clientId: string; clientSecret: string };
  let alice: { cookie: string; csrf: string };

  const authorizeUrl = (challenge: string, extra: Record<string, string> = {}) =>
    `${server.url}/oauth2/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'openid',
      state: 'st-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    })}`;
  const follow = async (url: string) => {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: alice.cookie } });
    assert.equal(response.status, 302);
    return new URL(response.headers.get('location')!, server.url);
  };
  const decide = (request: string, decision: 'allow' | 'deny') =>
    fetch(`${server.url}/v1/oauth/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: alice.cookie, 'x-csrf-token': alice.csrf },
      body: JSON.stringify({ request, decision }),
    });

  before(async () => {
    server = await startTestServer('SQLite');
    const app = await server.admin.post('/v1/applications', { name: 'cli', organization: server.home.id });
    assert.equal(app.status, 201, JSON.stringify(app.body));
    const keys = await server.admin.post(`/v1/applications/${app.body.application.id}/keys`, {
      keyType: 'PRODUCTION',
      redirectUris: [REDIRECT_URI],
      clientType: 'public',
    });
    assert.equal(keys.status, 201, JSON.stringify(keys.body));
    assert.equal(keys.body.clientSecret, null);
    assert.equal(keys.body.clientType, 'public');
    clientId = keys.body.clientId;
    const other = await server.admin.post(`/v1/applications/${app.body.application.id}/keys`, {
      keyType: 'SANDBOX',
      redirectUris: [REDIRECT_URI],
    });
    confidential = { clientId: other.body.clientId, clientSecret: other.body.clientSecret };
    const { password } = await server.user('alice', { groups: ['API Subscriber'] });
    alice = await browserSession(server, 'alice', password);
  });
  after(() => server.close());

  test('a third-party client sends the user to the consent screen; allowing gives a code a public client redeems with PKCE alone', async () => {
    const consent = await follow(authorizeUrl(pkce().challenge));
    assert.equal(consent.pathname, '/console/consent');
    assert.equal(consent.searchParams.get('client_id'), clientId);
    const info = await fetch(`${server.url}/v1/oauth/clients/${clientId}`, { headers: { cookie: alice.cookie } });
    assert.deepEqual(
      { ...((await info.json()) as object), application: undefined },
      { clientId, public: true, firstParty: false, application: undefined },
    );
    const decided = await decide(consent.search.slice(1), 'allow');
    assert.equal(decided.status, 200);
    const back = new URL(((await decided.json()) as { redirect: string }).redirect);
    assert.equal(back.origin + back.pathname, REDIRECT_URI);
    assert.equal(back.searchParams.get('state'), 'st-1');
    const code = back.searchParams.get('code')!;
    // No secret: the verifier is what proves the client.
    const wrong = await token(server, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce().verifier,
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error, 'invalid_grant');
    const { verifier: v2, challenge: c2 } = pkce();
    const again = await follow(authorizeUrl(c2));
    // Remembered: the second request goes straight back with a code.
    assert.equal(again.origin + again.pathname, REDIRECT_URI);
    const issued = await token(server, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code: again.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
      code_verifier: v2,
    });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.equal(typeof issued.body.access_token, 'string');
    assert.equal(typeof issued.body.id_token, 'string');
    const refreshed = await token(server, {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: issued.body.refresh_token!,
    });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
  });

  test('a public client cannot use client credentials, nor authenticate with a made-up secret', async () => {
    const credentials = await token(server, { grant_type: 'client_credentials', client_id: clientId });
    assert.equal(credentials.status, 401);
    assert.equal(credentials.body.error, 'invalid_client');
    const secret = await token(server, {
      grant_type: 'authorization_code',
      client_id: clientId,
      client_secret: 'guess',
      code: 'x',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce().verifier,
    });
    assert.equal(secret.status, 401);
    // A confidential client still needs its secret.
    const bare = await token(server, {
      grant_type: 'authorization_code',
      client_id: confidential.clientId,
      code: 'x',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce().verifier,
    });
    assert.equal(bare.status, 401);
    assert.equal(bare.body.error, 'invalid_client');
  });

  test('denying consent sends the user back with access_denied and remembers nothing', async () => {
    const bob = await server.user('bob', { groups: ['API Subscriber'] });
    const session = await browserSession(server, 'bob', bob.password);
    const first = await fetch(authorizeUrl(pkce().challenge), {
      redirect: 'manual',
      headers: { cookie: session.cookie },
    });
    const consent = new URL(first.headers.get('location')!, server.url);
    assert.equal(consent.pathname, '/console/consent');
    const denied = await fetch(`${server.url}/v1/oauth/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify({ request: consent.search.slice(1), decision: 'deny' }),
    });
    const back = new URL(((await denied.json()) as { redirect: string }).redirect);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('code'), null);
    const again = await fetch(authorizeUrl(pkce().challenge), {
      redirect: 'manual',
      headers: { cookie: session.cookie },
    });
    assert.equal(new URL(again.headers.get('location')!, server.url).pathname, '/console/consent');
    // prompt=none cannot show the screen: the client hears consent_required.
    const silent = await fetch(authorizeUrl(pkce().challenge, { prompt: 'none' }), {
      redirect: 'manual',
      headers: { cookie: session.cookie },
    });
    assert.equal(new URL(silent.headers.get('location')!).searchParams.get('error'), 'consent_required');
  });

  test('the consent decision needs the session and its CSRF token', async () => {
    const consent = await follow(authorizeUrl(pkce().challenge, { prompt: 'consent' }));
    const forged = await fetch(`${server.url}/v1/oauth/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: alice.cookie },
      body: JSON.stringify({ request: consent.search.slice(1), decision: 'allow' }),
    });
    assert.equal(forged.status, 403);
    assertProblem(
      await server.anonymous.post('/v1/oauth/consent', { request: consent.search.slice(1), decision: 'allow' }),
      401,
      'unauthorized',
    );
  });

  test("a revoked consent is asked again, and the client's refresh tokens stop working", async () => {
    const carol = await server.user('carol', { groups: ['API Subscriber'] });
    const session = await browserSession(server, 'carol', carol.password);
    const { verifier, challenge } = pkce();
    const first = await fetch(authorizeUrl(challenge), { redirect: 'manual', headers: { cookie: session.cookie } });
    const consent = new URL(first.headers.get('location')!, server.url);
    const decided = await fetch(`${server.url}/v1/oauth/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify({ request: consent.search.slice(1), decision: 'allow' }),
    });
    const code = new URL(((await decided.json()) as { redirect: string }).redirect).searchParams.get('code')!;
    const issued = await token(server, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    assert.equal(issued.status, 200);
    const listed = await carol.client.get('/v1/oauth/consents');
    assert.equal(listed.body.items.length, 1);
    assert.equal(listed.body.items[0].client.clientId, clientId);
    assert.deepEqual(listed.body.items[0].scope, ['openid']);
    assert.equal((await carol.client.delete(`/v1/oauth/consents/${clientId}`)).status, 204);
    assert.equal((await carol.client.get('/v1/oauth/consents')).body.items.length, 0);
    const refreshed = await token(server, {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: issued.body.refresh_token!,
    });
    assert.equal(refreshed.status, 400);
    assert.equal(refreshed.body.error, 'invalid_grant');
    const next = await fetch(authorizeUrl(pkce().challenge), {
      redirect: 'manual',
      headers: { cookie: session.cookie },
    });
    assert.equal(new URL(next.headers.get('location')!, server.url).pathname, '/console/consent');
    assertProblem(await carol.client.delete(`/v1/oauth/consents/${clientId}`), 404, 'route-not-found');
    const audit = await server.admin.get(`/v1/audit?target=${encodeURIComponent(`user:${carol.user.id}`)}`);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    assert.ok(actions.includes('oauth.consent.grant') && actions.includes('oauth.consent.revoke'), actions.join());
  });

  test('only the installation marks a client first-party, which skips consent', async () => {
    const dave = await server.user('dave', { groups: ['API Subscriber'] });
    assertProblem(
      await dave.client.put(`/v1/oauth/clients/${clientId}/profile`, { firstParty: true }),
      403,
      'forbidden',
    );
    const marked = await server.admin.put(`/v1/oauth/clients/${clientId}/profile`, { firstParty: true });
    assert.equal(marked.status, 200, JSON.stringify(marked.body));
    assert.equal(marked.body.firstParty, true);
    assert.equal(marked.body.public, true);
    try {
      const session = await browserSession(server, 'dave', dave.password);
      const direct = await fetch(authorizeUrl(pkce().challenge), {
        redirect: 'manual',
        headers: { cookie: session.cookie },
      });
      const back = new URL(direct.headers.get('location')!);
      assert.equal(back.origin + back.pathname, REDIRECT_URI);
      assert.ok(back.searchParams.get('code'));
    } finally {
      await server.admin.put(`/v1/oauth/clients/${clientId}/profile`, { firstParty: false });
    }
  });
});
