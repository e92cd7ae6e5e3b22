import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkTargets, createTesseraClient, decisionsOf } from '@tessera/client';
import { startTestServer, type TestServer } from '../server/harness.js';

describe("the typed client's checkTargets", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server.close());

  test('asks POST /v1/check/targets with the bearer token and answers the decisions in order', async () => {
    const tessera = createTesseraClient({ baseUrl: server.url, token: server.admin.token! });
    const { data, error, response } = await checkTargets(tessera, {
      user: 'PRIMARY/admin',
      permission: 'organization:view',
      targets: [
        { type: 'organization', id: server.home.name },
        { type: 'organization', id: 'no-such-organization' },
      ],
    });
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.equal(error, undefined);
    assert.deepEqual(data?.decisions, [{ allowed: true }, { allowed: false }]);
    assert.equal(data?.revision, server.store.revision);
  });

  test('asks the compact form (type and ids) and answers one character per id, as the targets form answers each', async () => {
    const tessera = createTesseraClient({ baseUrl: server.url, token: server.admin.token! });
    const ids = [server.home.name, 'no-such-organization', server.home.id];
    const compact = await checkTargets(tessera, {
      user: 'PRIMARY/admin',
      permission: 'organization:view',
      type: 'organization',
      ids,
    });
    assert.equal(compact.response.status, 200, JSON.stringify(compact.error));
    assert.equal(compact.data?.allowed, '101');
    assert.equal(compact.data?.revision, server.store.revision);
    const objects = await checkTargets(tessera, {
      user: 'PRIMARY/admin',
      permission: 'organization:view',
      targets: ids.map((id) => ({ type: 'organization', id })),
    });
    assert.deepEqual(
      decisionsOf(compact.data!.allowed),
      objects.data?.decisions.map((d) => d.allowed),
    );
    const refused = await checkTargets(tessera, { permission: 'organization:fly', type: 'organization', ids });
    assert.equal(refused.data, undefined);
    assert.equal(refused.error?.type, 'https://tessera.dev/problems/unknown-permission');
  });

  test('answers a refused question as its problem document', async () => {
    const anonymous = createTesseraClient({ baseUrl: server.url, token: 'not-a-token' });
    const { data, error, response } = await checkTargets(anonymous, {
      permission: 'organization:view',
      targets: [{ type: 'organization', id: server.home.name }],
    });
    assert.equal(data, undefined);
    assert.equal(response.status, 401);
    assert.equal(error?.type, 'https://tessera.dev/problems/unauthorized');
  });
});
