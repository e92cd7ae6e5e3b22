import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { type User, roleRecord } from '../../src/core/model.js';
import { OAuthTokens, oauthTokensOf, verifyAccessToken } from '../../src/server/oauth/index.js';
import { newSecret, secretHash } from '../../src/server/passwords.js';
import { type DatabaseKind, type TestServer, startTestServer } from './harness.js';

const REDIRECT_URI = 'https://app.example.com/callback';

interface Registered {
  readonly applicationId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** An application with PRODUCTION keys, written straight into the tables (the contract of the applications API). */
async function registerApplication(
  server: TestServer,
  owner: string,
  options: { organization?: string; redirectUris?: string[] } = {},
): Promise<Registered> {
  const applicationId = randomUUID();
  const clientId = randomBytes(24).toString('base64url');
  const clientSecret = newSecret('tcs');
  const now = new Date().toISOString();
  await server.store.transact(async (tx) => {
    await tx
      .insertInto('applications')
      .values({
        id: applicationId,
        owner,
        organization: options.organization ?? server.home.id,
        name: `app-${applicationId.slice(0, 8)}`,
        description: null,
        created_at: now,
      })
      .execute();
    await tx
      .insertInto('application_keys')
      .values({
        id: randomUUID(),
        application: applicationId,
        key_type: 'PRODUCTION',
        client_id: clientId,
        secret_hash: secretHash(clientSecret),
        redirect_uris: JSON.stringify(options.redirectUris ?? [REDIRECT_URI]),
        created_at: now,
        revoked_at: null,
      })
      .execute();
    // The installation's own client: no consent screen (test/server/oauth-pkce.test.ts covers consent).
    await tx
      .insertInto('oauth_client_profiles')
      .values({ client_id: clientId, public: 0, first_party: 1, updated_at: now })
      .execute();
  });
  return { applicationId, clientId, clientSecret };
}

function discover(
  server: TestServer,
  registered: Registered,
  authentication?: client.ClientAuth,
): Promise<client.Configuration> {
  return client.discovery(new URL(server.url), registered.clientId, registered.clientSecret, authentication, {
    execute: [client.allowInsecureRequests],
  });
}

/** A role scope `name` allows, held by `user` at the home organization. */
async function grantScope(server: TestServer, user: User, scope: string): Promise<void> {
  const roleId = randomUUID();
  await server.write([
    { op: 'role.put', role: roleRecord({ id: roleId, name: `holder of ${scope}`, organization: server.home.id }) },
    { op: 'scope.put', scope: { name: scope, description: null, roles: [roleId] } },
    {
      op: 'mapping.add',
      mapping: {
        id: randomUUID(),
        role: roleId,
        subject: { kind: 'user', id: user.id },
        target: { level: 'organization', id: server.home.id },
      },
    },
  ]);
}

async function form(
  server: TestServer,
  path: string,
  parameters: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(parameters),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** The browser's part of the authorization code flow: a cookie session, then the authorize URL followed once. */
async function signInWithCookie(server: TestServer, username: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, mode: 'cookie' }),
  });
  assert.equal(response.status, 200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tessera_session='));
  assert.ok(cookie !== undefined);
  return cookie.split(';')[0]!;
}

async function authorize(url: URL, cookie: string | null): Promise<{ status: number; location: string }> {
  const response = await fetch(url, { redirect: 'manual', headers: cookie === null ? {} : { cookie } });
  return { status: response.status, location: response.headers.get('location') ?? '' };
}

