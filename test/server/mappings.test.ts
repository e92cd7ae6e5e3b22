import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { roleRecord } from '../../src/core/model.js';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

const long = 'x'.repeat(10_000);

for (const kind of DATABASES) {
  describe(`role mappings API (${kind})`, () => {
    let server: TestServer;
    let child: string;
    before(async () => {
      server = await startTestServer(kind);
      const created = await server.admin.post('/v1/organizations', { name: 'retail', parent: server.home.name });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      child = created.body.organization.id;
    });
    after(() => server.close());

    test('maps a role to a user, a group, everyone and the guest, and lists each with names', async () => {
      const { user } = await server.user('mia');
      const group = server.store.engine.findGroup(child, 'Developer')!;
      const toUser = await server.admin.post('/v1/mappings', {
        role: 'API Subscriber',
        subject: { kind: 'user', id: 'PRIMARY/mia' },
        target: { type: 'organization', id: 'retail' },
      });
      assert.equal(toUser.status, 201, JSON.stringify(toUser.body));
      assert.deepEqual(toUser.body.mapping.subject, { kind: 'user', id: user.id, name: 'PRIMARY/mia' });
      assert.deepEqual(toUser.body.mapping.target, {
        level: 'organization',
        type: 'organization',
        id: child,
        name: 'retail',
      });
      assert.equal(toUser.body.mapping.role.name, 'API Subscriber');
      assert.equal(server.store.engine.allowed(user.id, 'subscription:create', 'organization', child), true);
      const toGroup = await server.admin.post('/v1/mappings', {
        role: 'API Publisher',
        subject: { kind: 'group', id: group.id },
        target: { type: 'organization', id: child },
      });
      assert.equal(toGroup.status, 201);
      assert.equal(toGroup.body.mapping.subject.name, 'Developer');
      assert.equal(
        (
          await server.admin.post('/v1/mappings', {
            role: 'API Subscriber',
            subject: { kind: 'everyone' },
            target: { type: 'organization', id: child },
          })
        ).status,
        201,
      );
      assert.equal(
        (
          await server.admin.post('/v1/mappings', {
            role: 'API Subscriber',
            subject: { kind: 'anonymous' },
            target: { type: 'organization', id: child },
          })
        ).status,
        201,
      );

      const inRetail = await server.admin.get('/v1/mappings?organization=retail&limit=500');
      assert.equal(inRetail.status, 200);
      assert.ok(inRetail.body.items.every((m: { target: { id: string } }) => m.target.id === child));
      const mine = await server.admin.get('/v1/mappings?subject=user:mia');
      assert.deepEqual(
        mine.body.items.map((m: { id: string }) => m.id),
        [toUser.body.mapping.id],
      );
      const byGroup = await server.admin.get(`/v1/mappings?subject=group:${group.id}&role=API%20Publisher`);
      assert.deepEqual(
        byGroup.body.items.map((m: { id: string }) => m.id),
        [toGroup.body.mapping.id],
      );
      const guests = await server.admin.get('/v1/mappings?subject=anonymous');
      assert.equal(guests.body.items.length, 1);
      const atTarget = await server.admin.get(`/v1/mappings?level=organization&target=${child}&role=API%20Subscriber`);
      assert.equal(atTarget.body.items.length, 4, 'with the default API Subscriber group');
      const first = await server.admin.get(`/v1/mappings?target=${child}&limit=2`);
      assert.equal(first.body.items.length, 2);
      const rest = await server.admin.get(`/v1/mappings?target=${child}&limit=500&after=${first.body.next}`);
      assert.ok(rest.body.items.every((m: { id: string }) => m.id > first.body.next));
      assert.equal((await server.admin.get(`/v1/mappings/${toUser.body.mapping.id}`)).body.role.name, 'API Subscriber');

      assert.equal((await server.admin.delete(`/v1/mappings/${toUser.body.mapping.id}`)).status, 200);
      assertProblem(await server.admin.get(`/v1/mappings/${toUser.body.mapping.id}`), 404, 'not-found');
      assertProblem(await server.admin.delete(`/v1/mappings/${toUser.body.mapping.id}`), 404, 'not-found');
    });

    test('maps a role at a project and at a resource', async () => {
      const engine = server.store.engine;
      await server.write([
        { op: 'project.put', project: { id: 'p-shop', name: 'checkout', organization: child } },
        {
          op: 'resource.put',
          resource: {
            id: 'r-pizza',
            type: 'api',
            name: 'pizza',
            organization: child,
            project: 'p-shop',
            private: false,
          },
        },
      ]);
      await server.user('pat');
      const atProject = await server.admin.post('/v1/mappings', {
        role: 'Developer',
        subject: { kind: 'user', id: 'pat' },
        target: { type: 'project', id: 'retail/checkout' },
      });
      assert.equal(atProject.status, 201, JSON.stringify(atProject.body));
      assert.equal(atProject.body.mapping.target.level, 'project');
      assert.equal(atProject.body.mapping.target.id, 'p-shop');
      const atResource = await server.admin.post('/v1/mappings', {
        role: 'API Publisher',
        subject: { kind: 'user', id: 'pat' },
        target: { type: 'api', id: 'r-pizza' },
      });
      assert.equal(atResource.status, 201, JSON.stringify(atResource.body));
      assert.deepEqual(atResource.body.mapping.target, {
        level: 'resource',
        type: 'api',
        id: 'r-pizza',
        name: atResource.body.mapping.target.name,
      });
      assert.equal(engine.allowed(engine.user('pat')!.id, 'api:publish', 'api', 'r-pizza'), true);
      const resources = await server.admin.get('/v1/mappings?level=resource');
      assert.deepEqual(
        resources.body.items.map((m: { id: string }) => m.id),
        [atResource.body.mapping.id],
      );
      assertProblem(
        await server.admin.post('/v1/mappings', {
          role: 'API Publisher',
          subject: { kind: 'user', id: 'pat' },
          target: { type: 'api', id: 'r-pizza' },
        }),
        409,
        'duplicate',
      );
    });

    test('a Developer may not create or remove mappings', async () => {
      const { client } = await server.user('dev', { groups: ['Developer'] });
      const refused = await client.post('/v1/mappings', {
        role: 'Developer',
        subject: { kind: 'user', id: 'dev' },
        target: { type: 'organization', id: server.home.id },
      });
      assertProblem(refused, 403, 'forbidden');
      const someMapping = server.store.engine.mappings()[0]!;
      assertProblem(await client.delete(`/v1/mappings/${someMapping.id}`), 403, 'forbidden');
      assertProblem(await client.get('/v1/mappings'), 403, 'forbidden');
    });

    test('an admin of a child organization without role:escalate cannot map a role carrying permissions he lacks', async () => {
      const limitedAdmin = roleRecord({
        id: 'role-retail-admin',
        name: 'Retail Admin',
        organization: child,
        permissions: ['role:view', 'role:assign', 'group:manage', 'api', 'project'],
      });
      const { user, client } = await server.user('rita');
      await server.write([
        { op: 'role.put', role: limitedAdmin },
        {
          op: 'mapping.add',
          mapping: {
            id: 'm-rita',
            role: limitedAdmin.id,
            subject: { kind: 'user', id: user.id },
            target: { level: 'organization', id: child },
          },
        },
      ]);
      const allowed = await client.post('/v1/mappings', {
        role: 'API Publisher',
        subject: { kind: 'user', id: 'mia' },
        target: { type: 'organization', id: child },
      });
      assert.equal(allowed.status, 201, JSON.stringify(allowed.body));
      const refused = await client.post('/v1/mappings', {
        role: 'Billing Admin',
        subject: { kind: 'user', id: 'mia' },
        target: { type: 'organization', id: child },
      });
      assertProblem(refused, 403, 'privilege-escalation');
      assert.ok(refused.body.details.missing.includes('billing:invoice:manage'));
      // Not at the parent either: his role is held in the child only.
      assertProblem(
        await client.post('/v1/mappings', {
          role: 'API Publisher',
          subject: { kind: 'user', id: 'mia' },
          target: { type: 'organization', id: server.home.id },
        }),
        403,
        'forbidden',
      );
    });

    test('a deprecated role or an infrastructure role cannot be newly mapped', async () => {
      const deprecated = await server.admin.post('/v1/mappings', {
        role: 'Environment Manager',
        subject: { kind: 'user', id: 'mia' },
        target: { type: 'organization', id: child },
      });
      assertProblem(deprecated, 422, 'role-deprecated');
      await server.write([
        { op: 'role.put', role: roleRecord({ id: 'role-infra', name: 'Gateway', assignable: false }) },
      ]);
      assertProblem(
        await server.admin.post('/v1/mappings', {
          role: 'Gateway',
          subject: { kind: 'everyone' },
          target: { type: 'organization', id: child },
        }),
        422,
        'role-not-assignable',
      );
    });

    test("removing the last admin's mapping is refused", async () => {
      const engine = server.store.engine;
      const adminGroup = engine.findGroup(server.home.id, 'Admin')!;
      const list = await server.admin.get(
        `/v1/mappings?subject=group:${adminGroup.id}&role=Admin&organization=${server.home.id}`,
      );
      assert.equal(list.body.items.length, 1);
      const refused = await server.admin.delete(`/v1/mappings/${list.body.items[0].id}`);
      assertProblem(refused, 409, 'last-admin');
      assert.ok(engine.mapping(list.body.items[0].id), 'the mapping is kept');
    });

    test('refuses bad mapping bodies and queries', async () => {
      const target = { type: 'organization', id: child };
      const post = (body: unknown) => server.admin.post('/v1/mappings', body);
      assertProblem(await post({}), 400, 'validation');
      assertProblem(await post({ role: 'Developer', subject: { kind: 'user' }, target }), 400, 'validation');
      assertProblem(await post({ role: 'Developer', subject: { kind: 'robot', id: 'x' }, target }), 400, 'validation');
      assertProblem(
        await post({ role: 'Developer', subject: { kind: 'everyone', id: 'x' }, target }),
        400,
        'validation',
      );
      assertProblem(await post({ role: 42, subject: { kind: 'everyone' }, target }), 400, 'validation');
      assertProblem(await post({ role: long, subject: { kind: 'everyone' }, target }), 400, 'validation');
      assertProblem(
        await post({ role: 'Developer', subject: { kind: 'everyone' }, target, note: 'x' }),
        400,
        'validation',
      );
      assertProblem(
        await post({ role: 'Developer', subject: { kind: 'everyone' }, target: { type: 'organization' } }),
        400,
        'validation',
      );
      assertProblem(await post({ role: 'Nope', subject: { kind: 'everyone' }, target }), 404, 'not-found');
      assertProblem(
        await post({ role: 'Developer', subject: { kind: 'user', id: 'ghost' }, target }),
        404,
        'not-found',
      );
      assertProblem(
        await post({ role: 'Developer', subject: { kind: 'group', id: 'ghost' }, target }),
        404,
        'not-found',
      );
      assertProblem(
        await post({
          role: 'Developer',
          subject: { kind: 'everyone' },
          target: { type: 'organization', id: 'nowhere' },
        }),
        404,
        'not-found',
      );
      assertProblem(
        await post({ role: 'Developer', subject: { kind: 'everyone' }, target: { type: 'api', id: 'nothing' } }),
        404,
        'not-found',
      );
      assertProblem(await server.admin.get('/v1/mappings?subject=robot:1'), 400, 'validation');
      assertProblem(await server.admin.get('/v1/mappings?level=planet'), 400, 'validation');
      assertProblem(await server.admin.get('/v1/mappings?subject=user:ghost'), 404, 'not-found');
      assertProblem(await server.admin.get('/v1/mappings?role=Nope'), 404, 'not-found');
      assertProblem(
        await server.anonymous.post('/v1/mappings', { role: 'Developer', subject: { kind: 'everyone' }, target }),
        401,
        'unauthorized',
      );
    });
  });
}

