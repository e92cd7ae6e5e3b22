import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, SQLITE_ONLY, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of SQLITE_ONLY) {
  describe(`names everywhere (${kind})`, () => {
    let server: TestServer;
    let acme: string;
    let engineering: string;
    let group: string;
    let carol: { id: string; client: Client };

    before(async () => {
      server = await startTestServer(kind);
      const org = await server.admin.post('/v1/organizations', { name: 'acme' });
      assert.equal(org.status, 201, JSON.stringify(org.body));
      acme = org.body.organization.id;
      const project = await server.admin.post('/v1/organizations/acme/projects', { name: 'engineering' });
      assert.equal(project.status, 201, JSON.stringify(project.body));
      engineering = project.body.project.id;
      const created = await server.admin.post('/v1/organizations/acme/groups', { name: 'Platform Team' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      group = created.body.group.id;
      const user = await server.user('carol');
      carol = { id: user.user.id, client: user.client };
    });
    after(() => server.close());

    test('POST /v1/mappings accepts a group by ORGANIZATION/NAME as well as by id', async () => {
      const byName = await server.admin.post('/v1/mappings', {
        role: 'Developer',
        subject: { kind: 'group', id: 'acme/Platform Team' },
        target: { type: 'project', id: 'acme/engineering' },
      });
      assert.equal(byName.status, 201, JSON.stringify(byName.body));
      assert.equal(byName.body.mapping.subject.id, group);
      const byId = await server.admin.post('/v1/mappings', {
        role: 'Developer',
        subject: { kind: 'group', id: group },
        target: { type: 'organization', id: 'acme' },
      });
      assert.equal(byId.status, 201, JSON.stringify(byId.body));
      assertProblem(
        await server.admin.post('/v1/mappings', {
          role: 'Developer',
          subject: { kind: 'group', id: 'acme/Nobody' },
          target: { type: 'organization', id: 'acme' },
        }),
        404,
        'not-found',
      );
      const listed = await server.admin.get(`/v1/mappings?subject=${encodeURIComponent('group:acme/Platform Team')}`);
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      assert.equal(listed.body.items.length, 2);
    });

    test('POST /v1/invitations accepts a group by ORGANIZATION/NAME', async () => {
      const invited = await server.admin.post('/v1/invitations', {
        email: 'dana@example.com',
        group: 'acme/Platform Team',
      });
      assert.equal(invited.status, 201, JSON.stringify(invited.body));
      assert.equal(invited.body.invitation.group, group);
    });

    test('a group path parameter may be ORGANIZATION/NAME sent with %2F', async () => {
      const read = await server.admin.get(`/v1/groups/${encodeURIComponent('acme/Platform Team')}`);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.equal(read.body.id, group);
    });

    test('a project path in a URL is accepted with a plain "/", sub-resources too', async () => {
      const plain = await server.admin.get('/v1/projects/acme/engineering');
      assert.equal(plain.status, 200, JSON.stringify(plain.body));
      assert.equal(plain.body.id, engineering);
      const encoded = await server.admin.get('/v1/projects/acme%2Fengineering');
      assert.equal(encoded.body.id, engineering);
      const access = await server.admin.get('/v1/projects/acme/engineering/access');
      assert.equal(access.status, 200, JSON.stringify(access.body));
    });

    test('an unknown endpoint under a family whose references hold "/" says to send "%2F"', async () => {
      const response = await server.admin.get('/v1/users/PRIMARY/carol/nothing');
      assertProblem(response, 404, 'route-not-found');
      assert.match(response.body.detail, /%2F/);
      assert.match(response.body.detail, /\/v1\/users\/PRIMARY%2Falice/);
    });

    test('a refusal names the organization as the caller did, by name, never by its id', async () => {
      const refused = await carol.client.post('/v1/mappings', {
        role: 'Developer',
        subject: { kind: 'user', id: 'carol' },
        target: { type: 'organization', id: 'acme' },
      });
      assertProblem(refused, 403, 'forbidden');
      assert.match(refused.body.detail, /at organization "acme"/);
      assert.equal(refused.body.detail.includes(acme), false, refused.body.detail);
      assert.equal(refused.body.target.name, 'acme');
      const atProject = await carol.client.post('/v1/mappings', {
        role: 'Developer',
        subject: { kind: 'user', id: 'carol' },
        target: { type: 'project', id: engineering },
      });
      assertProblem(atProject, 403, 'forbidden');
      assert.match(atProject.body.detail, /at project "acme\/engineering"/);
    });

    test('POST /v1/check and batch checks answer a permission that does not exist with 400 unknown-permission', async () => {
      const question = {
        user: 'carol',
        permission: 'project:edti',
        resource: { type: 'project', id: 'acme/engineering' },
      };
      assertProblem(await server.admin.post('/v1/check', question), 400, 'unknown-permission');
      const batch = await server.admin.post('/v1/check/batch', {
        checks: [{ ...question, permission: 'project:edit' }, question],
      });
      assertProblem(batch, 400, 'unknown-permission');
      assert.match(batch.body.detail, /^checks\[1\]: /);
      const known = await server.admin.post('/v1/check', { ...question, permission: 'project:edit' });
      assert.deepEqual([known.status, known.body.allowed], [200, false]);
    });

    test('a mapping whose role can grant nothing at its level is made with a warning, as a group with no role is', async () => {
      const role = await server.admin.post('/v1/roles', {
        name: 'Org Creator',
        permissions: ['organization:create'],
      });
      assert.equal(role.status, 201, JSON.stringify(role.body));
      // organization:create is grantable at organization level only.
      const atProject = await server.admin.post('/v1/mappings', {
        role: 'Org Creator',
        subject: { kind: 'user', id: 'carol' },
        target: { type: 'project', id: 'acme/engineering' },
      });
      assert.equal(atProject.status, 201, JSON.stringify(atProject.body));
      assert.equal(atProject.body.warnings.length, 1);
      assert.match(atProject.body.warnings[0], /role "Org Creator" can grant nothing at project level/);
      const empty = await server.admin.post('/v1/roles', { name: 'Nothing Yet', permissions: [] });
      assert.equal(empty.status, 201, JSON.stringify(empty.body));
      const emptyMapping = await server.admin.post('/v1/mappings', {
        role: 'Nothing Yet',
        subject: { kind: 'user', id: 'carol' },
        target: { type: 'organization', id: 'acme' },
      });
      assert.match(emptyMapping.body.warnings[0], /role "Nothing Yet" has no permission/);
      const atOrganization = await server.admin.post('/v1/mappings', {
        role: 'Org Creator',
        subject: { kind: 'user', id: 'carol' },
        target: { type: 'organization', id: 'acme' },
      });
      assert.equal(atOrganization.status, 201, JSON.stringify(atOrganization.body));
      assert.deepEqual(atOrganization.body.warnings, []);
      // A group created with such a role is warned about the same way.
      const group = await server.admin.post('/v1/organizations/acme/groups', {
        name: 'Creators',
        roles: [{ role: 'Org Creator', project: 'acme/engineering' }],
      });
      assert.equal(group.status, 201, JSON.stringify(group.body));
      assert.match(group.body.warnings[0], /role "Org Creator" can grant nothing at project level/);
    });
  });
}
