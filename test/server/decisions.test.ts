import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { roleRecord } from '../../src/core/model.js';
import { type Client, SQLITE_ONLY, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of SQLITE_ONLY) {
  describe(`decisions API (${kind})`, () => {
    let server: TestServer;
    let developer: { id: string; client: Client };
    let outsider: { id: string; client: Client };
    const project = randomUUID();
    const otherProject = randomUUID();
    const api = randomUUID();
    const guestRole = randomUUID();

    before(async () => {
      server = await startTestServer(kind);
      const home = server.home.id;
      await server.write([
        { op: 'project.put', project: { id: project, name: 'engineering', organization: home } },
        { op: 'project.put', project: { id: otherProject, name: 'marketing', organization: home } },
        {
          op: 'resource.put',
          resource: { id: api, type: 'api', name: 'pizza-shack', organization: home, project, private: false },
        },
        { op: 'role.put', role: roleRecord({ id: guestRole, name: 'Guest Reader', permissions: ['api:discover'] }) },
        {
          op: 'mapping.add',
          mapping: {
            id: randomUUID(),
            role: guestRole,
            subject: { kind: 'anonymous' },
            target: { level: 'resource', id: api },
          },
        },
      ]);
      const dev = await server.user('dora', { groups: ['Developer'] });
      developer = { id: dev.user.id, client: dev.client };
      const out = await server.user('oscar');
      outsider = { id: out.user.id, client: out.client };
    });
    after(() => server.close());

    const check = (body: unknown, client?: Client) => (client ?? server.admin).post('/v1/check', body);

    test('POST /v1/check allows what a role mapping grants, answering the revision', async () => {
      const response = await check({
        user: developer.id,
        permission: 'project:view',
        resource: { type: 'project', id: project },
      });
      assert.equal(response.status, 200);
      assert.deepEqual(Object.keys(response.body).sort(), ['allowed', 'revision']);
      assert.equal(response.body.allowed, true);
      assert.equal(response.body.revision, server.store.revision);
    });

    test('a user may be named by domain-qualified username and a project by its path', async () => {
      const response = await check({
        user: 'PRIMARY/dora',
        permission: 'project:edit',
        resource: { type: 'project', id: `${server.home.name}/engineering` },
      });
      assert.equal(response.status, 200);
      assert.equal(response.body.allowed, true);
    });

    test('a denied check explains, on request, what was missing', async () => {
      const plain = await check({
        user: developer.id,
        permission: 'project:delete',
        resource: { type: 'project', id: project },
      });
      assert.deepEqual(plain.body, { allowed: false, revision: server.store.revision });
      const explained = await check({
        user: developer.id,
        permission: 'project:delete',
        resource: { type: 'project', id: project },
        explain: true,
      });
      assert.equal(explained.status, 200);
      assert.equal(explained.body.allowed, false);
      assert.equal(explained.body.explanation.grant, null);
      assert.equal(explained.body.explanation.denial.code, 'NO_GRANT');
      assert.equal(typeof explained.body.explanation.denial.reason, 'string');
    });

    test('an allowed check explains the mapping, its group and the permission-tree node', async () => {
      const response = await check({
        user: developer.id,
        permission: 'project:view',
        resource: { type: 'project', id: project },
        explain: true,
      });
      assert.equal(response.body.allowed, true);
      const grant = response.body.explanation.grant;
      assert.equal(grant.role.name, 'Developer');
      assert.equal(grant.group.name, 'Developer');
      assert.equal(grant.target.level, 'organization');
      assert.equal(grant.node, 'project:view');
    });

    test('omitting the user asks about an anonymous guest', async () => {
      const allowed = await check({ permission: 'api:discover', resource: { type: 'api', id: api } });
      assert.deepEqual(allowed.body, { allowed: true, revision: server.store.revision });
      const denied = await check({ permission: 'api:publish', resource: { type: 'api', id: api } });
      assert.equal(denied.body.allowed, false);
      const elsewhere = await check({ permission: 'project:view', resource: { type: 'project', id: project } });
      assert.equal(elsewhere.body.allowed, false);
    });

    test('an unknown user or target is denied, not an error, and the explanation says which', async () => {
      const user = await check({
        user: 'PRIMARY/nobody',
        permission: 'project:view',
        resource: { type: 'project', id: project },
        explain: true,
      });
      assert.equal(user.status, 200);
      assert.equal(user.body.allowed, false);
      assert.equal(user.body.explanation.denial.code, 'UNKNOWN_USER');
      const target = await check({
        user: developer.id,
        permission: 'project:view',
        resource: { type: 'project', id: 'nowhere' },
      });
      assert.deepEqual(target.body, { allowed: false, revision: server.store.revision });
    });

    test('a permission that does not exist is a 400 problem, not a denial, for single, batch and explained checks', async () => {
      const question = { user: developer.id, permission: 'no:such', resource: { type: 'project', id: project } };
      const single = await check(question);
      assertProblem(single, 400, 'unknown-permission');
      assert.match(single.body.detail, /no:such/);
      assertProblem(await check({ ...question, explain: true }), 400, 'unknown-permission');
      const known = { ...question, permission: 'project:view' };
      const batch = await server.admin.post('/v1/check/batch', { checks: [known, question] });
      assertProblem(batch, 400, 'unknown-permission');
      assert.match(batch.body.detail, /checks\[1\]/);
      assertProblem(await server.admin.post('/v1/explain', question), 400, 'unknown-permission');
    });

    test('atLeast at the current revision answers at once', async () => {
      const response = await check({
        user: developer.id,
        permission: 'project:view',
        resource: { type: 'project', id: project },
        atLeast: server.store.revision,
      });
      assert.equal(response.status, 200);
      assert.equal(response.body.allowed, true);
    });

    test('atLeast beyond every write waits (bounded by Prefer: wait) and answers 503 revision-timeout', async () => {
      const started = Date.now();
      const response = await server.admin.request(
        'POST',
        '/v1/check',
        {
          user: developer.id,
          permission: 'project:view',
          resource: { type: 'project', id: project },
          atLeast: server.store.revision + 1000,
        },
        { prefer: 'wait=0.1' },
      );
      assertProblem(response, 503, 'revision-timeout');
      assert.ok(Date.now() - started < 1500, 'the wait is bounded by the Prefer header');
    });

    test('a caller may ask about itself without decision:check', async () => {
      const byId = await check(
        { user: developer.id, permission: 'project:view', resource: { type: 'project', id: project } },
        developer.client,
      );
      assert.equal(byId.body.allowed, true);
      const byName = await check(
        { user: 'PRIMARY/dora', permission: 'project:delete', resource: { type: 'project', id: project } },
        developer.client,
      );
      assert.equal(byName.status, 200);
      assert.equal(byName.body.allowed, false);
    });

    test('asking about another user or a guest without decision:check is forbidden', async () => {
      assertProblem(
        await check(
          { user: outsider.id, permission: 'project:view', resource: { type: 'project', id: project } },
          developer.client,
        ),
        403,
        'forbidden',
      );
      assertProblem(
        await check({ permission: 'project:view', resource: { type: 'project', id: project } }, developer.client),
        403,
        'forbidden',
      );
      assertProblem(
        await check(
          { user: 'PRIMARY/nobody', permission: 'project:view', resource: { type: 'project', id: project } },
          developer.client,
        ),
        403,
        'forbidden',
      );
    });

    test('a check needs a signed-in caller', async () => {
      assertProblem(
        await server.anonymous.post('/v1/check', { permission: 'api:discover', resource: { type: 'api', id: api } }),
        401,
        'unauthorized',
      );
    });

    test('bad check bodies are refused with the fields at fault', async () => {
      const bad = [
        {},
        { permission: 'project:view' },
        { permission: 5, resource: { type: 'project', id: project } },
        { permission: 'project:view', resource: { type: 'project' } },
        { permission: 'project:view', resource: { type: 'project', id: project, extra: 1 } },
        { permission: 'project:view', resource: { type: 'project', id: project }, subject: 'x' },
        { permission: 'project:view', resource: { type: 'project', id: project }, atLeast: -1 },
        { permission: 'project:view', resource: { type: 'project', id: project }, atLeast: '3' },
        { permission: 'project:view', resource: { type: 'project', id: project }, explain: 'yes' },
        { user: 'x'.repeat(10_000), permission: 'project:view', resource: { type: 'project', id: project } },
        { user: '', permission: 'project:view', resource: { type: 'project', id: project } },
        { permission: 'p'.repeat(10_000), resource: { type: 'project', id: project } },
      ];
      for (const body of bad) assertProblem(await check(body), 400, 'validation');
      const unknown = await check({
        permission: 'project:view',
        resource: { type: 'project', id: project },
        subject: 'x',
      });
      assert.deepEqual(unknown.body.errors, [{ in: 'body', path: 'subject', message: 'is not a known field' }]);
      assertProblem(
        await server.admin.request('POST', '/v1/check', '{"permission":', { 'content-type': 'application/json' }),
        400,
        'bad-request',
      );
    });

    test('POST /v1/check/batch answers every check in order, at one revision', async () => {
      const response = await server.admin.post('/v1/check/batch', {
        checks: [
          { user: developer.id, permission: 'project:view', resource: { type: 'project', id: project } },
          {
            user: developer.id,
            permission: 'project:delete',
            resource: { type: 'project', id: project },
            explain: true,
          },
          { permission: 'api:discover', resource: { type: 'api', id: api } },
          { user: 'PRIMARY/nobody', permission: 'project:view', resource: { type: 'project', id: project } },
        ],
      });
      assert.equal(response.status, 200);
      assert.equal(response.body.revision, server.store.revision);
      assert.deepEqual(
        response.body.decisions.map((d: { allowed: boolean }) => d.allowed),
        [true, false, true, false],
      );
      assert.equal(response.body.decisions[0].explanation, undefined);
      assert.equal(response.body.decisions[1].explanation.denial.code, 'NO_GRANT');
    });

    test('a batch about the caller alone needs no decision:check; about anyone else it does', async () => {
      const self = await developer.client.post('/v1/check/batch', {
        checks: [
          { user: developer.id, permission: 'project:view', resource: { type: 'project', id: project } },
          { user: 'PRIMARY/dora', permission: 'project:delete', resource: { type: 'project', id: project } },
        ],
      });
      assert.equal(self.status, 200);
      assert.deepEqual(self.body.decisions, [{ allowed: true }, { allowed: false }]);
      const mixed = await developer.client.post('/v1/check/batch', {
        checks: [
          { user: developer.id, permission: 'project:view', resource: { type: 'project', id: project } },
          { user: outsider.id, permission: 'project:view', resource: { type: 'project', id: project } },
        ],
      });
      assertProblem(mixed, 403, 'forbidden');
    });

    test('bad batch bodies are refused', async () => {
      const one = { permission: 'project:view', resource: { type: 'project', id: project } };
      for (const body of [
        {},
        { checks: [] },
        { checks: 'x' },
        { checks: [{}] },
        { checks: [{ ...one, atLeast: 1 }] },
        { checks: Array(1001).fill(one) },
        { checks: [one], extra: true },
      ]) {
        assertProblem(await server.admin.post('/v1/check/batch', body), 400, 'validation');
      }
      const timeout = await server.admin.request(
        'POST',
        '/v1/check/batch',
        { checks: [one], atLeast: server.store.revision + 1000 },
        { prefer: 'wait=0.05' },
      );
      assertProblem(timeout, 503, 'revision-timeout');
    });

    test('POST /v1/explain names the highest-level mapping that grants, or why not', async () => {
      const allowed = await developer.client.post('/v1/explain', {
        user: developer.id,
        permission: 'project:edit',
        resource: { type: 'project', id: project },
      });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.body.allowed, true);
      assert.equal(allowed.body.revision, server.store.revision);
      assert.equal(allowed.body.explanation.permission, 'project:edit');
      assert.equal(allowed.body.explanation.grant.role.name, 'Developer');
      assert.ok(allowed.body.explanation.grants.length >= 1);
      const denied = await server.admin.post('/v1/explain', {
        user: outsider.id,
        permission: 'project:edit',
        resource: { type: 'project', id: project },
      });
      assert.equal(denied.body.allowed, false);
      assert.equal(denied.body.explanation.denial.code, 'NO_GRANT');
      assertProblem(
        await developer.client.post('/v1/explain', {
          user: outsider.id,
          permission: 'project:edit',
          resource: { type: 'project', id: project },
        }),
        403,
        'forbidden',
      );
      assertProblem(await server.admin.post('/v1/explain', { permission: 'project:edit' }), 400, 'validation');
      assertProblem(
        await server.admin.post('/v1/explain', {
          permission: 'project:edit',
          resource: { type: 'project', id: project },
          explain: true,
        }),
        400,
        'validation',
      );
    });

    test('POST /v1/permissions-at lists what a user holds at a target', async () => {
      const response = await developer.client.post('/v1/permissions-at', {
        user: developer.id,
        resource: { type: 'project', id: project },
      });
      assert.equal(response.status, 200);
      const keys = response.body.permissions.map((p: { key: string }) => p.key);
      assert.ok(keys.includes('project:view') && keys.includes('project:edit'));
      assert.ok(!keys.includes('project:delete'));
      const explained = await server.admin.post('/v1/permissions-at', {
        user: developer.id,
        resource: { type: 'project', id: project },
        explain: true,
      });
      assert.equal(
        explained.body.permissions.find((p: { key: string }) => p.key === 'project:view').grant.role.name,
        'Developer',
      );
      const guest = await server.admin.post('/v1/permissions-at', { resource: { type: 'api', id: api } });
      assert.deepEqual(
        guest.body.permissions.map((p: { key: string }) => p.key),
        ['api:discover'],
      );
      assertProblem(
        await developer.client.post('/v1/permissions-at', {
          user: outsider.id,
          resource: { type: 'project', id: project },
        }),
        403,
        'forbidden',
      );
      assertProblem(
        await server.admin.post('/v1/permissions-at', { resource: { type: 'project' } }),
        400,
        'validation',
      );
    });

    test('POST /v1/lookup pages through the targets a user may act on', async () => {
      const first = await developer.client.post('/v1/lookup', {
        user: developer.id,
        permission: 'project:edit',
        type: 'project',
        limit: 1,
      });
      assert.equal(first.status, 200);
      assert.equal(first.body.items.length, 1);
      assert.notEqual(first.body.next, null);
      const second = await developer.client.post('/v1/lookup', {
        user: developer.id,
        permission: 'project:edit',
        type: 'project',
        limit: 1,
        after: first.body.next,
      });
      const ids = [...first.body.items, ...second.body.items].map((i: { id: string }) => i.id).sort();
      assert.deepEqual(ids, [project, otherProject].sort());
      assert.equal(second.body.next, null);
      const explained = await server.admin.post('/v1/lookup', {
        user: developer.id,
        permission: 'project:edit',
        type: 'project',
        explain: true,
      });
      assert.equal(explained.body.items[0].grant.role.name, 'Developer');
      const none = await server.admin.post('/v1/lookup', {
        user: outsider.id,
        permission: 'project:edit',
        type: 'project',
      });
      assert.deepEqual(none.body.items, []);
      const guest = await server.admin.post('/v1/lookup', { permission: 'api:discover', type: 'api' });
      assert.deepEqual(
        guest.body.items.map((i: { id: string; path: string }) => i.id),
        [api],
      );
      assertProblem(
        await developer.client.post('/v1/lookup', { user: outsider.id, permission: 'project:edit', type: 'project' }),
        403,
        'forbidden',
      );
      for (const body of [
        { permission: 'project:edit' },
        { permission: 'project:edit', type: 'project', limit: 0 },
        { permission: 'project:edit', type: 'project', limit: 501 },
        { permission: 'project:edit', type: 'project', after: 7 },
      ]) {
        assertProblem(await server.admin.post('/v1/lookup', body), 400, 'validation');
      }
    });

    test('POST /v1/reverse-lookup lists who has access and why; it needs decision:check', async () => {
      const response = await server.admin.post('/v1/reverse-lookup', {
        permission: 'project:edit',
        resource: { type: 'project', id: project },
      });
      assert.equal(response.status, 200);
      const dora = response.body.items.find((i: { user: { id: string } | null }) => i.user?.id === developer.id);
      assert.equal(dora.user.name, 'PRIMARY/dora');
      assert.equal(dora.grant.role.name, 'Developer');
      assert.equal(
        response.body.items.some((i: { user: { id: string } | null }) => i.user?.id === outsider.id),
        false,
      );
      const guests = await server.admin.post('/v1/reverse-lookup', {
        permission: 'api:discover',
        resource: { type: 'api', id: api },
      });
      assert.ok(
        guests.body.items.some((i: { user: unknown }) => i.user === null),
        'the anonymous guest is listed as user null',
      );
      const paged = await server.admin.post('/v1/reverse-lookup', {
        permission: 'project:edit',
        resource: { type: 'project', id: project },
        limit: 1,
      });
      assert.equal(paged.body.items.length, 1);
      assert.notEqual(paged.body.next, null);
      assertProblem(
        await developer.client.post('/v1/reverse-lookup', {
          permission: 'project:edit',
          resource: { type: 'project', id: project },
        }),
        403,
        'forbidden',
      );
      assertProblem(
        await server.admin.post('/v1/reverse-lookup', {
          permission: 'project:edit',
          resource: { type: 'project', id: project },
          user: developer.id,
        }),
        400,
        'validation',
      );
      assertProblem(
        await server.admin.post('/v1/reverse-lookup', { resource: { type: 'project', id: project } }),
        400,
        'validation',
      );
    });

    test('the decision endpoints are described in the OpenAPI document', async () => {
      const document = (await server.anonymous.get('/openapi.json')).body;
      for (const path of [
        '/v1/check',
        '/v1/check/batch',
        '/v1/explain',
        '/v1/permissions-at',
        '/v1/lookup',
        '/v1/reverse-lookup',
      ]) {
        assert.ok(document.paths[path]?.post !== undefined, `${path} is documented`);
      }
      assert.deepEqual(document.paths['/v1/reverse-lookup'].post['x-tessera-permission'], {
        permission: 'decision:check',
        at: 'the home organization',
      });
    });

    test('decisions are counted in the metrics', async () => {
      const metrics = await server.admin.get('/metrics');
      assert.equal(metrics.status, 200);
      assert.match(String(metrics.body), /tessera_checks_total\{endpoint="check",allowed="true"\} \d+/);
      assert.match(String(metrics.body), /tessera_decision_seconds_count\{endpoint="check"\} \d+/);
    });
  });
}
