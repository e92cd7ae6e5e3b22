import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestServer, assertProblem, startTestServer } from './harness.js';

/**
 * Akana (seed 004): "Roles added at the root organization level are available for all
 * organizations; you can also add one or more roles for a specific organization, and they are
 * available only for that organization." A role of one organization is available in that
 * organization and every organization below it, and nowhere else; refusals name the organization
 * that defines the role.
 */
describe('roles added at the root organization level are available for all organizations (Akana)', () => {
  let server: TestServer;
  let root: string;

  before(async () => {
    server = await startTestServer('SQLite', { preset: 'akana' });
    root = server.home.name;
    for (const body of [
      { name: 'business-a', parent: root },
      { name: 'business-b', parent: root },
      { name: 'team-a1', parent: 'business-a' },
    ]) {
      const created = await server.admin.post('/v1/organizations', body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    for (const body of [
      { name: 'Partner Manager', organization: root, permissions: ['api:view'] },
      { name: 'A Reviewer', organization: 'business-a', permissions: ['api:view'] },
    ]) {
      const created = await server.admin.post('/v1/roles', body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    const user = await server.admin.post('/v1/users', { username: 'carol', email: 'carol@example.com' });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    const api = await server.admin.post('/v1/resources', { type: 'api', name: 'orders', organization: 'business-b' });
    assert.equal(api.status, 201, JSON.stringify(api.body));
  });
  after(() => server.close());

  const mapAt = (role: string, organization: string) =>
    server.admin.post('/v1/mappings', {
      role,
      subject: { kind: 'user', id: 'carol' },
      target: { type: 'organization', id: organization },
    });

  test('a role created in the root organization is mapped by name in a business organization and below it', async () => {
    for (const organization of ['business-a', 'business-b', 'team-a1']) {
      const mapped = await mapAt('Partner Manager', organization);
      assert.equal(mapped.status, 201, `${organization}: ${JSON.stringify(mapped.body)}`);
    }
    const check = await server.admin.post('/v1/check', {
      user: 'carol',
      permission: 'api:view',
      resource: { type: 'organization', id: 'team-a1' },
    });
    assert.equal(check.body.allowed, true);
  });

  test('a role added for a specific organization is available only there and below: a sibling or the root is refused, naming the defining organization', async () => {
    assert.equal((await mapAt('A Reviewer', 'team-a1')).status, 201);
    for (const organization of ['business-b', root]) {
      const refused = await mapAt('A Reviewer', organization);
      assertProblem(refused, 422, 'role-not-usable-here');
      assert.match(refused.body.detail, /defined in organization "business-a"/);
    }
    const role = (await server.admin.get('/v1/roles/A%20Reviewer?organization=business-a')).body;
    const byId = await mapAt(role.id, 'business-b');
    assertProblem(byId, 422, 'role-not-usable-here');
    assert.match(byId.body.detail, /defined in organization "business-a"/);
  });

  test('the roles listed as usable in an organization are the root roles and those of the organization and its ancestors', async () => {
    const names = async (organization: string) =>
      (await server.admin.get(`/v1/roles?organization=${organization}&limit=200`)).body.items.map(
        (r: { name: string }) => r.name,
      );
    const teamA1 = await names('team-a1');
    assert.ok(teamA1.includes('Partner Manager') && teamA1.includes('A Reviewer') && teamA1.includes('API Owner'));
    const businessB = await names('business-b');
    assert.ok(businessB.includes('Partner Manager'));
    assert.ok(!businessB.includes('A Reviewer'));
  });

  test('a role name cannot be reused below the organization that defines it', async () => {
    const clash = await server.admin.post('/v1/roles', { name: 'Partner Manager', organization: 'business-a' });
    assertProblem(clash, 409, 'duplicate');
  });

  test('through a document: the root-organization role applies in a business organization; a sibling role is a 400 naming its organization', async () => {
    const applied = await server.admin.post('/v1/apply', {
      mappings: [{ role: 'Partner Manager', user: 'carol', organization: 'business-b' }],
    });
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    const refused = await server.admin.post('/v1/apply', {
      mappings: [{ role: 'A Reviewer', user: 'carol', organization: 'business-b' }],
    });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.match(JSON.stringify(refused.body), /defined in organization \\"business-a\\"/);
  });

  test('a group of a business organization is created with a root-organization role; a sibling role is refused', async () => {
    const created = await server.admin.post('/v1/organizations/team-a1/groups', {
      name: 'Partners',
      roles: [{ role: 'Partner Manager' }, { role: 'A Reviewer' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const refused = await server.admin.post('/v1/organizations/business-b/groups', {
      name: 'Reviewers',
      roles: [{ role: 'A Reviewer' }],
    });
    assertProblem(refused, 422, 'role-not-usable-here');
    assert.match(refused.body.detail, /"business-a"/);
  });

  test('an invitation to an API of a business organization offers a root-organization role, not a sibling one', async () => {
    const invited = await server.admin.post('/v1/invitations', {
      email: 'dave@example.com',
      role: 'Partner Manager',
      resource: { type: 'api', id: 'business-b/api/orders' },
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const refused = await server.admin.post('/v1/invitations', {
      email: 'erin@example.com',
      role: 'A Reviewer',
      resource: { type: 'api', id: 'business-b/api/orders' },
    });
    assertProblem(refused, 422, 'role-not-usable-here');
    assert.match(refused.body.detail, /"business-a"/);
  });
});
