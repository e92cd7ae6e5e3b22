import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { CONSOLE_PAGE_KEYS } from '../../src/core/access-summary.js';
import { type Client, type TestServer, assertProblem, startTestServer } from './harness.js';

interface Access {
  user: { id: string; name: string };
  home: { id: string; name: string; permissions: string[] };
  organizations: { id: string; name: string; permissions: string[]; visible: boolean; pages: string[] }[];
  projects: { id: string; path: string; organization: { id: string; name: string }; permissions: string[] }[];
  resources: { id: string; path: string; type: string; permissions: string[] }[];
  roles: {
    role: { name: string };
    target: { level: string; name: string };
    reach: string;
    group: { name: string } | null;
    active: boolean;
    explanation: string;
  }[];
  pages: string[];
}

describe('GET /v1/me/access: what the caller may do, and where', () => {
  let server: TestServer;
  let alice: Client;
  let dora: Client;
  let acme: string;

  before(async () => {
    server = await startTestServer('SQLite');
    const admin = server.admin;
    const organization = await admin.post('/v1/organizations', { name: 'acme' });
    assert.equal(organization.status, 201, JSON.stringify(organization.body));
    acme = organization.body.organization.id;
    for (const name of ['engineering', 'marketing'])
      assert.equal((await admin.post('/v1/organizations/acme/projects', { name })).status, 201);
    // alice: Developer in acme/engineering only, through the Engineering group.
    ({ client: alice } = await server.user('alice', { organization: acme }));
    const group = await admin.post('/v1/organizations/acme/groups', {
      name: 'Engineering',
      roles: [{ role: 'Developer', project: 'acme/engineering' }],
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    assert.equal((await admin.put(`/v1/groups/${group.body.group.id}/members/alice`)).status, 200);
    // dora: Choreo DevOps of the whole acme organization, through its predefined group.
    ({ client: dora } = await server.user('dora', { organization: acme, groups: ['Choreo DevOps'] }));
  });
  after(() => server.close());

  const accessOf = async (client: Client): Promise<Access> => {
    const response = await client.get('/v1/me/access');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body as Access;
  };

  test('a project Developer sees their project, their role explained by name, and only the pages they can use', async () => {
    const access = await accessOf(alice);
    assert.equal(access.user.name, 'PRIMARY/alice');
    assert.deepEqual(
      access.projects.map((p) => p.path),
      ['acme/engineering'],
      'the project they work in, not the other one',
    );
    const engineering = access.projects[0]!;
    assert.ok(engineering.permissions.includes('project:edit'));
    assert.equal(engineering.organization.name, 'acme');
    const developer = access.roles.find((r) => r.role.name === 'Developer');
    assert.ok(developer !== undefined);
    assert.equal(developer.reach, 'group');
    assert.equal(developer.group?.name, 'Engineering');
    assert.equal(developer.target.name, 'acme/engineering');
    assert.equal(developer.active, true);
    assert.match(developer.explanation, /^Developer, through your group Engineering, at project acme\/engineering/);
    assert.doesNotMatch(developer.explanation, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'names, not ids');
    // The organization holding the project is listed (so the console can work in it), though not visible itself.
    const organization = access.organizations.find((o) => o.name === 'acme');
    assert.ok(organization !== undefined);
    assert.equal(organization.visible, false);
    assert.deepEqual(organization.pages, ['my-access', 'project-access', 'resources', 'approvals', 'security']);
    for (const page of [
      'users',
      'groups',
      'roles',
      'role-memberships',
      'scopes',
      'audit-log',
      'outbox',
      'organizations',
    ])
      assert.equal(access.pages.includes(page), false, `${page} is not offered`);
    assert.equal(access.home.permissions.includes('user:view'), false);
  });

  test("each place's permissions are the engine's own answers", async () => {
    for (const client of [alice, dora, server.admin]) {
      const access = await accessOf(client);
      for (const project of access.projects) {
        const checked = await client.post('/v1/permissions-at', {
          user: access.user.id,
          resource: { type: 'project', id: project.id },
        });
        assert.equal(checked.status, 200, JSON.stringify(checked.body));
        assert.deepEqual(
          project.permissions,
          (checked.body.permissions as { key: string }[]).map((p) => p.key),
        );
      }
    }
  });

  test('an organization DevOps member is told the organization-wide role reaches every project', async () => {
    const access = await accessOf(dora);
    const devops = access.roles.find((r) => r.role.name === 'Choreo DevOps');
    assert.ok(devops !== undefined);
    assert.equal(devops.target.level, 'organization');
    assert.match(
      devops.explanation,
      /through your group Choreo DevOps, at organization acme, so it also counts in its projects/,
    );
    assert.equal(access.pages.includes('groups'), false);
    assert.equal(access.pages.includes('organizations'), false);
  });

  test('the super admin is offered every page', async () => {
    const access = await accessOf(server.admin);
    for (const page of ['organizations', 'users', 'user-stores', 'groups', 'roles', 'scopes', 'audit-log', 'outbox'])
      assert.ok(access.pages.includes(page), page);
    const home = access.organizations.find((o) => o.id === server.home.id);
    assert.ok(home?.visible);
    assert.ok(access.organizations.some((o) => o.name === 'acme' && o.pages.includes('groups')));
  });

  test("every page in the console's navigation is one the server decides about (the console offers no other)", () => {
    const navigation = readFileSync(new URL('../../console/src/navigation.ts', import.meta.url), 'utf8');
    const paths = [...navigation.matchAll(/\{ path: '([^']+)'/g)].map((match) => match[1]!);
    assert.ok(paths.length >= 10, 'the navigation lists its pages');
    assert.deepEqual(
      paths.filter((path) => !(CONSOLE_PAGE_KEYS as readonly string[]).includes(path)),
      [],
    );
  });

  test('it needs a signed-in caller: 401 problem+json otherwise', async () => {
    assertProblem(await server.anonymous.get('/v1/me/access'), 401, 'unauthorized');
  });
});

describe('GET /v1/me/access: roles given to everyone (Akana)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite', { preset: 'akana' });
    assert.equal((await server.admin.post('/v1/organizations', { name: 'acme' })).status, 201);
  });
  after(() => server.close());

  test('are explained, but list no organization the user does not otherwise work in', async () => {
    const acme = server.store.engine.organizations().find((o) => o.name === 'acme')!.id;
    const { client } = await server.user('bea', { organization: acme, roles: ['Business Administrator'] });
    const access = (await client.get('/v1/me/access')).body as Access;
    assert.deepEqual(
      access.organizations.map((o) => o.name),
      ['acme'],
    );
    const everyone = access.roles.filter((r) => r.reach === 'everyone');
    assert.ok(everyone.length > 0);
    assert.ok(everyone.every((r) => r.explanation.includes('given to every signed-in user')));
    assert.ok(access.organizations[0]!.pages.includes('roles'));
  });
});
