import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { User } from '../../src/core/model.js';
import { DEFAULT_SETTINGS } from '../../src/server/config.js';
import { newSecret, secretHash } from '../../src/server/passwords.js';
import { type RunningServer, startServer } from '../../src/server/server.js';
import { type Store, createPostgresStore, createSqliteStore } from '../../src/store/index.js';
import { Client, type DatabaseKind, type TestServer, assertProblem, startTestServer } from './harness.js';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';

const REDIRECT_URI = 'https://app.example.com/callback';

interface Registered {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** An application of `owner` with PRODUCTION keys, written straight into the tables. */
async function registerApplication(store: Store, owner: string, organization: string): Promise<Registered> {
  const applicationId = randomUUID();
  const clientId = randomBytes(24).toString('base64url');
  const clientSecret = newSecret('tcs');
  const now = new Date().toISOString();
  await store.transact(async (tx) => {
    await tx
      .insertInto('applications')
      .values({
        id: applicationId,
        owner,
        organization,
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
        redirect_uris: JSON.stringify([REDIRECT_URI]),
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
  return { clientId, clientSecret };
}

async function form(url: string, path: string, parameters: Record<string, string>) {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(parameters),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, any> };
}

/** Signs in by password with a session cookie; answers the `name=value` cookie. */
async function cookieOf(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, mode: 'cookie' }),
  });
  assert.equal(response.status, 200);
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith('tessera_session='))!
    .split(';')[0]!;
}

