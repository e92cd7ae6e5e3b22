import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestServer, startTestServer } from './harness.js';

describe('list endpoints count from the engine: groups per user, members per group, projects per organization', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer('SQLite');
    const admin = server.admin;
    const acme = await admin.post('/v1/organizations', { name: 'acme' });
    assert.equal(acme.status, 201, JSON.stringify(acme.body));
    for (const name of ['engineering', 'marketing', 'sales'])
      assert.equal((await admin.post('/v1/organizations/acme/projects', { name })).status, 201);
    assert.equal((await admin.post('/v1/organizations', { name: 'empty' })).status, 201);
    for (const name of ['Readers', 'Writers']) {
      const group = await admin.post('/v1/organizations/acme/groups', { name });
      assert.equal(group.status, 201, JSON.stringify(group.body));
    }
    await server.user('alice', { organization: acme.body.organization.id });
    await server.user('bob', { organization: acme.body.organization.id });
    for (const [group, user] of [
      ['Readers', 'alice'],
      ['Writers', 'alice'],
      ['Readers', 'bob'],
    ] as const) {
      const groups = await admin.get(`/v1/organizations/acme/groups?name=${group}`);
      const id = (groups.body.items as { id: string; name: string }[]).find((g) => g.name === group)!.id;
      assert.equal((await admin.put(`/v1/groups/${id}/members/${user}`)).status, 200);
    }
  });
  after(() => server.close());

  test('each listed user carries the number of groups they are in', async () => {
    const users = await server.admin.get('/v1/users?limit=500');
    assert.equal(users.status, 200, JSON.stringify(users.body));
    const groupsOf = (name: string) =>
      (users.body.items as { username: string; groups: number }[]).find((u) => u.username === name)?.groups;
    assert.equal(groupsOf('alice'), 2);
    assert.equal(groupsOf('bob'), 1);
  });

  test('each listed group carries its number of members', async () => {
    const groups = await server.admin.get('/v1/organizations/acme/groups?limit=500');
    assert.equal(groups.status, 200, JSON.stringify(groups.body));
    const members = Object.fromEntries(
      (groups.body.items as { name: string; members: number }[]).map((g) => [g.name, g.members]),
    );
    assert.equal(members.Readers, 2);
    assert.equal(members.Writers, 1);
  });

  test('each listed organization carries its number of projects', async () => {
    const organizations = await server.admin.get('/v1/organizations?limit=500');
    assert.equal(organizations.status, 200, JSON.stringify(organizations.body));
    const projects = Object.fromEntries(
      (organizations.body.items as { name: string; projects: number }[]).map((o) => [o.name, o.projects]),
    );
    assert.equal(projects.acme, 3);
    assert.equal(projects.empty, 0);
  });
});
