import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`organizations API (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    test('the admin creates a root organization, gets the preset defaults and becomes its administrator', async () => {
      const created = await server.admin.post('/v1/organizations', { name: 'acme' });
      assert.equal(created.status, 201);
      assert.equal(created.body.organization.name, 'acme');
      assert.equal(created.body.organization.parent, null);
      assert.ok(created.body.revision > 0);
      const id = created.body.organization.id as string;
      const groups = server.store.engine
        .groups()
        .filter((g) => g.organization === id)
        .map((g) => g.name);
      assert.ok(groups.includes('Admin') && groups.includes('Developer'), 'choreo default groups');
      const read = await server.admin.get('/v1/organizations/acme');
      assert.equal(read.status, 200);
      assert.equal(read.body.id, id);
      const updated = await server.admin.patch(`/v1/organizations/${id}`, { requireTwoFactor: true });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.organization.requireTwoFactor, true);
    });

    test('a child organization is created under its parent and listed by parent', async () => {
      const created = await server.admin.post('/v1/organizations', { name: 'acme-retail', parent: 'acme' });
      assert.equal(created.status, 201);
      const list = await server.admin.get('/v1/organizations?parent=acme');
      assert.deepEqual(
        list.body.items.map((o: { name: string }) => o.name),
        ['acme-retail'],
      );
    });

    test('listing shows only the organizations the caller may view, one page at a time', async () => {
      const page1 = await server.admin.get('/v1/organizations?limit=2');
      assert.equal(page1.status, 200);
      assert.equal(page1.body.items.length, 2);
      assert.notEqual(page1.body.next, null);
      const page2 = await server.admin.get(`/v1/organizations?limit=2&after=${encodeURIComponent(page1.body.next)}`);
      assert.ok(
        page2.body.items.every(
          (o: { name: string }) => !page1.body.items.some((p: { name: string }) => p.name === o.name),
        ),
      );
      const { client } = await server.user('dora', { groups: ['Developer'] });
      const seen = await client.get('/v1/organizations');
      assert.deepEqual(
        seen.body.items.map((o: { name: string }) => o.name),
        [],
      );
    });

    test('a Developer may not create, rename or delete organizations', async () => {
      const { client } = await server.user('devon', { groups: ['Developer'] });
      assertProblem(await client.post('/v1/organizations', { name: 'nope' }), 403, 'forbidden');
      assertProblem(await client.patch('/v1/organizations/acme', { name: 'renamed' }), 403, 'forbidden');
      assertProblem(await client.delete('/v1/organizations/acme'), 403, 'forbidden');
    });

    test('deleting an organization with content needs cascade; the home organization cannot be deleted', async () => {
      await server.admin.post('/v1/organizations', { name: 'doomed' });
      assertProblem(await server.admin.delete('/v1/organizations/doomed'), 409, 'referenced');
      assert.equal((await server.admin.delete('/v1/organizations/doomed?cascade=true')).status, 200);
      assertProblem(await server.admin.get('/v1/organizations/doomed'), 404, 'not-found');
      assertProblem(await server.admin.delete(`/v1/organizations/${server.home.id}?cascade=true`), 400, 'bad-request');
    });

    test('bad input is refused with each bad field named', async () => {
      const wrongType = await server.admin.post('/v1/organizations', { name: 42, parent: 7 });
      assertProblem(wrongType, 400, 'validation');
      assert.deepEqual(wrongType.body.errors.map((e: { path: string }) => e.path).sort(), ['name', 'parent']);
      assertProblem(await server.admin.post('/v1/organizations', {}), 400, 'validation');
      assertProblem(await server.admin.post('/v1/organizations', { name: 'x'.repeat(10_000) }), 400, 'validation');
      assertProblem(await server.admin.post('/v1/organizations', { name: 'ok', extra: true }), 400, 'validation');
      assertProblem(await server.admin.post('/v1/organizations', { name: 'acme' }), 409, 'duplicate');
      assertProblem(
        await server.admin.post('/v1/organizations', { name: 'orphan', parent: 'no-such-org' }),
        404,
        'not-found',
      );
      assertProblem(await server.admin.get('/v1/organizations/no-such-org'), 404, 'not-found');
      assertProblem(
        await server.admin.request('POST', '/v1/organizations', '{"name":', { 'content-type': 'application/json' }),
        400,
        'bad-request',
      );
    });
  });
}
