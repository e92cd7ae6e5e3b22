import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type BatchCheck, checkBatch, compactBatch, createTesseraClient, decisionsOf } from '@tessera/client';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../server/harness.js';

describe("the typed client's checkBatch and compactBatch", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server.close());

  const checks = (): BatchCheck[] => [
    {
      user: 'PRIMARY/admin',
      permission: 'organization:view',
      resource: { type: 'organization', id: server.home.name },
    },
    { permission: 'organization:view', resource: { type: 'organization', id: server.home.name } },
    { user: 'PRIMARY/admin', permission: 'organization:view', resource: { type: 'organization', id: 'nowhere' } },
    { user: 'PRIMARY/admin', permission: 'organization:view', resource: { type: 'organization', id: server.home.id } },
  ];

  test('compactBatch lists each user, permission and resource once and each check as indexes that name it again', () => {
    const user = fc.option(fc.constantFrom('alice', 'bob', 'PRIMARY/carol'), { nil: undefined });
    const check = fc.record({
      user,
      permission: fc.constantFrom('api:view', 'api:edit'),
      resource: fc.record({ type: fc.constantFrom('api', 'project'), id: fc.constantFrom('a', 'b', 'a/b') }),
    });
    fc.assert(
      fc.property(fc.array(check, { maxLength: 30 }), (asked) => {
        const compact = compactBatch(asked.map(({ user, ...rest }) => (user === undefined ? rest : { user, ...rest })));
        assert.equal(compact.triples.length, asked.length);
        assert.equal(new Set(compact.users).size, compact.users.length);
        assert.equal(new Set(compact.permissions).size, compact.permissions.length);
        assert.equal(new Set(compact.resources.map((r) => JSON.stringify(r))).size, compact.resources.length);
        compact.triples.forEach(([u, p, r], i) => {
          assert.equal(compact.users[u], asked[i]!.user ?? null);
          assert.equal(compact.permissions[p], asked[i]!.permission);
          assert.deepEqual(compact.resources[r], { ...asked[i]!.resource });
        });
      }),
    );
    assert.equal(compactBatch([], 7).atLeast, 7);
  });

  test('asks POST /v1/check/batch in either form; the compact answer says what the decisions say, one character each', async () => {
    const tessera = createTesseraClient({ baseUrl: server.url, token: server.admin.token! });
    const objects = await checkBatch(tessera, { checks: checks() });
    assert.equal(objects.response.status, 200, JSON.stringify(objects.error));
    const expected = checks().map((c) =>
      server.store.engine.allowed(c.user, c.permission, c.resource.type, c.resource.id),
    );
    assert.deepEqual(
      objects.data?.decisions.map((d) => d.allowed),
      expected,
    );
    const compact = await checkBatch(tessera, compactBatch(checks()));
    assert.equal(compact.response.status, 200, JSON.stringify(compact.error));
    assert.equal(compact.data?.revision, server.store.revision);
    assert.deepEqual(decisionsOf(compact.data!.allowed), expected);
    assert.equal(compact.data?.allowed, expected.map((a) => (a ? '1' : '0')).join(''));
  });

  test('answers a refused batch as its problem document', async () => {
    const anonymous = createTesseraClient({ baseUrl: server.url, token: 'not-a-token' });
    const { data, error, response } = await checkBatch(anonymous, compactBatch(checks()));
    assert.equal(data, undefined);
    assert.equal(response.status, 401);
    assert.equal(error?.type, 'https://tessera.dev/problems/unauthorized');
  });
});
