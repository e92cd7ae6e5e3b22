import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestServer, startTestServer } from './harness.js';

/** Organization membership rows made by applied documents, and removed with the user. */
describe('organization members from documents, cleaned up when a user is deleted', () => {
  let server: TestServer;
  /** The member rows of an organization (read from the database: the admin holds nothing in these organizations). */
  const members = async (organization: string) => {
    const id = server.store.engine.organizations().find((o) => o.name === organization)!.id;
    const found = await server.store.database
      .selectFrom('organization_members')
      .select('user_id')
      .where('organization', '=', id)
      .execute();
    return found.map((row) => server.store.engine.user(row.user_id)!.username).sort();
  };
  const rows = async (userId: string) =>
    (
      await server.store.database
        .selectFrom('organization_members')
        .select('organization')
        .where('user_id', '=', userId)
        .execute()
    ).length;
  const apply = (text: string) =>
    server.admin.request('POST', '/v1/apply', text, { 'content-type': 'application/yaml' });

  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server?.close());

  test('a document that puts users in a group or maps them in an organization makes them its members', async () => {
    const applied = await apply(
      [
        'kind: tessera/document',
        'organizations:',
        '  - { name: acme, projects: [{ name: web }] }',
        '  - { name: globex }',
        'users:',
        '  - { username: ann }',
        '  - { username: ben }',
        '  - { username: cy }',
        'groups:',
        '  - { organization: acme, name: Engineering, members: [ann] }',
        'mappings:',
        '  - { role: Developer, user: ben, project: acme/web }',
        '  - { role: Developer, user: cy, organization: globex }',
        '',
      ].join('\n'),
    );
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.deepEqual(await members('acme'), ['ann', 'ben']);
    assert.deepEqual(await members('globex'), ['cy']);
  });

  test('a document over 64 KB, planned in a worker, makes members too', async () => {
    const users = Array.from({ length: 1500 }, (_, i) => `user-${String(i).padStart(4, '0')}`);
    const text = [
      'kind: tessera/document',
      'organizations:',
      '  - { name: initech }',
      'users:',
      ...users.map((u) => `  - { username: ${u}, email: ${u}@initech.example }`),
      'groups:',
      `  - { organization: initech, name: Staff, members: [${users.join(', ')}] }`,
      '',
    ].join('\n');
    assert.ok(text.length > 64 * 1024, 'large enough for the worker');
    const applied = await apply(text);
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.equal((await members('initech')).length, 1500);
  });

  test('deleting a user removes their organization memberships', async () => {
    const ann = server.store.engine.user('ann')!;
    assert.equal(await rows(ann.id), 1);
    const deleted = await server.admin.request('DELETE', `/v1/users/${ann.id}`);
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    assert.equal(await rows(ann.id), 0);
    assert.deepEqual(await members('acme'), ['ben']);
  });
});
