import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { roleRecord } from '../../src/core/model.js';
import { Client, DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';
import { assertScimError } from './scim-support.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Asserts a SCIM error body (RFC 7644 §3.12): the status as a string, and the scimType when one is expected. */
function scimUser(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER],
    userName,
    externalId: `ext-${userName}`,
    name: { givenName: userName, familyName: 'Jensen' },
    emails: [{ value: `${userName}@example.com`, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}

for (const kind of DATABASES) {
  describe(`SCIM 2.0 provisioning (${kind})`, () => {
    let server: TestServer;
    let scim: Client;
    let secret: string;
    let tokenId: string;
    before(async () => {
      server = await startTestServer(kind);
      const created = await server.admin.post('/v1/scim-tokens', { name: 'entra', organization: server.home.name });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      secret = created.body.secret;
      tokenId = created.body.token.id;
      scim = new Client(`${server.url}/scim/v2`, secret);
    });
    after(() => server.close());

    const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      scim.request(method, path, body, { 'content-type': 'application/scim+json', ...headers });
    const create = async (userName: string, extra: Record<string, unknown> = {}) => {
      const response = await send('POST', '/Users', scimUser(userName, extra));
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body as { id: string; meta: { version: string } };
    };

    test('a provisioning token is shown once, stored hashed, audited, and listed without its secret', async () => {
      assert.match(secret, /^tscim_/);
      const row = await server.store.database
        .selectFrom('scim_tokens')
        .selectAll()
        .where('id', '=', tokenId)
        .executeTakeFirstOrThrow();
      assert.equal(JSON.stringify(row).includes(secret), false);
      const listed = await server.admin.get(`/v1/scim-tokens?organization=${server.home.name}`);
      assert.equal(listed.status, 200);
      assert.deepEqual(
        listed.body.items.map((t: { id: string }) => t.id),
        [tokenId],
      );
      assert.equal(JSON.stringify(listed.body).includes(secret), false);
      const [entry] = await server.store.audit({ target: `scim-token:${tokenId}` });
      assert.equal(entry?.action, 'scim-token.create');
      assert.equal(entry?.actor.name, 'PRIMARY/admin');
    });

    test('a user without user:manage and group:manage at the organization cannot create a token', async () => {
      const { client } = await server.user(`dev-${kind}`, { groups: ['Developer'] });
      assertProblem(
        await client.post('/v1/scim-tokens', { name: 'x', organization: server.home.name }),
        403,
        'forbidden',
      );
      assertProblem(await client.post('/v1/scim-tokens', { name: 'x' }), 403, 'forbidden');
    });

    test('no token, a session token, or an unknown token answers 401 with a SCIM error body', async () => {
      assertScimError(await new Client(`${server.url}/scim/v2`, null).get('/Users'), 401);
      assertScimError(await new Client(`${server.url}/scim/v2`, 'tscim_nope').get('/Users'), 401);
      assertScimError(await new Client(`${server.url}/scim/v2`, server.admin.token).get('/Users'), 401);
    });

    test('discovery: ServiceProviderConfig, ResourceTypes and Schemas', async () => {
      const config = await scim.get('/ServiceProviderConfig');
      assert.equal(config.status, 200);
      assert.match(config.contentType, /^application\/scim\+json/);
      assert.equal(config.body.patch.supported, true);
      assert.equal(config.body.etag.supported, true);
      assert.equal(config.body.filter.supported, true);
      assert.equal(config.body.bulk.supported, true);
      const types = await scim.get('/ResourceTypes');
      assert.deepEqual(
        types.body.Resources.map((t: { id: string }) => t.id),
        ['User', 'Group'],
      );
      const schema = await scim.get(`/Schemas/${USER}`);
      assert.equal(schema.status, 200);
      assert.ok(schema.body.attributes.some((a: { name: string }) => a.name === 'userName'));
      assertScimError(await scim.get('/Schemas/urn:nope'), 404);
      assertScimError(await scim.get('/Nope'), 404);
    });

    test('RFC 7644 §3.3: POST /Users creates a member of the organization, audited as the token, with Location and ETag', async () => {
      const response = await send('POST', '/Users', scimUser('bjensen'));
      assert.equal(response.status, 201, JSON.stringify(response.body));
      const body = response.body;
      assert.deepEqual(body.schemas, [USER]);
      assert.equal(body.userName, 'bjensen');
      assert.equal(body.externalId, 'ext-bjensen');
      assert.equal(body.name.givenName, 'bjensen');
      assert.equal(body.active, true);
      assert.equal(body.meta.resourceType, 'User');
      assert.equal(response.headers.get('location'), `${server.url}/scim/v2/Users/${body.id}`);
      assert.equal(response.headers.get('etag'), body.meta.version);
      const user = server.store.engine.user(body.id);
      assert.equal(user?.email, 'bjensen@example.com');
      assert.equal(user?.status, 'active');
      const member = await server.store.database
        .selectFrom('organization_members')
        .selectAll()
        .where('user_id', '=', body.id)
        .executeTakeFirst();
      assert.equal(member?.organization, server.home.id);
      const [entry] = await server.store.audit({ target: `user:${body.id}` });
      assert.equal(entry?.action, 'scim.user.create');
      assert.equal(entry?.actor.name, 'scim:entra');
      assertScimError(await send('POST', '/Users', scimUser('bjensen')), 409, 'uniqueness');
    });

    test('filters (eq ignoring case, co, sw, and, or, value paths) and paging by startIndex and count', async () => {
      for (const name of ['pa-one', 'pa-two', 'pa-three']) await create(name);
      const list = async (query: string) => (await scim.get(`/Users?${query}`)).body;
      const names = (body: { Resources: { userName: string }[] }) => body.Resources.map((r) => r.userName);
      assert.deepEqual(names(await list(`filter=${encodeURIComponent('userName eq "PA-ONE"')}`)), ['pa-one']);
      assert.deepEqual(names(await list(`filter=${encodeURIComponent('userName sw "pa-t"')}`)), ['pa-three', 'pa-two']);
      assert.deepEqual(names(await list(`filter=${encodeURIComponent('userName co "hre"')}`)), ['pa-three']);
      assert.deepEqual(
        names(await list(`filter=${encodeURIComponent('userName eq "pa-one" or externalId eq "ext-pa-two"')}`)),
        ['pa-one', 'pa-two'],
      );
      assert.deepEqual(
        names(
          await list(
            `filter=${encodeURIComponent('userName sw "pa" and emails[type eq "work" and value co "three"]')}`,
          ),
        ),
        ['pa-three'],
      );
      const empty = await list(`filter=${encodeURIComponent('userName eq "nobody"')}`);
      assert.equal(empty.totalResults, 0);
      assert.deepEqual(empty.Resources, []);
      const paged = await list(`filter=${encodeURIComponent('userName sw "pa-"')}&startIndex=2&count=1`);
      assert.equal(paged.totalResults, 3);
      assert.equal(paged.startIndex, 2);
      assert.equal(paged.itemsPerPage, 1);
      assert.deepEqual(names(paged), ['pa-three']);
      assertScimError(await scim.get(`/Users?filter=${encodeURIComponent('userName eq')}`), 400, 'invalidFilter');
    });

    test('Okta: PUT replaces the whole user; PATCH active false disables it and ends its sessions and tokens', async () => {
      const created = await create('okta-user');
      await server.server.context.credentials.setPassword(created.id, 'okta-secret-1');
      const session = await server.signIn('okta-user', 'okta-secret-1');
      assert.equal((await session.get('/v1/session')).status, 200);
      const put = await send(
        'PUT',
        `/Users/${created.id}`,
        scimUser('okta-user', { emails: [{ value: 'okta.new@example.com', primary: true }], title: 'Engineer' }),
      );
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.title, 'Engineer');
      assert.equal(server.store.engine.user(created.id)?.email, 'okta.new@example.com');
      const patch = await send('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', value: { active: false } }],
      });
      assert.equal(patch.status, 200, JSON.stringify(patch.body));
      assert.equal(patch.body.active, false);
      assert.equal(server.store.engine.user(created.id)?.status, 'disabled');
      assertProblem(await session.get('/v1/session'), 401, 'unauthorized');
    });

    test('Entra ID: capitalised "Replace" with path filters, and "False" as a string', async () => {
      const created = await create('entra-user');
      const patch = await send('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH],
        Operations: [
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'entra.new@example.com' },
          { op: 'Replace', path: 'name.familyName', value: 'Smith' },
          { op: 'Add', path: 'displayName', value: 'Entra User' },
        ],
      });
      assert.equal(patch.status, 200, JSON.stringify(patch.body));
      assert.equal(patch.body.name.familyName, 'Smith');
      assert.equal(patch.body.displayName, 'Entra User');
      assert.equal(server.store.engine.user(created.id)?.email, 'entra.new@example.com');
      const disable = await send('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      });
      assert.equal(disable.status, 200, JSON.stringify(disable.body));
      assert.equal(server.store.engine.user(created.id)?.status, 'disabled');
    });

    test('groups: create with members, add and remove members by PATCH (path filter), rename, exclude members, delete', async () => {
      const alice = await create('g-alice');
      const bob = await create('g-bob');
      const created = await send('POST', '/Groups', {
        schemas: [GROUP],
        displayName: 'Sales',
        externalId: 'ext-sales',
        members: [{ value: alice.id }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id as string;
      assert.equal(server.store.engine.group(id)?.organization, server.home.id);
      assert.deepEqual(server.store.engine.members(id), [alice.id]);
      const add = await send('PATCH', `/Groups/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Add', path: 'members', value: [{ value: bob.id }] }],
      });
      assert.equal(add.status, 200, JSON.stringify(add.body));
      assert.deepEqual(new Set(server.store.engine.members(id)), new Set([alice.id, bob.id]));
      const remove = await send('PATCH', `/Groups/${id}`, {
        schemas: [PATCH],
        Operations: [
          { op: 'remove', path: `members[value eq "${alice.id}"]` },
          { op: 'replace', value: { id, displayName: 'Sales EMEA' } },
        ],
      });
      assert.equal(remove.status, 200, JSON.stringify(remove.body));
      assert.deepEqual(server.store.engine.members(id), [bob.id]);
      assert.equal(server.store.engine.group(id)?.name, 'Sales EMEA');
      const user = await scim.get(`/Users/${bob.id}`);
      assert.ok(user.body.groups.some((g: { value: string }) => g.value === id));
      const found = await scim.get(
        `/Groups?filter=${encodeURIComponent('displayName eq "sales emea"')}&excludedAttributes=members`,
      );
      assert.equal(found.body.totalResults, 1);
      assert.equal(found.body.Resources[0].members, undefined);
      assertScimError(
        await send('POST', '/Groups', { schemas: [GROUP], displayName: 'Sales EMEA' }),
        409,
        'uniqueness',
      );
      assertScimError(
        await send('PATCH', `/Groups/${id}`, {
          schemas: [PATCH],
          Operations: [{ op: 'add', path: 'members', value: [{ value: randomUUID() }] }],
        }),
        400,
        'invalidValue',
      );
      const deleted = await send('DELETE', `/Groups/${id}`);
      assert.equal(deleted.status, 204);
      assert.equal(server.store.engine.group(id), undefined);
      assertScimError(await scim.get(`/Groups/${id}`), 404);
    });

    test('ETags: a stale If-Match answers 412 and changes nothing; the current one writes', async () => {
      const created = await create('etag-user');
      const first = created.meta.version;
      const renamed = await send('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'displayName', value: 'One' }],
      });
      assert.notEqual(renamed.body.meta.version, first);
      const stale = await send(
        'PATCH',
        `/Users/${created.id}`,
        { schemas: [PATCH], Operations: [{ op: 'replace', path: 'displayName', value: 'Two' }] },
        { 'if-match': first },
      );
      assertScimError(stale, 412);
      assert.equal((await scim.get(`/Users/${created.id}`)).body.displayName, 'One');
      const fresh = await send('PUT', `/Users/${created.id}`, scimUser('etag-user', { displayName: 'Three' }), {
        'if-match': renamed.body.meta.version,
      });
      assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
      assert.equal(fresh.body.displayName, 'Three');
    });

    test('a body that breaks the schema answers 400 and leaves the state as it was', async () => {
      const users = server.store.engine.users().length;
      const revision = server.store.revision;
      assertScimError(await send('POST', '/Users', { schemas: [USER], emails: [] }), 400, 'invalidValue');
      assertScimError(await send('POST', '/Users', { userName: 'no-schemas' }), 400, 'invalidSyntax');
      assertScimError(await send('POST', '/Users', scimUser('bad/name')), 400, 'invalidValue');
      assertScimError(await send('POST', '/Users', scimUser('bad-active', { active: 'maybe' })), 400, 'invalidValue');
      assertScimError(await send('POST', '/Users', '{"schemas": ['), 400);
      const created = await create('patch-target');
      const after = server.store.revision;
      assertScimError(
        await send('PATCH', `/Users/${created.id}`, { schemas: [PATCH], Operations: [{ op: 'move', path: 'x' }] }),
        400,
        'invalidSyntax',
      );
      assertScimError(
        await send('PATCH', `/Users/${created.id}`, { Operations: [{ op: 'replace', value: {} }] }),
        400,
        'invalidSyntax',
      );
      assertScimError(
        await send('PATCH', `/Users/${created.id}`, { schemas: [PATCH], Operations: [{ op: 'remove' }] }),
        400,
        'noTarget',
      );
      assert.equal(server.store.revision, after);
      assert.equal(server.store.engine.users().length, users + 1);
      assert.ok(after > revision);
    });

    test('DELETE /Users removes the user with its sessions; a token sees only its organization', async () => {
      const created = await create('leaver');
      assert.equal((await send('DELETE', `/Users/${created.id}`)).status, 204);
      assert.equal(server.store.engine.user(created.id), undefined);
      assertScimError(await scim.get(`/Users/${created.id}`), 404);
      // A user who is no member of the token's organization is not seen, and so cannot be changed.
      const outsider = {
        id: randomUUID(),
        username: 'outsider',
        store: 'PRIMARY',
        email: null,
        status: 'active',
      } as const;
      await server.write([{ op: 'user.put', user: outsider }]);
      assertScimError(await scim.get(`/Users/${outsider.id}`), 404);
      assertScimError(await send('DELETE', `/Users/${outsider.id}`), 404);
      assert.equal(server.store.engine.user(outsider.id)?.status, 'active');
    });

    test('a token without an organization provisions users only', async () => {
      const created = await server.admin.post('/v1/scim-tokens', { name: 'users-only' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const client = new Client(`${server.url}/scim/v2`, created.body.secret);
      const group = await client.post('/Groups', { schemas: [GROUP], displayName: 'Nope' });
      assertScimError(group, 403);
      const user = await client.post('/Users', scimUser('store-only'));
      assert.equal(user.status, 201, JSON.stringify(user.body));
      assert.deepEqual(user.body.groups, []);
    });

    test('the gate keeps a provisioning token to users and groups: a role write as the token is refused', async () => {
      const token = { kind: 'provisioner', token: tokenId, organization: server.home.id, store: 'PRIMARY' } as const;
      const admin = server.store.engine.user('admin')!;
      await assert.rejects(
        server.store.write([{ op: 'role.put', role: roleRecord({ id: randomUUID(), name: 'Sneaky' }) }], {
          actor: { ...token, creator: admin.id, rootScope: [server.home.id] },
        }),
        (error: Error & { code?: string }) => error.code === 'PROVISIONING_SCOPE',
      );
    });

    test('a revoked token is refused at once', async () => {
      const created = await server.admin.post('/v1/scim-tokens', { name: 'short-lived', organization: server.home.id });
      const client = new Client(`${server.url}/scim/v2`, created.body.secret);
      assert.equal((await client.get('/Users')).status, 200);
      const revoked = await server.admin.delete(`/v1/scim-tokens/${created.body.token.id}`);
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      assert.notEqual(revoked.body.token.revokedAt, null);
      assertScimError(await client.get('/Users'), 401);
      const [entry] = await server.store.audit({ target: `scim-token:${created.body.token.id}` });
      assert.equal(entry?.action, 'scim-token.revoke');
    });
  });
}
