import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { heldRoles } from '../../src/core/rules.js';
import { secretHash } from '../../src/server/passwords.js';
import { type Client, DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

const long = 'x'.repeat(10_000);

for (const kind of DATABASES) {
  describe(`applications API (${kind})`, () => {
    let server: TestServer;
    let alice: { id: string; client: Client };
    let api: string;
    let foreignApi: string;

    before(async () => {
      server = await startTestServer(kind);
      const created = await server.user('alice', { groups: ['API Subscriber'] });
      alice = { id: created.user.id, client: created.client };
      api = randomUUID();
      await server.write([
        {
          op: 'resource.put',
          resource: {
            id: api,
            type: 'api',
            name: 'orders',
            organization: server.home.id,
            project: null,
            private: false,
          },
        },
      ]);
      // An API of another tenant, where the home organization's subscribers hold nothing.
      const partner = await server.admin.post('/v1/organizations', { name: 'partner' });
      assert.equal(partner.status, 201, JSON.stringify(partner.body));
      foreignApi = randomUUID();
      await server.write([
        {
          op: 'resource.put',
          resource: {
            id: foreignApi,
            type: 'api',
            name: 'ledger',
            organization: partner.body.organization.id,
            project: null,
            private: false,
          },
        },
      ]);
    });
    after(() => server.close());

    const register = async (client: Client, name: string) => {
      const response = await client.post('/v1/applications', { name, organization: server.home.name });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body.application.id as string;
    };
    const roleNamed = (name: string) => server.store.engine.roles().find((r) => r.name === name);

    test('a subscriber registers an application it owns; the name is unique among its applications', async () => {
      const response = await alice.client.post('/v1/applications', {
        name: 'shop',
        organization: server.home.name,
        description: 'web shop',
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(typeof response.body.revision, 'number');
      const application = response.body.application;
      assert.equal(application.name, 'shop');
      assert.equal(application.description, 'web shop');
      assert.deepEqual(application.owner, { id: alice.id, name: 'PRIMARY/alice' });
      assert.deepEqual(application.organization, { id: server.home.id, name: server.home.name });
      assertProblem(
        await alice.client.post('/v1/applications', { name: 'shop', organization: server.home.id }),
        409,
        'duplicate',
      );
      const read = await alice.client.get(`/v1/applications/${application.id}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.id, application.id);
      const audit = await server.store.audit({ target: `application:${application.id}` });
      assert.ok(audit.some((e) => e.action === 'application.create'));
    });

    test('registering needs application:manage at the organization', async () => {
      const { client } = await server.user('dev1', { groups: ['Developer'] });
      assertProblem(
        await client.post('/v1/applications', { name: 'nope', organization: server.home.name }),
        403,
        'forbidden',
      );
      assertProblem(
        await alice.client.post('/v1/applications', { name: 'nope', organization: 'no-such-org' }),
        404,
        'not-found',
      );
      assertProblem(
        await server.anonymous.post('/v1/applications', { name: 'nope', organization: server.home.name }),
        401,
        'unauthorized',
      );
    });

    test('refuses bad registration bodies', async () => {
      const bad = [
        {},
        { name: 'x' },
        { organization: server.home.name },
        { name: 42, organization: server.home.name },
        { name: long, organization: server.home.name },
        { name: '', organization: server.home.name },
        { name: 'a/b', organization: server.home.name },
        { name: 'x', organization: long },
        { name: 'x', organization: server.home.name, description: long },
        { name: 'x', organization: server.home.name, extra: true },
      ];
      for (const body of bad) assertProblem(await alice.client.post('/v1/applications', body), 400, 'validation');
    });

    test("lists the caller's own applications; everyone's only with user:view at home", async () => {
      const { client, user } = await server.user('lister', { groups: ['API Subscriber'] });
      const id = await register(client, 'mine');
      const own = await client.get('/v1/applications');
      assert.equal(own.status, 200);
      assert.deepEqual(
        own.body.items.map((a: { id: string }) => a.id),
        [id],
      );
      assertProblem(await client.get('/v1/applications?owner=alice'), 403, 'forbidden');
      const byAdmin = await server.admin.get(`/v1/applications?owner=${user.id}`);
      assert.deepEqual(
        byAdmin.body.items.map((a: { id: string }) => a.id),
        [id],
      );
      const all = await server.admin.get(
        `/v1/applications?organization=${encodeURIComponent(server.home.name)}&limit=500`,
      );
      assert.ok(all.body.items.length >= 2);
      const paged = await server.admin.get('/v1/applications?limit=1');
      assert.equal(paged.body.items.length, 1);
      assert.equal(typeof paged.body.next, 'string');
      // Someone else's application is not found, rather than forbidden: ids do not leak.
      assertProblem(await alice.client.get(`/v1/applications/${id}`), 404, 'not-found');
      assertProblem(await server.admin.get('/v1/applications?owner=nobody-at-all'), 404, 'not-found');
    });

    test('generating keys shows the secret once, stores its hash, and creates the application role held by the owner', async () => {
      const id = await register(alice.client, 'billing');
      const response = await alice.client.post(`/v1/applications/${id}/keys`, {
        keyType: 'PRODUCTION',
        redirectUris: ['https://app.example.com/cb', 'http://127.0.0.1:8080/cb'],
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      const { clientId, clientSecret, applicationRole } = response.body;
      assert.match(clientId, /^[A-Za-z0-9_-]{32}$/);
      assert.match(clientSecret, /^tcs_/);
      assert.equal(applicationRole.name, 'Application/alice_billing_PRODUCTION');
      const row = await server.store.database
        .selectFrom('application_keys')
        .selectAll()
        .where('client_id', '=', clientId)
        .executeTakeFirstOrThrow();
      assert.equal(row.secret_hash, secretHash(clientSecret));
      assert.equal(JSON.stringify(row).includes(clientSecret), false, 'the database holds only the hash');
      assert.deepEqual(JSON.parse(row.redirect_uris), ['https://app.example.com/cb', 'http://127.0.0.1:8080/cb']);
      const role = roleNamed('Application/alice_billing_PRODUCTION');
      assert.ok(role !== undefined);
      assert.equal(role.id, applicationRole.id);
      assert.equal(role.owner, alice.id);
      assert.equal(role.organization, server.home.id);
      assert.deepEqual(role.permissions, []);
      assert.ok(heldRoles(server.store.engine, alice.id, server.home.id).includes(role.id));

      const entries = await alice.client.get(`/v1/applications/${id}/keys`);
      assert.equal(entries.status, 200);
      assert.equal(entries.body.items.length, 1);
      assert.deepEqual(Object.keys(entries.body.items[0]).sort(), [
        'applicationRole',
        'clientId',
        'createdAt',
        'keyType',
        'redirectUris',
      ]);
      assert.equal(entries.body.items[0].clientId, clientId);
      assert.equal(JSON.stringify(entries.body).includes(clientSecret), false);
      assert.equal(JSON.stringify(entries.body).includes(row.secret_hash), false);

      assertProblem(
        await alice.client.post(`/v1/applications/${id}/keys`, { keyType: 'PRODUCTION' }),
        409,
        'duplicate',
      );
      const sandbox = await alice.client.post(`/v1/applications/${id}/keys`, { keyType: 'SANDBOX' });
      assert.equal(sandbox.status, 201);
      assert.equal(sandbox.body.applicationRole.name, 'Application/alice_billing_SANDBOX');
      assert.deepEqual(sandbox.body.redirectUris, []);
    });

    test('only holders of the application role see the key-manager entry; an admin can give the role to another user', async () => {
      const id = await register(alice.client, 'reports');
      const keys = await alice.client.post(`/v1/applications/${id}/keys`, { keyType: 'PRODUCTION' });
      assert.equal(keys.status, 201);
      const carol = await server.user('carol', { groups: ['API Subscriber'] });
      const dave = await server.user('dave', { groups: ['API Subscriber'] });
      assertProblem(await carol.client.get(`/v1/applications/${id}/keys`), 403, 'forbidden');
      assertProblem(await carol.client.get(`/v1/applications/${id}`), 404, 'not-found');

      const mapping = await server.admin.post('/v1/mappings', {
        role: 'Application/alice_reports_PRODUCTION',
        subject: { kind: 'user', id: 'PRIMARY/carol' },
        target: { type: 'organization', id: server.home.id },
      });
      assert.equal(mapping.status, 201, JSON.stringify(mapping.body));
      const seen = await carol.client.get(`/v1/applications/${id}/keys`);
      assert.equal(seen.status, 200);
      assert.deepEqual(
        seen.body.items.map((k: { clientId: string }) => k.clientId),
        [keys.body.clientId],
      );
      assert.equal((await carol.client.get(`/v1/applications/${id}`)).status, 200);
      assertProblem(await dave.client.get(`/v1/applications/${id}/keys`), 403, 'forbidden');
      // Holding the role lets carol see the entry, not manage the application.
      assertProblem(await carol.client.post(`/v1/applications/${id}/keys`, { keyType: 'SANDBOX' }), 403, 'forbidden');
      assertProblem(await carol.client.delete(`/v1/applications/${id}`), 403, 'forbidden');
      // An installation administrator (user:view at home) sees every entry.
      assert.equal((await server.admin.get(`/v1/applications/${id}/keys`)).status, 200);
      assertProblem(await alice.client.get(`/v1/applications/${randomUUID()}/keys`), 404, 'not-found');
    });

    test('revoking keys removes the application role; the type can then be generated again', async () => {
      const id = await register(alice.client, 'revocable');
      const first = await alice.client.post(`/v1/applications/${id}/keys`, { keyType: 'PRODUCTION' });
      assert.equal(first.status, 201);
      const revoked = await alice.client.delete(`/v1/applications/${id}/keys/PRODUCTION`);
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      assert.equal(roleNamed('Application/alice_revocable_PRODUCTION'), undefined);
      const row = await server.store.database
        .selectFrom('application_keys')
        .selectAll()
        .where('client_id', '=', first.body.clientId)
        .executeTakeFirst();
      assert.ok(row === undefined || row.revoked_at !== null);
      assertProblem(await alice.client.get(`/v1/applications/${id}/keys`), 403, 'forbidden');
      assertProblem(await alice.client.delete(`/v1/applications/${id}/keys/PRODUCTION`), 404, 'not-found');
      assertProblem(await alice.client.delete(`/v1/applications/${id}/keys/OTHER`), 400, 'validation');
      const again = await alice.client.post(`/v1/applications/${id}/keys`, { keyType: 'PRODUCTION' });
      assert.equal(again.status, 201);
      assert.notEqual(again.body.clientId, first.body.clientId);
      assert.equal((await alice.client.get(`/v1/applications/${id}/keys`)).body.items[0].clientId, again.body.clientId);
    });

    test('refuses bad key bodies and redirect URIs', async () => {
      const id = await register(alice.client, 'strict');
      const bad: unknown[] = [
        {},
        { keyType: 'production' },
        { keyType: 'PRODUCTION', redirectUris: 'https://a.example' },
        { keyType: 'PRODUCTION', redirectUris: [long] },
        { keyType: 'PRODUCTION', redirectUris: Array.from({ length: 21 }, (_, i) => `https://a.example/${i}`) },
        { keyType: 'PRODUCTION', redirectUris: ['http://evil.example/cb'] },
        { keyType: 'PRODUCTION', redirectUris: ['not a url'] },
        { keyType: 'PRODUCTION', redirectUris: ['https://a.example/cb#frag'] },
        { keyType: 'PRODUCTION', redirectUris: ['javascript:alert(1)'] },
        { keyType: 'PRODUCTION', extra: 1 },
      ];
      for (const body of bad)
        assertProblem(await alice.client.post(`/v1/applications/${id}/keys`, body), 400, 'validation');
      assert.equal(roleNamed('Application/alice_strict_PRODUCTION'), undefined, 'a refused generation creates no role');
      assert.equal(
        (
          await alice.client.post(`/v1/applications/${id}/keys`, {
            keyType: 'PRODUCTION',
            redirectUris: ['http://localhost:3000/cb'],
          })
        ).status,
        201,
      );
      assertProblem(
        await alice.client.post(`/v1/applications/${randomUUID()}/keys`, { keyType: 'PRODUCTION' }),
        404,
        'not-found',
      );
    });

    test("a re-created username inherits nothing of the deleted user's applications", async () => {
      const oldBob = await server.user('bob', { groups: ['API Subscriber'] });
      const id = await register(oldBob.client, 'crm');
      const keys = await oldBob.client.post(`/v1/applications/${id}/keys`, { keyType: 'PRODUCTION' });
      assert.equal(keys.status, 201);
      assert.equal(keys.body.applicationRole.name, 'Application/bob_crm_PRODUCTION');
      const apiKey = await oldBob.client.post(`/v1/applications/${id}/api-keys`, { name: 'ci' });
      assert.equal(apiKey.status, 201);

      assert.equal((await server.admin.delete('/v1/users/bob')).status, 200);
      assert.equal(
        roleNamed('Application/bob_crm_PRODUCTION'),
        undefined,
        "deleting the owner deletes the application's roles",
      );
      const newBob = await server.user('bob', { groups: ['API Subscriber'] });
      assert.notEqual(newBob.user.id, oldBob.user.id);
      const held = heldRoles(server.store.engine, newBob.user.id, server.home.id).map(
        (r) => server.store.engine.role(r)!.name,
      );
      assert.equal(
        held.some((name) => name.startsWith('Application/')),
        false,
      );
      assertProblem(await newBob.client.get(`/v1/applications/${id}/keys`), 404, 'not-found');
      assertProblem(await newBob.client.get(`/v1/applications/${id}`), 404, 'not-found');
      assertProblem(await newBob.client.delete(`/v1/applications/${id}`), 404, 'not-found');
      assertProblem(await newBob.client.post(`/v1/applications/${id}/api-keys`, { name: 'steal' }), 404, 'not-found');
      assert.deepEqual((await newBob.client.get('/v1/applications')).body.items, []);
      // Deleting the owner deleted the application, its keys and its API keys.
      assert.equal(
        await server.store.database.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst(),
        undefined,
      );
      assert.deepEqual(
        await server.store.database.selectFrom('api_keys').selectAll().where('application', '=', id).execute(),
        [],
      );
      const verified = await server.admin.post('/v1/api-keys/verify', { key: apiKey.body.key });
      assert.equal(verified.body.valid, false);
      // The new bob starts afresh: the same application name and role name are his to take.
      const fresh = await register(newBob.client, 'crm');
      const freshKeys = await newBob.client.post(`/v1/applications/${fresh}/keys`, { keyType: 'PRODUCTION' });
      assert.equal(freshKeys.status, 201, JSON.stringify(freshKeys.body));
      assert.equal(roleNamed('Application/bob_crm_PRODUCTION')!.owner, newBob.user.id);
      assertProblem(await newBob.client.get(`/v1/applications/${id}/keys`), 404, 'not-found');
    });

    test('an application subscribes to an API its owner may subscribe to', async () => {
      const id = await register(alice.client, 'subscriber');
      const created = await alice.client.post(`/v1/applications/${id}/subscriptions`, {
        api: `${server.home.name}/api/orders`,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.subscription.api.id, api);
      assert.equal(created.body.subscription.api.name, 'orders');
      assertProblem(await alice.client.post(`/v1/applications/${id}/subscriptions`, { api }), 409, 'duplicate');
      assertProblem(
        await alice.client.post(`/v1/applications/${id}/subscriptions`, { api: 'orders' }),
        409,
        'duplicate',
      );
      assertProblem(
        await alice.client.post(`/v1/applications/${id}/subscriptions`, { api: foreignApi }),
        403,
        'forbidden',
      );
      assertProblem(
        await alice.client.post(`/v1/applications/${id}/subscriptions`, { api: 'no-such-api' }),
        404,
        'not-found',
      );
      for (const body of [{}, { api: 1 }, { api: long }, { api: '' }, { api, extra: true }]) {
        assertProblem(await alice.client.post(`/v1/applications/${id}/subscriptions`, body), 400, 'validation');
      }
      // Someone who may not subscribe (a developer owning an application) is refused.
      const developer = await server.user('dev2', { groups: ['Developer'] });
      const owned = randomUUID();
      await server.store.database
        .insertInto('applications')
        .values({
          id: owned,
          owner: developer.user.id,
          organization: server.home.id,
          name: 'tool',
          description: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      assertProblem(await developer.client.post(`/v1/applications/${owned}/subscriptions`, { api }), 403, 'forbidden');
      // Another subscriber cannot subscribe alice's application.
      const eve = await server.user('eve', { groups: ['API Subscriber'] });
      assertProblem(await eve.client.post(`/v1/applications/${id}/subscriptions`, { api }), 404, 'not-found');

      const listed = await alice.client.get(`/v1/applications/${id}/subscriptions`);
      assert.equal(listed.status, 200);
      assert.deepEqual(
        listed.body.items.map((s: { id: string }) => s.id),
        [created.body.subscription.id],
      );
      assertProblem(
        await eve.client.delete(`/v1/applications/${id}/subscriptions/${created.body.subscription.id}`),
        404,
        'not-found',
      );
      assert.equal(
        (await alice.client.delete(`/v1/applications/${id}/subscriptions/${created.body.subscription.id}`)).status,
        200,
      );
      assert.deepEqual((await alice.client.get(`/v1/applications/${id}/subscriptions`)).body.items, []);
      assertProblem(
        await alice.client.delete(`/v1/applications/${id}/subscriptions/${created.body.subscription.id}`),
        404,
        'not-found',
      );
      const audit = await server.store.audit({ target: `subscription:${created.body.subscription.id}` });
      assert.deepEqual(audit.map((e) => e.action).sort(), ['subscription.create', 'subscription.delete']);
    });

    test('API keys: created once, hashed at rest, listed by prefix, verified for gateways, revoked', async () => {
      const id = await register(alice.client, 'gateway-client');
      assert.equal((await alice.client.post(`/v1/applications/${id}/subscriptions`, { api })).status, 201);
      const first = await alice.client.post(`/v1/applications/${id}/api-keys`, { name: 'ci', expiresInDays: 30 });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const second = await alice.client.post(`/v1/applications/${id}/api-keys`, { name: 'local' });
      assert.equal(second.status, 201);
      const { key, info } = first.body;
      assert.match(key, /^tak_/);
      assert.equal(info.name, 'ci');
      assert.equal(key.startsWith(info.prefix), true);
      assert.ok(info.prefix.length < key.length);
      assert.ok(Date.parse(info.expiresAt) - Date.parse(info.createdAt) === 30 * 86_400_000);
      assert.equal(second.body.info.expiresAt, null);
      const row = await server.store.database
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', info.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.key_hash, secretHash(key));
      assert.equal(JSON.stringify(row).includes(key), false, 'the database holds only the hash');

      const all = await alice.client.get(`/v1/applications/${id}/api-keys`);
      assert.equal(all.status, 200);
      assert.equal(all.body.items.length, 2);
      assert.equal(JSON.stringify(all.body).includes(key), false);
      assert.equal(JSON.stringify(all.body).includes(row.key_hash), false);
      const byPrefix = await alice.client.get(
        `/v1/applications/${id}/api-keys?prefix=${encodeURIComponent(info.prefix)}`,
      );
      assert.deepEqual(
        byPrefix.body.items.map((k: { id: string }) => k.id),
        [info.id],
      );
      const byWholeKey = await alice.client.get(`/v1/applications/${id}/api-keys?prefix=${encodeURIComponent(key)}`);
      assert.deepEqual(
        byWholeKey.body.items.map((k: { id: string }) => k.id),
        [info.id],
      );
      assert.deepEqual((await alice.client.get(`/v1/applications/${id}/api-keys?prefix=zzz`)).body.items, []);

      const verified = await server.admin.post('/v1/api-keys/verify', { key });
      assert.equal(verified.status, 200);
      assert.equal(verified.body.valid, true);
      assert.equal(verified.body.application.id, id);
      assert.deepEqual(
        verified.body.subscriptions.map((s: { api: { id: string } }) => s.api.id),
        [api],
      );
      assert.deepEqual((await server.admin.post('/v1/api-keys/verify', { key: 'tak_forged' })).body, {
        valid: false,
        application: null,
        subscriptions: [],
      });
      assertProblem(await alice.client.post('/v1/api-keys/verify', { key }), 403, 'forbidden');
      for (const body of [{}, { key: 1 }, { key: long }, { key, extra: 1 }])
        assertProblem(await server.admin.post('/v1/api-keys/verify', body), 400, 'validation');

      const eve = await server.user('eve2', { groups: ['API Subscriber'] });
      assertProblem(await eve.client.delete(`/v1/applications/${id}/api-keys/${info.id}`), 404, 'not-found');
      assertProblem(await eve.client.get(`/v1/applications/${id}/api-keys`), 404, 'not-found');
      assert.equal((await alice.client.delete(`/v1/applications/${id}/api-keys/${info.id}`)).status, 200);
      assert.equal((await server.admin.post('/v1/api-keys/verify', { key })).body.valid, false);
      assert.equal((await server.admin.post('/v1/api-keys/verify', { key: second.body.key })).body.valid, true);
      const afterRevoke = await alice.client.get(
        `/v1/applications/${id}/api-keys?prefix=${encodeURIComponent(info.prefix)}`,
      );
      assert.equal(typeof afterRevoke.body.items[0].revokedAt, 'string');
      assertProblem(await alice.client.delete(`/v1/applications/${id}/api-keys/${info.id}`), 404, 'not-found');
      assertProblem(await alice.client.delete(`/v1/applications/${id}/api-keys/${randomUUID()}`), 404, 'not-found');

      const bad = [
        {},
        { name: '' },
        { name: long },
        { name: 7 },
        { name: 'x', expiresInDays: 0 },
        { name: 'x', expiresInDays: 'soon' },
        { name: 'x', expiresInDays: 100_000 },
        { name: 'x', extra: 1 },
      ];
      for (const body of bad)
        assertProblem(await alice.client.post(`/v1/applications/${id}/api-keys`, body), 400, 'validation');
      // Generating API keys needs api-key:generate at the application's organization.
      const developer = await server.user('dev3', { groups: ['Developer'] });
      const owned = randomUUID();
      await server.store.database
        .insertInto('applications')
        .values({
          id: owned,
          owner: developer.user.id,
          organization: server.home.id,
          name: 'tool',
          description: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      assertProblem(await developer.client.post(`/v1/applications/${owned}/api-keys`, { name: 'x' }), 403, 'forbidden');
    });

    test('deleting an application deletes its keys, roles, subscriptions and API keys', async () => {
      const id = await register(alice.client, 'doomed');
      const keys = await alice.client.post(`/v1/applications/${id}/keys`, { keyType: 'SANDBOX' });
      assert.equal(keys.status, 201);
      assert.equal((await alice.client.post(`/v1/applications/${id}/subscriptions`, { api })).status, 201);
      const apiKey = await alice.client.post(`/v1/applications/${id}/api-keys`, { name: 'k' });
      const other = await server.user('frank', { groups: ['API Subscriber'] });
      assertProblem(await other.client.delete(`/v1/applications/${id}`), 404, 'not-found');

      const deleted = await alice.client.delete(`/v1/applications/${id}`);
      assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
      assert.equal(roleNamed('Application/alice_doomed_SANDBOX'), undefined);
      const db = server.store.database;
      assert.equal((await db.selectFrom('applications').select('id').where('id', '=', id).execute()).length, 0);
      assert.equal(
        (await db.selectFrom('application_keys').select('id').where('application', '=', id).execute()).length,
        0,
      );
      assert.equal(
        (await db.selectFrom('subscriptions').select('id').where('application', '=', id).execute()).length,
        0,
      );
      assert.equal((await db.selectFrom('api_keys').select('id').where('application', '=', id).execute()).length, 0);
      assert.equal((await server.admin.post('/v1/api-keys/verify', { key: apiKey.body.key })).body.valid, false);
      assertProblem(await alice.client.get(`/v1/applications/${id}`), 404, 'not-found');
      assertProblem(await alice.client.delete(`/v1/applications/${id}`), 404, 'not-found');
      const audit = await server.store.audit({ target: `application:${id}` });
      assert.ok(audit.some((e) => e.action === 'application.delete'));

      // An administrator (user:manage at home) may delete anyone's application.
      const another = await register(alice.client, 'admin-deletes');
      assert.equal((await server.admin.delete(`/v1/applications/${another}`)).status, 200);
    });
  });
}

describe('applications under the wso2-apim preset', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite', { preset: 'wso2-apim', organization: 'carbon.super' });
  });
  after(() => server.close());

  test('an Internal/subscriber registers an application, generates keys and gets a token with the scopes the role allows', async () => {
    const { client } = await server.user('dev-portal-user', { roles: ['Internal/subscriber'] });
    const registered = await client.post('/v1/applications', { name: 'PizzaApp', organization: 'carbon.super' });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const keys = await client.post(`/v1/applications/${registered.body.application.id}/keys`, {
      keyType: 'PRODUCTION',
    });
    assert.equal(keys.status, 201, JSON.stringify(keys.body));
    assert.equal(keys.body.applicationRole.name, 'Application/dev-portal-user_PizzaApp_PRODUCTION');
    const basic = Buffer.from(`${keys.body.clientId}:${keys.body.clientSecret}`).toString('base64');
    const token = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=apim:subscribe%20apim:api_create',
    });
    assert.equal(token.status, 200);
    assert.equal(((await token.json()) as { scope: string }).scope, 'apim:subscribe');
    // Internal/creator holds no application permission: the Developer Portal is the subscriber's.
    const { client: creator } = await server.user('api-creator', { roles: ['Internal/creator'] });
    assertProblem(
      await creator.post('/v1/applications', { name: 'Nope', organization: 'carbon.super' }),
      403,
      'forbidden',
    );
  });
});
