import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, type Response, type TestServer, startTestServer } from './harness.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

interface BulkOutcome {
  method: string;
  bulkId?: string;
  location?: string;
  version?: string;
  status: string;
  response?: { schemas: string[]; status: string; scimType?: string; detail: string };
}

describe('SCIM /Bulk (RFC 7644 §3.7)', () => {
  let server: TestServer;
  let scim: Client;
  before(async () => {
    server = await startTestServer('SQLite', { bodyLimit: 64 * 1024 });
    const created = await server.admin.post('/v1/scim-tokens', { name: 'okta', organization: server.home.name });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    scim = new Client(`${server.url}/scim/v2`, created.body.secret);
  });
  after(() => server.close());

  /** A bulk answer, or (for a request refused whole) a SCIM error body. */
  const bulk = async (
    body: unknown,
  ): Promise<Response<{ schemas: string[]; Operations: BulkOutcome[]; detail?: string; scimType?: string }>> =>
    scim.request('POST', '/Bulk', body, { 'content-type': 'application/scim+json' });
  const user = (userName: string) => ({
    schemas: [USER],
    userName,
    emails: [{ value: `${userName}@example.com`, primary: true }],
  });
  const userNamed = (name: string) => server.store.engine.users().find((u) => u.username === name);
  const groupNamed = (name: string) => server.store.engine.groups().find((g) => g.name === name);

  test('ServiceProviderConfig advertises bulk with its limits', async () => {
    const config = await scim.get('/ServiceProviderConfig');
    assert.equal(config.status, 200);
    assert.deepEqual(config.body.bulk, { supported: true, maxOperations: 1000, maxPayloadSize: 64 * 1024 });
  });

  test('a bulkId created by one operation is referenced by later ones (§3.7.2); each answers status and location', async () => {
    const answered = await bulk({
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'qwerty', data: user('alice-bulk') },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'ytrewq',
          data: { schemas: [GROUP], displayName: 'Tour Guides', members: [{ type: 'User', value: 'bulkId:qwerty' }] },
        },
        {
          method: 'PATCH',
          path: '/Users/bulkId:qwerty',
          data: { schemas: [PATCH], Operations: [{ op: 'replace', path: 'displayName', value: 'Alice B.' }] },
        },
      ],
    });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.match(answered.contentType, /^application\/scim\+json/);
    assert.deepEqual(answered.body.schemas, [BULK_RESPONSE]);
    const [created, group, patched] = answered.body.Operations;
    const alice = userNamed('alice-bulk')!;
    const guides = groupNamed('Tour Guides')!;
    assert.ok(alice && guides);
    assert.deepEqual(
      { method: created!.method, bulkId: created!.bulkId, status: created!.status, location: created!.location },
      { method: 'POST', bulkId: 'qwerty', status: '201', location: `${server.url}/scim/v2/Users/${alice.id}` },
    );
    assert.match(created!.version ?? '', /^W\/"/);
    assert.equal(group!.status, '201');
    assert.equal(group!.location, `${server.url}/scim/v2/Groups/${guides.id}`);
    assert.deepEqual(server.store.engine.members(guides.id), [alice.id]);
    assert.equal(patched!.status, '200');
    assert.equal(patched!.location, `${server.url}/scim/v2/Users/${alice.id}`);
    assert.equal((await scim.get(`/Users/${alice.id}`)).body.displayName, 'Alice B.');
    // Each operation is the single-resource request: audited as the token's, one entry each.
    const audited = await server.store.audit({ target: `user:${alice.id}` });
    assert.deepEqual(audited.map((e) => e.action).sort(), ['scim.user.create', 'scim.user.update']);
  });

  test('an operation may name a bulkId created later in the request: it waits for it', async () => {
    const answered = await bulk({
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'later-group',
          data: { schemas: [GROUP], displayName: 'Forward', members: [{ value: 'bulkId:later-user' }] },
        },
        { method: 'POST', path: '/Users', bulkId: 'later-user', data: user('bruno-bulk') },
      ],
    });
    assert.equal(answered.status, 200);
    assert.deepEqual(
      answered.body.Operations.map((o) => [o.bulkId, o.status]),
      [
        ['later-group', '201'],
        ['later-user', '201'],
      ],
    );
    assert.deepEqual(server.store.engine.members(groupNamed('Forward')!.id), [userNamed('bruno-bulk')!.id]);
  });

  test('a circular bulkId reference (§3.7.1) fails those operations with 409 and creates nothing of them', async () => {
    const answered = await bulk({
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'a',
          data: { schemas: [GROUP], displayName: 'Circle A', members: [{ value: 'bulkId:b' }] },
        },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'b',
          data: { schemas: [GROUP], displayName: 'Circle B', members: [{ value: 'bulkId:a' }] },
        },
        { method: 'POST', path: '/Users', bulkId: 'c', data: user('carla-bulk') },
      ],
    });
    assert.equal(answered.status, 200);
    const [a, b, c] = answered.body.Operations;
    for (const failed of [a!, b!]) {
      assert.equal(failed.status, '409');
      assert.deepEqual(failed.response?.schemas, [ERROR]);
      assert.equal(failed.response?.scimType, 'invalidValue');
      assert.match(failed.response?.detail ?? '', /circular bulkId reference/);
    }
    assert.equal(c!.status, '201', 'the operation outside the circle is made');
    assert.equal(groupNamed('Circle A'), undefined);
    assert.equal(groupNamed('Circle B'), undefined);
  });

  test('a bulkId whose POST failed fails the operations naming it with 409', async () => {
    const answered = await bulk({
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'bad', data: { schemas: [USER], userName: 'has/slash' } },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g',
          data: { schemas: [GROUP], displayName: 'Orphans', members: [{ value: 'bulkId:bad' }] },
        },
      ],
    });
    const [bad, orphans] = answered.body.Operations;
    assert.equal(bad!.status, '400');
    assert.equal(bad!.response?.scimType, 'invalidValue');
    assert.equal(bad!.location, undefined, 'a failed POST has no location');
    assert.equal(orphans!.status, '409');
    assert.match(orphans!.response?.detail ?? '', /bulkId "bad" names a resource whose operation failed/);
  });

  test('failOnErrors stops after that many errors (§3.7.3): later operations are neither made nor answered', async () => {
    const answered = await bulk({
      schemas: [BULK_REQUEST],
      failOnErrors: 2,
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'ok1', data: user('dora-bulk') },
        { method: 'POST', path: '/Users', bulkId: 'dup', data: user('dora-bulk') },
        { method: 'DELETE', path: '/Users/no-such-user' },
        { method: 'POST', path: '/Users', bulkId: 'never', data: user('erik-bulk') },
      ],
    });
    assert.equal(answered.status, 200);
    assert.deepEqual(
      answered.body.Operations.map((o) => [o.method, o.status, o.response?.scimType ?? null]),
      [
        ['POST', '201', null],
        ['POST', '409', 'uniqueness'],
        ['DELETE', '404', null],
      ],
    );
    assert.equal(userNamed('erik-bulk'), undefined);
    // Without failOnErrors every operation is tried.
    const all = await bulk({
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'dup2', data: user('dora-bulk') },
        { method: 'POST', path: '/Users', bulkId: 'erik', data: user('erik-bulk') },
      ],
    });
    assert.deepEqual(
      all.body.Operations.map((o) => o.status),
      ['409', '201'],
    );
  });

  test('PUT and DELETE carry version as If-Match; a stale one fails with 412 and changes nothing', async () => {
    const erik = userNamed('erik-bulk')!;
    const current = await scim.get(`/Users/${erik.id}`);
    const answered = await bulk({
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'PUT',
          path: `/Users/${erik.id}`,
          version: 'W/"1-999"',
          data: { ...user('erik-bulk'), active: false },
        },
        { method: 'DELETE', path: `/Users/${erik.id}`, version: current.body.meta.version },
      ],
    });
    assert.deepEqual(
      answered.body.Operations.map((o) => [o.method, o.status]),
      [
        ['PUT', '412'],
        ['DELETE', '204'],
      ],
    );
    assert.equal(answered.body.Operations[1]!.location, `${server.url}/scim/v2/Users/${erik.id}`);
    assert.equal(userNamed('erik-bulk'), undefined);
  });

  test('the gate judges each operation as for a single request: a token without an organization gets 403 for groups', async () => {
    const created = await server.admin.post('/v1/scim-tokens', { name: 'users-only' });
    const usersOnly = new Client(`${server.url}/scim/v2`, created.body.secret);
    const answered = await usersOnly.request(
      'POST',
      '/Bulk',
      {
        schemas: [BULK_REQUEST],
        Operations: [{ method: 'POST', path: '/Groups', bulkId: 'x', data: { schemas: [GROUP], displayName: 'Nope' } }],
      },
      { 'content-type': 'application/scim+json' },
    );
    assert.equal(answered.body.Operations[0].status, '403');
    assert.equal(groupNamed('Nope'), undefined);
  });

  test('more operations than maxOperations, or a body over maxPayloadSize, is 413 with a SCIM error', async () => {
    const many = await bulk({
      schemas: [BULK_REQUEST],
      Operations: Array.from({ length: 1001 }, (_, i) => ({ method: 'DELETE', path: `/Users/u${i}` })),
    });
    assert.equal(many.status, 413, JSON.stringify(many.body));
    assert.deepEqual(many.body.schemas, [ERROR]);
    assert.match(JSON.stringify(many.body), /maxOperations \(1000\)/);
    const large = await bulk({
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'big', data: { ...user('big-bulk'), title: 'x'.repeat(70_000) } },
      ],
    });
    assert.equal(large.status, 413, JSON.stringify(large.body));
    assert.match(large.contentType, /^application\/scim\+json/);
    assert.deepEqual(large.body.schemas, [ERROR]);
    assert.match(large.body.detail ?? '', /maxPayloadSize \(65536 bytes\)/);
    assert.equal(userNamed('big-bulk'), undefined);
  });

  test('a malformed bulk request is refused whole with 400', async () => {
    const noSchema = await bulk({ Operations: [{ method: 'DELETE', path: '/Users/x' }] });
    assert.equal(noSchema.status, 400);
    assert.equal(noSchema.body.scimType, 'invalidSyntax');
    const noBulkId = await bulk({
      schemas: [BULK_REQUEST],
      Operations: [{ method: 'POST', path: '/Users', data: user('no-bulk-id') }],
    });
    assert.equal(noBulkId.status, 400);
    assert.equal(userNamed('no-bulk-id'), undefined);
    const badPath = await bulk({
      schemas: [BULK_REQUEST],
      Operations: [{ method: 'DELETE', path: '/Applications/x' }],
    });
    assert.equal(badPath.status, 400);
    assert.equal(badPath.body.scimType, 'invalidPath');
  });
});