/** The authorization code flow with PKCE, by hand: answers the code, its verifier and the token answer. */
async function codeFlow(url: string, registered: Registered, cookie: string) {
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${url}/oauth2/authorize`);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: registered.clientId,
    redirect_uri: REDIRECT_URI,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    scope: 'openid',
  }))
    authorize.searchParams.set(name, value);
  const redirect = await fetch(authorize, { redirect: 'manual', headers: { cookie } });
  assert.equal(redirect.status, 302);
  const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
  assert.ok(code);
  const redeem = () =>
    form(url, '/oauth2/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: registered.clientId,
      client_secret: registered.clientSecret,
    });
  const answer = await redeem();
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return {
    accessToken: answer.body.access_token as string,
    refreshToken: answer.body.refresh_token as string,
    redeem,
  };
}

function refresh(url: string, registered: Registered, token: string, extra: Record<string, string> = {}) {
  return form(url, '/oauth2/token', {
    grant_type: 'refresh_token',
    refresh_token: token,
    client_id: registered.clientId,
    client_secret: registered.clientSecret,
    ...extra,
  });
}

async function active(url: string, registered: Registered, token: string): Promise<boolean> {
  const answer = await form(url, '/oauth2/introspect', {
    token,
    client_id: registered.clientId,
    client_secret: registered.clientSecret,
  });
  assert.equal(answer.status, 200);
  return answer.body.active as boolean;
}

function lifetimeSuite(kind: DatabaseKind): void {
  describe(`credential lifetimes (${kind})`, () => {
    let server: TestServer;
    let registered: Registered;
    before(async () => {
      server = await startTestServer(kind);
      const owner = (await server.user('app-owner')).user;
      registered = await registerApplication(server.store, owner.id, server.home.id);
    });
    after(() => server.close());

    const setStatus = (user: User, status: 'active' | 'disabled') =>
      server.admin.patch(`/v1/users/${user.id}`, { status });

    test("an OAuth access token of a disabled or deleted user is inactive at introspection and refused by the server's own check", async () => {
      const { user, password } = await server.user('oauth-disabled');
      const { accessToken } = await codeFlow(
        server.url,
        registered,
        await cookieOf(server.url, user.username, password),
      );
      assert.equal(await active(server.url, registered, accessToken), true);
      assert.equal((await setStatus(user, 'disabled')).status, 200);
      assert.equal(await active(server.url, registered, accessToken), false);
      const { verifyAccessToken } = await import('../../src/server/oauth/index.js');
      assert.equal(await verifyAccessToken(server.server.context, accessToken), null);

      const gone = await server.user('oauth-deleted');
      const flow = await codeFlow(
        server.url,
        registered,
        await cookieOf(server.url, gone.user.username, gone.password),
      );
      assert.equal((await server.admin.delete(`/v1/users/${gone.user.id}`)).status, 200);
      assert.equal(await active(server.url, registered, flow.accessToken), false);
    });

    test("a password change revokes the user's personal access tokens and ends all their sessions", async () => {
      const { user, client, password } = await server.user('rotating');
      const pat = (await client.post('/v1/tokens', { name: 'ci' })).body.token as string;
      const other = await server.signIn('rotating', password);
      const cookie = await cookieOf(server.url, 'rotating', password);
      const csrf = (await new Client(server.url, null).request('GET', '/v1/session', undefined, { cookie })).body
        .csrfToken;
      // The user changes their own password in a cookie session: every session ends, that one too.
      const changed = await new Client(server.url, null).request(
        'PUT',
        `/v1/users/${user.id}/password`,
        { password: 'a-new-password-1', currentPassword: password },
        { cookie, 'x-csrf-token': csrf },
      );
      assert.equal(changed.status, 204, JSON.stringify(changed.body));
      assertProblem(await new Client(server.url, pat).get('/v1/session'), 401, 'unauthorized');
      assertProblem(await other.get('/v1/session'), 401, 'unauthorized');
      assertProblem(await client.get('/v1/session'), 401, 'unauthorized');
      assertProblem(
        await new Client(server.url, null).request('GET', '/v1/session', undefined, { cookie }),
        401,
        'unauthorized',
      );
      const listed = await server.store.database
        .selectFrom('access_tokens')
        .select('revoked_at')
        .where('user_id', '=', user.id)
        .execute();
      assert.ok(listed.every((row) => row.revoked_at !== null));

      // An administrator's reset does the same.
      const fresh = await server.signIn('rotating', 'a-new-password-1');
      const newPat = (await fresh.post('/v1/tokens', { name: 'ci-2' })).body.token as string;
      assert.equal(
        (await server.admin.put(`/v1/users/${user.id}/password`, { password: 'reset-by-admin-1' })).status,
        204,
      );
      assertProblem(await fresh.get('/v1/session'), 401, 'unauthorized');
      assertProblem(await new Client(server.url, newPat).get('/v1/session'), 401, 'unauthorized');
    });

    test('sessions and tokens from before a user was disabled stay dead after the user is enabled again', async () => {
      const { user, client, password } = await server.user('comeback');
      const pat = new Client(server.url, (await client.post('/v1/tokens', { name: 'ci' })).body.token as string);
      const flow = await codeFlow(server.url, registered, await cookieOf(server.url, 'comeback', password));
      assert.equal((await setStatus(user, 'disabled')).status, 200);
      assert.equal((await setStatus(user, 'active')).status, 200);
      assertProblem(await client.get('/v1/session'), 401, 'unauthorized');
      assertProblem(await pat.get('/v1/session'), 401, 'unauthorized');
      assert.equal(await active(server.url, registered, flow.accessToken), false);
      assert.equal((await refresh(server.url, registered, flow.refreshToken)).body.error, 'invalid_grant');
      // Signing in again works, and what it makes works.
      const again = await server.signIn('comeback', password);
      assert.equal((await again.get('/v1/session')).status, 200);
      // An access token's iat is in whole seconds, and one issued in the second of the disable counts as before it.
      await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
      const fresh = await codeFlow(server.url, registered, await cookieOf(server.url, 'comeback', password));
      assert.equal(await active(server.url, registered, fresh.accessToken), true);
    });

    test('a personal access token must expire: no expiresInDays is 90 days, null or more than 366 is refused', async () => {
      const { client } = await server.user('expiring');
      assertProblem(await client.post('/v1/tokens', { name: 'forever', expiresInDays: null }), 400, 'validation');
      assertProblem(await client.post('/v1/tokens', { name: 'long', expiresInDays: 367 }), 400, 'validation');
      const year = await client.post('/v1/tokens', { name: 'year', expiresInDays: 366 });
      assert.equal(year.status, 201);
      const standard = await client.post('/v1/tokens', { name: 'standard' });
      const days = (Date.parse(standard.body.info.expiresAt) - Date.parse(standard.body.info.createdAt)) / 86_400_000;
      assert.equal(days, 90);
    });

    test('replaying an authorization code revokes every token issued from it', async () => {
      const { user, password } = await server.user('replayed');
      const flow = await codeFlow(server.url, registered, await cookieOf(server.url, user.username, password));
      const rotated = await refresh(server.url, registered, flow.refreshToken);
      assert.equal(rotated.status, 200);
      const replay = await flow.redeem();
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error, 'invalid_grant');
      assert.equal(await active(server.url, registered, flow.accessToken), false);
      assert.equal(await active(server.url, registered, rotated.body.access_token), false);
      assert.equal(await active(server.url, registered, rotated.body.refresh_token), false);
      assert.equal((await refresh(server.url, registered, rotated.body.refresh_token)).body.error, 'invalid_grant');
    });

    test('reusing a rotated refresh token revokes its successors and their access tokens', async () => {
      const { user, password } = await server.user('reused');
      const flow = await codeFlow(server.url, registered, await cookieOf(server.url, user.username, password));
      const first = await refresh(server.url, registered, flow.refreshToken);
      const second = await refresh(server.url, registered, first.body.refresh_token);
      assert.equal(second.status, 200);
      assert.equal(await active(server.url, registered, second.body.access_token), true);
      const reuse = await refresh(server.url, registered, flow.refreshToken);
      assert.equal(reuse.body.error, 'invalid_grant');
      assert.equal((await refresh(server.url, registered, second.body.refresh_token)).body.error, 'invalid_grant');
      assert.equal(await active(server.url, registered, second.body.access_token), false);
      assert.equal(await active(server.url, registered, flow.accessToken), false);
    });

    test('a refused refresh (another client, a scope never granted) leaves the refresh token usable', async () => {
      const { user, password } = await server.user('careful');
      const flow = await codeFlow(server.url, registered, await cookieOf(server.url, user.username, password));
      const otherOwner = (await server.user('other-owner')).user;
      const other = await registerApplication(server.store, otherOwner.id, server.home.id);
      const stranger = await refresh(server.url, other, flow.refreshToken);
      assert.equal(stranger.body.error, 'invalid_grant');
      const widened = await refresh(server.url, registered, flow.refreshToken, { scope: 'openid orders:admin' });
      assert.equal(widened.body.error, 'invalid_scope');
      const ok = await refresh(server.url, registered, flow.refreshToken);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(await active(server.url, registered, ok.body.access_token), true);
    });
  });
}

lifetimeSuite('SQLite');
lifetimeSuite('PostgreSQL');

/** Two servers on one database: what one revokes, the other refuses on the very next request. */
function twoServerSuite(kind: DatabaseKind): void {
  describe(`revocation across two servers on one ${kind} database`, () => {
    const stores: Store[] = [];
    const servers: RunningServer[] = [];
    let cleanup: () => Promise<void> = async () => undefined;
    const adminPassword = `pw-${randomUUID()}`;
    before(async () => {
      const open = async (): Promise<Store> => {
        if (kind === 'SQLite') return createSqliteStore({ database, followIntervalMs: 0 });
        return createPostgresStore({
          database: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 }),
          followIntervalMs: 0,
        });
      };
      let database = '';
      const url = process.env.TESSERA_TEST_POSTGRES_URL ?? '';
      const schema = `tessera_two_${process.pid}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      if (kind === 'SQLite') {
        const directory = mkdtempSync(join(tmpdir(), 'tessera-two-'));
        database = join(directory, 'tessera.db');
        cleanup = async () => rmSync(directory, { recursive: true, force: true });
      } else {
        assert.ok(url !== '', 'TESSERA_TEST_POSTGRES_URL is not set');
        const admin = async (query: string) => {
          const connection = new pg.Client({ connectionString: url });
          await connection.connect();
          await connection.query(query).finally(() => connection.end());
        };
        await admin(`create schema ${schema}`);
        cleanup = () => admin(`drop schema if exists ${schema} cascade`);
      }
      // Servers behind one address share one issuer, so each accepts the tokens of the other.
      const settings = {
        ...DEFAULT_SETTINGS,
        port: 0,
        logLevel: 'silent',
        adminPassword,
        publicUrl: 'https://tessera.example.com',
      };
      for (let i = 0; i < 2; i++) {
        const store = await open();
        stores.push(store);
        servers.push(await startServer(settings, { store }));
      }
    });
    after(async () => {
      for (const server of servers) await server.close();
      for (const store of stores) await store.close();
      await cleanup();
    });

    test('a revoked personal access token, an ended session and a changed password are refused at once on the other server', async () => {
      const [one, two] = servers.map((s) => s.url) as [string, string];
      const signIn = async (url: string) => {
        const answer = await new Client(url, null).post('/v1/session', {
          username: 'admin',
          password: adminPassword,
          mode: 'token',
        });
        assert.equal(answer.status, 200);
        return answer.body.token as string;
      };
      const session = await signIn(one);
      const created = await new Client(one, session).post('/v1/tokens', { name: 'ci' });
      const pat = created.body.token as string;
      assert.equal((await new Client(two, pat).get('/v1/session')).status, 200);
      assert.equal((await new Client(one, session).delete(`/v1/tokens/${created.body.info.id}`)).status, 204);
      assertProblem(await new Client(two, pat).get('/v1/session'), 401, 'unauthorized');

      assert.equal((await new Client(two, session).get('/v1/session')).status, 200);
      assert.equal((await new Client(one, session).delete('/v1/session')).status, 204);
      assertProblem(await new Client(two, session).get('/v1/session'), 401, 'unauthorized');

      const before = await signIn(two);
      const admin = stores[0]!.engine.user('admin')!;
      const changer = await signIn(one);
      assert.equal(
        (await new Client(one, changer).put(`/v1/users/${admin.id}/password`, { password: 'changed-password-1' }))
          .status,
        204,
      );
      assertProblem(await new Client(two, before).get('/v1/session'), 401, 'unauthorized');
    });

    test('a revoked OAuth token is inactive at once at the other server', async () => {
      const [one, two] = servers.map((s) => s.url) as [string, string];
      const [storeOne] = stores as [Store];
      const alice: User = { id: randomUUID(), username: 'alice', store: 'PRIMARY', email: null, status: 'active' };
      await storeOne.write([{ op: 'user.put', user: alice }], { actor: SYSTEM_ACTOR });
      await servers[0]!.context.credentials.setPassword(alice.id, 'alice-password-1');
      await stores[1]!.sync();
      const registered = await registerApplication(storeOne, alice.id, servers[0]!.bootstrap.home);
      const flow = await codeFlow(one, registered, await cookieOf(one, 'alice', 'alice-password-1'));
      assert.equal(await active(two, registered, flow.accessToken), true);
      const revoked = await form(one, '/oauth2/revoke', {
        token: flow.refreshToken,
        client_id: registered.clientId,
        client_secret: registered.clientSecret,
      });
      assert.equal(revoked.status, 200);
      assert.equal(await active(two, registered, flow.refreshToken), false);
      assert.equal(await active(two, registered, flow.accessToken), false);
    });
  });
}

twoServerSuite('SQLite');
twoServerSuite('PostgreSQL');