for (const kind of DATABASES) {
  describe(`role mappings in one change (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    test('POST /v1/mappings/batch adds and removes mappings at one revision, or changes nothing', async () => {
      const { user: ann } = await server.user('batch-ann');
      const { user: ben } = await server.user('batch-ben');
      const organization = { type: 'organization', id: server.home.id };
      const first = await server.admin.post('/v1/mappings', {
        role: 'Developer',
        subject: { kind: 'user', id: ann.id },
        target: organization,
      });
      assert.equal(first.status, 201);
      const before = server.store.revision;
      const batch = await server.admin.post('/v1/mappings/batch', {
        add: [{ role: 'Developer', subject: { kind: 'user', id: ben.id }, target: organization }],
        remove: [first.body.mapping.id],
      });
      assert.equal(batch.status, 200, JSON.stringify(batch.body));
      assert.equal(batch.body.revision, before + 1, 'one revision for the whole change');
      assert.equal(server.store.engine.allowed(ben.id, 'project:edit', 'organization', server.home.id), true);
      assert.equal(server.store.engine.allowed(ann.id, 'project:edit', 'organization', server.home.id), false);

      const refused = await server.admin.post('/v1/mappings/batch', {
        add: [
          { role: 'Developer', subject: { kind: 'user', id: ann.id }, target: organization },
          { role: 'Environment Manager', subject: { kind: 'user', id: ann.id }, target: organization },
        ],
      });
      assertProblem(refused, 422, 'role-deprecated');
      assert.match(refused.body.detail, /^add\[1\]: /);
      assert.equal(
        server.store.engine.allowed(ann.id, 'project:edit', 'organization', server.home.id),
        false,
        'nothing of a refused batch is written',
      );
      assertProblem(await server.admin.post('/v1/mappings/batch', { remove: ['no-such-mapping'] }), 404, 'not-found');
      assertProblem(await server.admin.post('/v1/mappings/batch', { add: 'x' }), 400, 'validation');
    });

    test('a batch needs role:assign at every target it touches', async () => {
      const { client, user } = await server.user('batch-dev', { groups: ['Developer'] });
      const response = await client.post('/v1/mappings/batch', {
        add: [
          {
            role: 'Developer',
            subject: { kind: 'user', id: user.id },
            target: { type: 'organization', id: server.home.id },
          },
        ],
      });
      assertProblem(response, 403, 'forbidden');
      assert.match(response.body.detail, /^add\[0\]: /);
    });
  });
}