function clientCredentialsSuite(kind: DatabaseKind): void {
  describe(`OAuth client credentials (${kind})`, () => {
    let server: TestServer;
    let owner: User;
    let registered: Registered;
    before(async () => {
      server = await startTestServer(kind);
      owner = (await server.user('cc-owner')).user;
      await grantScope(server, owner, 'orders:read');
      registered = await registerApplication(server, owner.id);
    });
    after(() => server.close());

    test('a third-party client discovers the server and gets a signed access token with the scopes the owner may have', async () => {
      const config = await discover(server, registered);
      assert.equal(config.serverMetadata().token_endpoint, `${server.url}/oauth2/token`);
      const tokens = await client.clientCredentialsGrant(config, { scope: 'orders:read orders:write' });
      assert.equal(tokens.token_type, 'bearer');
      assert.equal(tokens.scope, 'orders:read');
      assert.equal(tokens.expires_in, 900);
      const header = decodeProtectedHeader(tokens.access_token);
      assert.equal(header.alg, 'ES256');
      assert.equal(header.typ, 'at+jwt');
      const jwks = createRemoteJWKSet(new URL(`${server.url}/oauth2/jwks`));
      const { payload } = await jwtVerify(tokens.access_token, jwks, {
        issuer: server.url,
        audience: 'tessera',
        typ: 'at+jwt',
      });
      assert.equal(payload.sub, owner.id);
      assert.equal(payload.client_id, registered.clientId);
      assert.equal(payload.scope, 'orders:read');
      assert.equal(payload.exp! - payload.iat!, 900);
      assert.equal(typeof payload.jti, 'string');
    });

    test('HTTP Basic client authentication works as well', async () => {
      const config = await discover(server, registered, client.ClientSecretBasic(registered.clientSecret));
      const tokens = await client.clientCredentialsGrant(config, { scope: 'orders:read' });
      assert.equal(tokens.scope, 'orders:read');
    });

    test('no scope requested: a token with no scope', async () => {
      const config = await discover(server, registered);
      const tokens = await client.clientCredentialsGrant(config);
      assert.equal(tokens.scope ?? '', '');
      const claims = await verifyAccessToken(server.server.context, tokens.access_token);
      assert.equal(claims?.scope, '');
    });

    test('a wrong secret, an unknown client and no authentication are invalid_client (401)', async () => {
      const wrong = await form(server, '/oauth2/token', {
        grant_type: 'client_credentials',
        client_id: registered.clientId,
        client_secret: newSecret('tcs'),
      });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body?.error, 'invalid_client');
      const unknown = await form(server, '/oauth2/token', {
        grant_type: 'client_credentials',
        client_id: 'nobody',
        client_secret: 'x',
      });
      assert.equal(unknown.status, 401);
      const none = await form(server, '/oauth2/token', { grant_type: 'client_credentials' });
      assert.equal(none.status, 401);
      assert.equal(none.body?.error, 'invalid_client');
      const basic = await form(
        server,
        '/oauth2/token',
        { grant_type: 'client_credentials' },
        { authorization: `Basic ${Buffer.from(`${registered.clientId}:wrong`).toString('base64')}` },
      );
      assert.equal(basic.status, 401);
      assert.equal(basic.headers.get('www-authenticate'), 'Basic realm="tessera"');
    });

    test('keys generated through the applications API work with the token endpoint', async () => {
      const created = await server.admin.post('/v1/applications', { name: 'PizzaShack', organization: server.home.id });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const keys = await server.admin.post(`/v1/applications/${created.body.application.id}/keys`, {
        keyType: 'PRODUCTION',
        redirectUris: [REDIRECT_URI],
      });
      assert.equal(keys.status, 201, JSON.stringify(keys.body));
      const config = await client.discovery(
        new URL(server.url),
        keys.body.clientId,
        keys.body.clientSecret,
        undefined,
        { execute: [client.allowInsecureRequests] },
      );
      const tokens = await client.clientCredentialsGrant(config, { scope: 'orders:read' });
      // The admin holds no role that scope allows.
      assert.equal(tokens.scope ?? '', '');
      const admin = server.store.engine.user('admin')!;
      assert.equal((await verifyAccessToken(server.server.context, tokens.access_token))?.sub, admin.id);
    });

    test('a revoked application key authenticates nothing', async () => {
      const revoked = await registerApplication(server, owner.id);
      await server.store.database
        .updateTable('application_keys')
        .set({ revoked_at: new Date().toISOString() })
        .where('client_id', '=', revoked.clientId)
        .execute();
      const answer = await form(server, '/oauth2/token', {
        grant_type: 'client_credentials',
        client_id: revoked.clientId,
        client_secret: revoked.clientSecret,
      });
      assert.equal(answer.status, 401);
    });
  });
}

