import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { roleRecord } from '../../src/core/model.js';
import { type Client, DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`projects and resources API (${kind})`, () => {
    let server: TestServer;
    let developer: Client;
    let outsider: Client;
    let home: string;

    before(async () => {
      server = await startTestServer(kind);
      home = server.home.id;
      developer = (await server.user('dev', { groups: ['Developer'] })).client;
      outsider = (await server.user('outsider')).client;
    });
    after(() => server.close());

    test('the project and resource endpoints are described in the OpenAPI document', async () => {
      const document = (await server.anonymous.get('/openapi.json')).body;
      for (const [path, methods] of [
        ['/v1/organizations/{organization}/projects', ['get', 'post']],
        ['/v1/projects/{project}', ['get', 'patch', 'delete']],
        ['/v1/projects/{project}/access', ['get']],
        ['/v1/resources', ['get', 'post']],
        ['/v1/resources/{resource}', ['get', 'patch', 'delete']],
        ['/v1/audit', ['get']],
      ] as const) {
        for (const method of methods)
          assert.ok(document.paths[path]?.[method] !== undefined, `${method} ${path} is documented`);
      }
      assert.equal(
        document.paths['/v1/projects/{project}'].delete['x-tessera-permission'].permission,
        'project:delete',
      );
    });

    describe('projects', () => {
      let project: { id: string; name: string; organization: string; path: string };

      test('an administrator creates a project in an organization: 201 with the revision', async () => {
        const response = await server.admin.post(`/v1/organizations/${home}/projects`, { name: 'apollo' });
        assert.equal(response.status, 201);
        project = response.body.project;
        assert.equal(project.name, 'apollo');
        assert.equal(project.organization, home);
        assert.equal(project.path, `${server.home.name}/apollo`);
        assert.equal(response.body.revision, server.store.revision);
        const byName = await server.admin.post(`/v1/organizations/${encodeURIComponent(server.home.name)}/projects`, {
          name: 'gemini',
        });
        assert.equal(byName.status, 201);
      });

      test('a project name is unique within its organization', async () => {
        assertProblem(
          await server.admin.post(`/v1/organizations/${home}/projects`, { name: 'apollo' }),
          409,
          'duplicate',
        );
      });

      test('the list holds the projects the caller may view, filtered by name and paged', async () => {
        const all = await developer.get(`/v1/organizations/${home}/projects`);
        assert.equal(all.status, 200);
        assert.deepEqual(
          all.body.items.map((p: { name: string }) => p.name),
          ['apollo', 'gemini'],
        );
        const filtered = await developer.get(`/v1/organizations/${home}/projects?name=APO`);
        assert.deepEqual(
          filtered.body.items.map((p: { name: string }) => p.name),
          ['apollo'],
        );
        const first = await developer.get(`/v1/organizations/${home}/projects?limit=1`);
        assert.equal(first.body.next, 'apollo');
        const second = await developer.get(`/v1/organizations/${home}/projects?limit=1&after=${first.body.next}`);
        assert.deepEqual(
          second.body.items.map((p: { name: string }) => p.name),
          ['gemini'],
        );
        assert.equal(second.body.next, null);
        const none = await outsider.get(`/v1/organizations/${home}/projects`);
        assert.deepEqual(none.body.items, []);
        assertProblem(await developer.get('/v1/organizations/nowhere/projects'), 404, 'not-found');
      });

      test('a project is read by id or by organization/project path', async () => {
        const byId = await developer.get(`/v1/projects/${project.id}`);
        assert.equal(byId.status, 200);
        assert.deepEqual(byId.body, project);
        const byPath = await developer.get(`/v1/projects/${encodeURIComponent(project.path)}`);
        assert.deepEqual(byPath.body, project);
        assertProblem(await outsider.get(`/v1/projects/${project.id}`), 403, 'forbidden');
        assertProblem(await server.admin.get('/v1/projects/no-such-project'), 404, 'not-found');
      });

      test('a Developer edits a project but may neither create nor delete one', async () => {
        const renamed = await developer.patch(`/v1/projects/${project.id}`, { name: 'apollo-11' });
        assert.equal(renamed.status, 200);
        assert.equal(renamed.body.project.name, 'apollo-11');
        assert.equal(renamed.body.revision, server.store.revision);
        assertProblem(
          await developer.post(`/v1/organizations/${home}/projects`, { name: 'mercury' }),
          403,
          'forbidden',
        );
        assertProblem(await developer.delete(`/v1/projects/${project.id}`), 403, 'forbidden');
        assertProblem(await outsider.patch(`/v1/projects/${project.id}`, { name: 'x' }), 403, 'forbidden');
      });

      test('the access page shows the project mappings and the inherited organization-level ones', async () => {
        const engineers = randomUUID();
        const developerRole = server.store.engine.findRole('Developer')!.id;
        await server.write([
          {
            op: 'group.put',
            group: { id: engineers, organization: home, name: 'Engineering', store: 'PRIMARY', description: null },
          },
          {
            op: 'mapping.add',
            mapping: {
              id: randomUUID(),
              role: developerRole,
              subject: { kind: 'group', id: engineers },
              target: { level: 'project', id: project.id },
            },
          },
        ]);
        const response = await developer.get(`/v1/projects/${project.id}/access`);
        assert.equal(response.status, 200);
        assert.equal(response.body.project.id, project.id);
        const own = response.body.mappings.filter((m: { inherited: boolean }) => !m.inherited);
        assert.deepEqual(
          own.map(
            (m: { role: { name: string }; subject: { kind: string; name: string }; level: { level: string } }) => [
              m.role.name,
              m.subject.kind,
              m.subject.name,
              m.level.level,
            ],
          ),
          [['Developer', 'group', 'Engineering', 'project']],
        );
        const inherited = response.body.mappings.filter((m: { inherited: boolean }) => m.inherited);
        assert.ok(
          inherited.some(
            (m: { role: { name: string }; subject: { name: string }; level: { level: string; id: string } }) =>
              m.role.name === 'Admin' &&
              m.subject.name === 'Admin' &&
              m.level.level === 'organization' &&
              m.level.id === home,
          ),
        );
        assert.ok(inherited.every((m: { level: { level: string } }) => m.level.level === 'organization'));
        assert.equal(
          response.body.mappings.findIndex((m: { inherited: boolean }) => !m.inherited),
          inherited.length,
          'inherited mappings come first',
        );
        assert.match(response.body.note, /[Oo]rganization-level grants take precedence/);
        assertProblem(await outsider.get(`/v1/projects/${project.id}/access`), 403, 'forbidden');
        assertProblem(await server.admin.get('/v1/projects/nope/access'), 404, 'not-found');
      });

      test('bad project bodies are refused', async () => {
        const bodies = [
          {},
          { name: 5 },
          { name: '' },
          { name: 'x'.repeat(10_000) },
          { name: 'a/b' },
          { name: 'ok', colour: 'red' },
        ];
        for (const body of bodies)
          assertProblem(await server.admin.post(`/v1/organizations/${home}/projects`, body), 400, 'validation');
        for (const body of [{ name: 7 }, { name: 'x'.repeat(10_000) }, { organization: home }]) {
          assertProblem(await server.admin.patch(`/v1/projects/${project.id}`, body), 400, 'validation');
        }
        assertProblem(await server.admin.post('/v1/organizations/nowhere/projects', { name: 'x' }), 404, 'not-found');
        assertProblem(await server.admin.delete(`/v1/projects/${project.id}?cascade=maybe`), 400, 'validation');
      });

      test('a project holding mappings is deleted only with cascade', async () => {
        const refused = await server.admin.delete(`/v1/projects/${project.id}`);
        assert.equal(refused.status, 409);
        const deleted = await server.admin.delete(`/v1/projects/${project.id}?cascade=true`);
        assert.equal(deleted.status, 200);
        assert.equal(deleted.body.revision, server.store.revision);
        assertProblem(await server.admin.get(`/v1/projects/${project.id}`), 404, 'not-found');
      });
    });

    describe('resources', () => {
      let project: string;
      let viewer: Client;
      let invited: Client;
      let invitedId: string;
      let publicApi: { id: string; private: boolean; path: string };
      let privateApi: { id: string; private: boolean };
      const viewerRole = randomUUID();

      before(async () => {
        project = (await server.admin.post(`/v1/organizations/${home}/projects`, { name: 'orbit' })).body.project.id;
        const viewerUser = await server.user('vera');
        viewer = viewerUser.client;
        const invitedUser = await server.user('ivan');
        invited = invitedUser.client;
        invitedId = invitedUser.user.id;
        await server.write([
          {
            op: 'role.put',
            role: roleRecord({ id: viewerRole, name: 'Resource Viewer', permissions: ['resource:view'] }),
          },
          {
            op: 'mapping.add',
            mapping: {
              id: randomUUID(),
              role: viewerRole,
              subject: { kind: 'user', id: viewerUser.user.id },
              target: { level: 'organization', id: home },
            },
          },
        ]);
      });

      test('a resource is created in a project (its organization implied) or directly in an organization', async () => {
        const inProject = await server.admin.post('/v1/resources', {
          type: 'api',
          name: 'weather',
          project: `${server.home.name}/orbit`,
        });
        assert.equal(inProject.status, 201);
        publicApi = inProject.body.resource;
        assert.deepEqual(
          { ...inProject.body.resource, id: undefined },
          {
            id: undefined,
            type: 'api',
            name: 'weather',
            organization: home,
            project,
            private: false,
            anonymousAccess: false,
            path: `${server.home.name}/orbit/api/weather`,
          },
        );
        assert.equal(inProject.body.revision, server.store.revision);
        const secret = await server.admin.post('/v1/resources', {
          type: 'api',
          name: 'payroll',
          project,
          organization: home,
          private: true,
        });
        assert.equal(secret.status, 201);
        privateApi = secret.body.resource;
        assert.equal(privateApi.private, true);
        const inOrganization = await server.admin.post('/v1/resources', {
          type: 'environment',
          name: 'production',
          organization: server.home.name,
        });
        assert.equal(inOrganization.status, 201);
        assert.equal(inOrganization.body.resource.project, null);
        assertProblem(
          await server.admin.post('/v1/resources', { type: 'api', name: 'weather', project }),
          409,
          'duplicate',
        );
      });

      test('a private resource is hidden from an organization-level viewer and shown to an invited one', async () => {
        const seen = await viewer.get(`/v1/resources?project=${project}`);
        assert.equal(seen.status, 200);
        assert.deepEqual(
          seen.body.items.map((r: { name: string }) => r.name),
          ['weather'],
        );
        assertProblem(await viewer.get(`/v1/resources/${privateApi.id}`), 403, 'forbidden');
        assert.deepEqual((await invited.get('/v1/resources')).body.items, []);
        await server.write([
          {
            op: 'mapping.add',
            mapping: {
              id: randomUUID(),
              role: viewerRole,
              subject: { kind: 'user', id: invitedId },
              target: { level: 'resource', id: privateApi.id },
            },
          },
        ]);
        const invitedSees = await invited.get('/v1/resources');
        assert.deepEqual(
          invitedSees.body.items.map((r: { name: string }) => r.name),
          ['payroll'],
        );
        assert.equal((await invited.get(`/v1/resources/${privateApi.id}`)).status, 200);
        const adminSees = await server.admin.get(`/v1/resources?project=${project}`);
        assert.equal(adminSees.body.items.length, 2, 'resource:view-private shows every private resource');
      });

      test('the list filters by organization, project, type and name, and pages', async () => {
        const byType = await server.admin.get('/v1/resources?type=environment');
        assert.deepEqual(
          byType.body.items.map((r: { name: string }) => r.name),
          ['production'],
        );
        const byName = await server.admin.get(`/v1/resources?organization=${home}&name=WEA`);
        assert.deepEqual(
          byName.body.items.map((r: { name: string }) => r.name),
          ['weather'],
        );
        const first = await server.admin.get('/v1/resources?limit=2');
        assert.equal(first.body.items.length, 2);
        const rest = await server.admin.get(`/v1/resources?limit=2&after=${first.body.next}`);
        assert.equal(rest.body.items.length, 1);
        assert.equal(rest.body.next, null);
        assertProblem(await server.admin.get('/v1/resources?project=nope'), 404, 'not-found');
        assertProblem(await server.admin.get('/v1/resources?type=Not%20A%20Type'), 400, 'validation');
      });

      test('making a resource public shows it to organization-level viewers', async () => {
        const response = await server.admin.patch(`/v1/resources/${privateApi.id}`, {
          private: false,
          name: 'payroll-v2',
        });
        assert.equal(response.status, 200);
        assert.equal(response.body.resource.private, false);
        assert.equal(response.body.resource.name, 'payroll-v2');
        assert.equal((await viewer.get(`/v1/resources/${privateApi.id}`)).status, 200);
      });

      test('managing resources needs resource:manage', async () => {
        assertProblem(await developer.post('/v1/resources', { type: 'api', name: 'x', project }), 403, 'forbidden');
        assertProblem(await viewer.patch(`/v1/resources/${publicApi.id}`, { name: 'y' }), 403, 'forbidden');
        assertProblem(await viewer.delete(`/v1/resources/${publicApi.id}`), 403, 'forbidden');
      });

      test('bad resource bodies are refused', async () => {
        const bodies = [
          {},
          { type: 'api', name: 'x' },
          { type: 'API', name: 'x', project },
          { type: 'api', name: 'x'.repeat(10_000), project },
          { type: 'api', name: 'a/b', project },
          { type: 'api', name: 'x', project, private: 'yes' },
          { type: 'api', name: 'x', project, owner: 'me' },
        ];
        for (const body of bodies) assertProblem(await server.admin.post('/v1/resources', body), 400, 'validation');
        const other = (await server.admin.post('/v1/organizations', { name: 'elsewhere' })).body.organization.id;
        assertProblem(
          await server.admin.post('/v1/resources', { type: 'api', name: 'x', project, organization: other }),
          400,
          'validation',
        );
        assertProblem(
          await server.admin.post('/v1/resources', { type: 'project', name: 'x', project }),
          400,
          'invalid',
        );
        assertProblem(
          await server.admin.post('/v1/resources', { type: 'api', name: 'x', project: 'nope' }),
          404,
          'not-found',
        );
        for (const body of [{ private: 1 }, { name: '' }, { type: 'component' }])
          assertProblem(await server.admin.patch(`/v1/resources/${publicApi.id}`, body), 400, 'validation');
        assertProblem(await server.admin.get('/v1/resources/nope'), 404, 'not-found');
      });

      test('a resource with mappings on it is deleted only with cascade', async () => {
        assert.equal((await server.admin.delete(`/v1/resources/${publicApi.id}`)).status, 200);
        assertProblem(await server.admin.get(`/v1/resources/${publicApi.id}`), 404, 'not-found');
        assert.equal((await server.admin.delete(`/v1/resources/${privateApi.id}`)).status, 409);
        assert.equal((await server.admin.delete(`/v1/resources/${privateApi.id}?cascade=true`)).status, 200);
      });
    });
  });
}