clientCredentialsSuite('SQLite');
clientCredentialsSuite('PostgreSQL');

describe('OAuth 2.0 and OpenID Connect flows (SQLite)', () => {
  let server: TestServer;
  let alice: { user: User; password: string };
  let registered: Registered;
  let config: client.Configuration;
  before(async () => {
    server = await startTestServer('SQLite');
    const created = await server.user('alice');
    alice = { user: created.user, password: created.password };
    await grantScope(server, alice.user, 'orders:read');
    const owner = (await server.user('app-owner')).user;
    registered = await registerApplication(server, owner.id);
    config = await discover(server, registered);
  });
  after(() => server.close());

  /** Runs the authorization code flow for alice; answers the tokens. */
  async function codeFlow(scope: string, nonce?: string) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const parameters: Record<string, string> = {
      redirect_uri: REDIRECT_URI,
      scope,
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    };
    if (nonce !== undefined) parameters.nonce = nonce;
    const url = client.buildAuthorizationUrl(config, parameters);
    const cookie = await signInWithCookie(server, 'alice', alice.password);
    const answer = await authorize(url, cookie);
    assert.equal(answer.status, 302);
    assert.ok(answer.location.startsWith(REDIRECT_URI), answer.location);
    return client.authorizationCodeGrant(config, new URL(answer.location), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      ...(nonce === undefined ? {} : { expectedNonce: nonce }),
    });
  }

  test('discovery names every endpoint and ES256', async () => {
    const response = await fetch(`${server.url}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as Record<string, unknown>;
    assert.equal(metadata.issuer, server.url);
    assert.equal(metadata.authorization_endpoint, `${server.url}/oauth2/authorize`);
    assert.equal(metadata.token_endpoint, `${server.url}/oauth2/token`);
    assert.equal(metadata.introspection_endpoint, `${server.url}/oauth2/introspect`);
    assert.equal(metadata.revocation_endpoint, `${server.url}/oauth2/revoke`);
    assert.equal(metadata.jwks_uri, `${server.url}/oauth2/jwks`);
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
    const jwks = (await (await fetch(`${server.url}/oauth2/jwks`)).json()) as { keys: Record<string, unknown>[] };
    assert.ok(jwks.keys.length >= 1);
    assert.equal(jwks.keys[0]!.kty, 'EC');
    assert.equal(jwks.keys[0]!.d, undefined, 'no private part is published');
  });

  test('authorization code with PKCE: a signed-out browser is sent to the console sign-in, a signed-in one gets a code', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const signedOut = await authorize(url, null);
    assert.equal(signedOut.status, 302);
    assert.equal(signedOut.location, `/console/sign-in?return=${encodeURIComponent(url.pathname + url.search)}`);
  });

  test('authorization code with PKCE issues an access token for the user, a refresh token and an ID token', async () => {
    const nonce = client.randomNonce();
    const tokens = await codeFlow('openid orders:read orders:write', nonce);
    assert.equal(tokens.scope, 'openid orders:read');
    assert.ok(tokens.refresh_token?.startsWith('trt_'));
    const idClaims = tokens.claims();
    assert.equal(idClaims?.sub, alice.user.id);
    assert.equal(idClaims?.nonce, nonce);
    assert.equal(idClaims?.preferred_username, 'alice');
    const claims = await verifyAccessToken(server.server.context, tokens.access_token);
    assert.equal(claims?.sub, alice.user.id);
    assert.equal(claims?.client_id, registered.clientId);
  });

  test('without openid no ID token is issued', async () => {
    const tokens = await codeFlow('orders:read');
    assert.equal(tokens.id_token, undefined);
    assert.equal(tokens.scope, 'orders:read');
  });

  test('a code is single-use, needs the right verifier and the same redirect_uri', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'orders:read',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const cookie = await signInWithCookie(server, 'alice', alice.password);
    const codeOf = async () => new URL((await authorize(url, cookie)).location).searchParams.get('code')!;
    const credentials = { client_id: registered.clientId, client_secret: registered.clientSecret };

    const first = await codeOf();
    const wrongVerifier = await form(server, '/oauth2/token', {
      grant_type: 'authorization_code',
      code: first,
      redirect_uri: REDIRECT_URI,
      code_verifier: client.randomPKCECodeVerifier(),
      ...credentials,
    });
    assert.equal(wrongVerifier.status, 400);
    assert.equal(wrongVerifier.body?.error, 'invalid_grant');

    const second = await codeOf();
    const wrongRedirect = await form(server, '/oauth2/token', {
      grant_type: 'authorization_code',
      code: second,
      redirect_uri: 'https://app.example.com/other',
      code_verifier: verifier,
      ...credentials,
    });
    assert.equal(wrongRedirect.body?.error, 'invalid_grant');

    const third = await codeOf();
    const noVerifier = await form(server, '/oauth2/token', {
      grant_type: 'authorization_code',
      code: third,
      redirect_uri: REDIRECT_URI,
      ...credentials,
    });
    assert.equal(noVerifier.body?.error, 'invalid_request');

    const fourth = await codeOf();
    const good = await form(server, '/oauth2/token', {
      grant_type: 'authorization_code',
      code: fourth,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      ...credentials,
    });
    assert.equal(good.status, 200);
    const replay = await form(server, '/oauth2/token', {
      grant_type: 'authorization_code',
      code: fourth,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      ...credentials,
    });
    assert.equal(replay.status, 400);
    assert.equal(replay.body?.error, 'invalid_grant');
  });

  test('a code expires after 60 seconds', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const location = (await authorize(url, await signInWithCookie(server, 'alice', alice.password))).location;
    const code = new URL(location).searchParams.get('code')!;
    const past = new Date(Date.now() - 1000).toISOString();
    await server.store.database
      .updateTable('oauth_codes')
      .set({ expires_at: past })
      .where('code_hash', '=', secretHash(code))
      .execute();
    const answer = await form(server, '/oauth2/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: registered.clientId,
      client_secret: registered.clientSecret,
    });
    assert.equal(answer.body?.error, 'invalid_grant');
  });

  test('the authorization endpoint refuses a foreign redirect_uri without redirecting, and sends other errors back to the client', async () => {
    const cookie = await signInWithCookie(server, 'alice', alice.password);
    const challenge = await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier());
    const foreign = await fetch(
      `${server.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: registered.clientId, redirect_uri: 'https://evil.example.com/', code_challenge: challenge, code_challenge_method: 'S256' })}`,
      { redirect: 'manual', headers: { cookie } },
    );
    assert.equal(foreign.status, 400);
    assert.equal(((await foreign.json()) as { error: string }).error, 'invalid_request');
    const plain = await authorize(
      new URL(
        `${server.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: registered.clientId, redirect_uri: REDIRECT_URI, state: 's1', code_challenge: challenge, code_challenge_method: 'plain' })}`,
      ),
      cookie,
    );
    assert.equal(plain.status, 302);
    const back = new URL(plain.location);
    assert.equal(back.searchParams.get('error'), 'invalid_request');
    assert.equal(back.searchParams.get('state'), 's1');
    const noPkce = await authorize(
      new URL(
        `${server.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: registered.clientId, redirect_uri: REDIRECT_URI })}`,
      ),
      cookie,
    );
    assert.equal(new URL(noPkce.location).searchParams.get('error'), 'invalid_request');
    const token = await authorize(
      new URL(
        `${server.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'token', client_id: registered.clientId, redirect_uri: REDIRECT_URI, code_challenge: challenge, code_challenge_method: 'S256' })}`,
      ),
      cookie,
    );
    assert.equal(new URL(token.location).searchParams.get('error'), 'unsupported_response_type');
  });

  test('refresh rotates: a new access and refresh token; the old refresh token then fails and revokes the new one', async () => {
    const tokens = await codeFlow('orders:read');
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
    assert.equal(refreshed.scope, 'orders:read');
    assert.equal((await verifyAccessToken(server.server.context, refreshed.access_token))?.sub, alice.user.id);
    await assert.rejects(
      client.refreshTokenGrant(config, tokens.refresh_token!),
      (error: client.ResponseBodyError) => error.error === 'invalid_grant',
    );
    // The replay revoked the whole grant: the rotated one fails too (RFC 9700 §4.14.2).
    await assert.rejects(
      client.refreshTokenGrant(config, refreshed.refresh_token!),
      (error: client.ResponseBodyError) => error.error === 'invalid_grant',
    );
  });

  test('introspection describes an active token and says inactive for garbage, foreign and expired tokens', async () => {
    const tokens = await codeFlow('orders:read');
    const active = await client.tokenIntrospection(config, tokens.access_token);
    assert.equal(active.active, true);
    assert.equal(active.sub, alice.user.id);
    assert.equal(active.client_id, registered.clientId);
    assert.equal(active.scope, 'orders:read');
    assert.equal(active.username, 'alice');
    const refresh = await client.tokenIntrospection(config, tokens.refresh_token!);
    assert.equal(refresh.active, true);
    assert.equal((await client.tokenIntrospection(config, 'not-a-token')).active, false);

    // Signed by a key this server never had.
    const foreignServer = await startTestServer('SQLite');
    try {
      const foreign = await oauthTokensOf(foreignServer.server.context).issueAccessToken({
        issuer: server.url,
        subject: alice.user.id,
        clientId: registered.clientId,
        scope: [],
      });
      assert.equal((await client.tokenIntrospection(config, foreign.token)).active, false);
    } finally {
      await foreignServer.close();
    }

    const expired = await oauthTokensOf(server.server.context).issueAccessToken({
      issuer: server.url,
      subject: alice.user.id,
      clientId: registered.clientId,
      scope: ['orders:read'],
      issuedAt: Math.floor(Date.now() / 1000) - 2000,
    });
    assert.equal((await client.tokenIntrospection(config, expired.token)).active, false);
    assert.equal(await verifyAccessToken(server.server.context, expired.token), null);
  });

  test("another client's refresh token is not described to it", async () => {
    const tokens = await codeFlow('orders:read');
    const other = await registerApplication(server, alice.user.id);
    const otherConfig = await discover(server, other);
    assert.equal((await client.tokenIntrospection(otherConfig, tokens.refresh_token!)).active, false);
  });

  test('revocation: a revoked access token is inactive and refused by verifyAccessToken; a revoked refresh token no longer refreshes', async () => {
    const tokens = await codeFlow('orders:read');
    assert.ok((await verifyAccessToken(server.server.context, tokens.access_token)) !== null);
    await client.tokenRevocation(config, tokens.access_token);
    assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, false);
    assert.equal(await verifyAccessToken(server.server.context, tokens.access_token), null);
    const row = await server.store.database.selectFrom('oauth_revoked_tokens').selectAll().executeTakeFirst();
    assert.ok(row !== undefined);

    await client.tokenRevocation(config, tokens.refresh_token!, { token_type_hint: 'refresh_token' });
    assert.equal((await client.tokenIntrospection(config, tokens.refresh_token!)).active, false);
    await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!));
    // Unknown tokens are answered 200 too (RFC 7009 §2.2).
    await client.tokenRevocation(config, 'unknown');
  });

  test('token endpoint errors follow RFC 6749 §5.2', async () => {
    const credentials = { client_id: registered.clientId, client_secret: registered.clientSecret };
    const unsupported = await form(server, '/oauth2/token', { grant_type: 'password', ...credentials });
    assert.equal(unsupported.status, 400);
    assert.equal(unsupported.body?.error, 'unsupported_grant_type');
    assert.equal(typeof unsupported.body?.error_description, 'string');
    assert.equal(unsupported.headers.get('cache-control'), 'no-store');
    const missing = await form(server, '/oauth2/token', credentials);
    assert.equal(missing.body?.error, 'invalid_request');
    const repeated = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&grant_type=client_credentials',
    });
    assert.equal(repeated.status, 400);
    assert.equal(((await repeated.json()) as { error: string }).error, 'invalid_request');
    const json = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', ...credentials }),
    });
    assert.equal(json.status, 400);
    assert.equal(((await json.json()) as { error: string }).error, 'invalid_request');
    const bearer = await form(
      server,
      '/oauth2/token',
      { grant_type: 'client_credentials', ...credentials },
      { authorization: 'Bearer nonsense' },
    );
    assert.equal(bearer.status, 401);
    assert.equal(bearer.body?.error, 'invalid_client');
    const huge = await form(server, '/oauth2/token', {
      grant_type: 'client_credentials',
      scope: 'x'.repeat(100_000),
      ...credentials,
    });
    assert.equal(huge.status, 400);
    assert.equal(huge.body?.error, 'invalid_request');
    const badRefresh = await form(server, '/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: 'trt_nothing',
      ...credentials,
    });
    assert.equal(badRefresh.body?.error, 'invalid_grant');
  });

  test('signing keys rotate: after the rotation age a new kid signs, and a token of the old kid still verifies through the JWKS', async () => {
    let now = Date.now();
    const tokens = new OAuthTokens(server.store, { rotationAgeMs: 60_000, now: () => now });
    const issue = () =>
      tokens.issueAccessToken({ issuer: server.url, subject: alice.user.id, clientId: registered.clientId, scope: [] });
    const old = await issue();
    now += 61_000;
    const fresh = await issue();
    const oldKid = decodeProtectedHeader(old.token).kid;
    const newKid = decodeProtectedHeader(fresh.token).kid;
    assert.notEqual(oldKid, newKid);
    // The server learns of the other signer's keys from the table.
    assert.ok((await verifyAccessToken(server.server.context, old.token)) !== null, 'the old kid verifies');
    assert.ok((await verifyAccessToken(server.server.context, fresh.token)) !== null, 'the new kid verifies');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const jwks = createRemoteJWKSet(new URL(`${server.url}/oauth2/jwks`));
    const kids = ((await (await fetch(`${server.url}/oauth2/jwks`)).json()) as { keys: { kid: string }[] }).keys.map(
      (k) => k.kid,
    );
    assert.ok(kids.includes(oldKid!) && kids.includes(newKid!), `both kids are published: ${kids.join(' ')}`);
    await jwtVerify(old.token, jwks, { audience: 'tessera' });
    await jwtVerify(fresh.token, jwks, { audience: 'tessera' });
    // Once every token the old key signed has expired, it is no longer published.
    now += 25 * 3600_000 + 900_000;
    assert.equal(
      (await tokens.keys.jwks()).keys.some((k) => k.kid === oldKid),
      false,
    );
  });
});

describe('OAuth with the WSO2 API Manager preset (SQLite)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite', { preset: 'wso2-apim', organization: 'carbon.super' });
  });
  after(() => server.close());

  test('a creator asking for apim:api_create apim:api_publish gets only apim:api_create', async () => {
    const { user } = await server.user('creator', { roles: ['Internal/creator'] });
    const registered = await registerApplication(server, user.id);
    const config = await discover(server, registered);
    const tokens = await client.clientCredentialsGrant(config, { scope: 'apim:api_create apim:api_publish' });
    assert.equal(tokens.scope, 'apim:api_create');
    const introspection = await client.tokenIntrospection(config, tokens.access_token);
    assert.equal(introspection.scope, 'apim:api_create');
  });
});
