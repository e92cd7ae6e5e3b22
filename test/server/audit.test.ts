import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`audit API (${kind})`, () => {
    let server: TestServer;
    let adminId: string;
    let organization: { id: string; name: string };
    let revision: number;
    let beforeWrite: string;
    let afterWrite: string;

    before(async () => {
      server = await startTestServer(kind);
      adminId = (await server.admin.get('/v1/session')).body.user.id;
      beforeWrite = new Date(Date.now() - 1).toISOString();
      const created = await server.admin.post('/v1/organizations', { name: 'globex' });
      assert.equal(created.status, 201);
      organization = created.body.organization;
      revision = created.body.revision;
      afterWrite = new Date(Date.now() + 1).toISOString();
    });
    after(() => server.close());

    test('a write made through the API is logged with who, when, what, before and after, and its revision', async () => {
      const response = await server.admin.get('/v1/audit?limit=5');
      assert.equal(response.status, 200);
      const entry = response.body.items.find((e: { action: string }) => e.action === 'organization.create');
      assert.ok(entry !== undefined, JSON.stringify(response.body.items.map((e: { action: string }) => e.action)));
      assert.deepEqual(entry.actor, { id: adminId, name: 'PRIMARY/admin' });
      assert.equal(entry.revision, revision);
      assert.ok(Date.parse(entry.at) >= Date.parse(beforeWrite) && Date.parse(entry.at) <= Date.parse(afterWrite));
      const effect = entry.effects.find(
        (e: { kind: string; key: string }) => e.kind === 'organization' && e.key === organization.id,
      );
      assert.equal(effect.before, null);
      assert.equal(effect.after.name, 'globex');
      assert.equal(entry.omitted, 0);
      assert.equal(response.body.revision, server.store.revision);
    });

    test('entries come newest first', async () => {
      const ids = (await server.admin.get('/v1/audit')).body.items.map((e: { id: number }) => e.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a: number, b: number) => b - a),
      );
    });

    test('an update logs the record before and after', async () => {
      const updated = await server.admin.patch(`/v1/organizations/${organization.id}`, { name: 'globex-corp' });
      assert.equal(updated.status, 200);
      const [entry] = (await server.admin.get(`/v1/audit?target=organization:${organization.id}&limit=1`)).body.items;
      assert.equal(entry.action, 'organization.update');
      assert.equal(entry.revision, updated.body.revision);
      const effect = entry.effects.find((e: { kind: string }) => e.kind === 'organization');
      assert.equal(effect.before.name, 'globex');
      assert.equal(effect.after.name, 'globex-corp');
    });

    test('filters by actor, given as id or username', async () => {
      for (const actor of [adminId, 'PRIMARY/admin', 'admin']) {
        const response = await server.admin.get(`/v1/audit?actor=${encodeURIComponent(actor)}`);
        assert.equal(response.status, 200);
        assert.ok(response.body.items.length > 0);
        assert.ok(response.body.items.every((e: { actor: { id: string } }) => e.actor.id === adminId));
      }
      assertProblem(await server.admin.get('/v1/audit?actor=PRIMARY/nobody'), 404, 'not-found');
    });

    test('filters by target, as kind:key or a bare id, including the records a write touched', async () => {
      const byKey = await server.admin.get(`/v1/audit?target=organization:${organization.id}`);
      const byId = await server.admin.get(`/v1/audit?target=${organization.id}`);
      assert.ok(byKey.body.items.length >= 2);
      assert.deepEqual(byId.body.items, byKey.body.items);
      assert.ok(byKey.body.items.some((e: { action: string }) => e.action === 'organization.create'));
      // The preset's default groups were created with the organization: the entry is found through them too.
      const group = server.store.engine.findGroup(organization.id, 'Developer')!;
      const byGroup = await server.admin.get(`/v1/audit?target=group:${group.id}`);
      assert.deepEqual(
        byGroup.body.items.map((e: { action: string }) => e.action),
        ['organization.create'],
      );
      const none = await server.admin.get('/v1/audit?target=group:no-such-group');
      assert.deepEqual(none.body.items, []);
    });

    test('a deleted record is still found by its bare id', async () => {
      const created = await server.admin.post('/v1/organizations', { name: 'initech' });
      const id = created.body.organization.id;
      assert.equal((await server.admin.delete(`/v1/organizations/${id}?cascade=true`)).status, 200);
      const response = await server.admin.get(`/v1/audit?target=${id}`);
      assert.deepEqual(
        response.body.items.map((e: { action: string }) => e.action),
        ['organization.delete', 'organization.create'],
      );
    });

    test("a deleted user's entries are found by the user's raw id", async () => {
      const { user, client } = await server.user('temp');
      assert.equal((await client.post('/v1/tokens', { name: 'ci' })).status, 201);
      await server.write([{ op: 'user.delete', id: user.id }]);
      const response = await server.admin.get(`/v1/audit?actor=${user.id}`);
      assert.equal(response.status, 200);
      const actions = response.body.items.map((e: { action: string; actor: { id: string; name: string } }) => [
        e.action,
        e.actor.id,
        e.actor.name,
      ]);
      assert.deepEqual(actions, [
        ['token.create', user.id, 'PRIMARY/temp'],
        ['session.create', user.id, 'PRIMARY/temp'],
      ]);
    });

    test('filters by time', async () => {
      const window = await server.admin.get(
        `/v1/audit?since=${encodeURIComponent(beforeWrite)}&until=${encodeURIComponent(afterWrite)}`,
      );
      assert.deepEqual(
        window.body.items.map((e: { action: string }) => e.action),
        ['organization.create'],
      );
      const earlier = await server.admin.get(`/v1/audit?until=${encodeURIComponent(beforeWrite)}`);
      assert.ok(earlier.body.items.length > 0);
      assert.ok(earlier.body.items.every((e: { at: string }) => e.at <= beforeWrite));
      const later = await server.admin.get(
        `/v1/audit?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      );
      assert.deepEqual(later.body.items, []);
      // Other offsets are the same instant.
      const offset = await server.admin.get(
        `/v1/audit?since=${encodeURIComponent(beforeWrite.replace('Z', '+00:00'))}&until=${encodeURIComponent(afterWrite)}`,
      );
      assert.deepEqual(offset.body.items, window.body.items);
    });

    test('pages with before, through the next cursor', async () => {
      const all = (await server.admin.get('/v1/audit?limit=500')).body;
      assert.equal(all.next, null);
      const first = await server.admin.get('/v1/audit?limit=2');
      assert.equal(first.body.items.length, 2);
      assert.equal(first.body.next, first.body.items[1].id);
      const second = await server.admin.get(`/v1/audit?limit=2&before=${first.body.next}`);
      assert.deepEqual([...first.body.items, ...second.body.items], all.items.slice(0, 4));
    });

    test('a Developer may not read the audit log', async () => {
      const { client } = await server.user('devon', { groups: ['Developer'] });
      assertProblem(await client.get('/v1/audit'), 403, 'forbidden');
      assertProblem(await server.anonymous.get('/v1/audit'), 401, 'unauthorized');
    });

    test('bad queries are refused', async () => {
      for (const query of [
        'since=yesterday',
        'until=2024-13-01T00:00:00Z',
        'limit=0',
        'limit=501',
        'before=x',
        'before=0',
        'colour=red',
        `actor=${'x'.repeat(10_000)}`,
        `target=${'x'.repeat(600)}`,
      ]) {
        assertProblem(await server.admin.get(`/v1/audit?${query}`), 400, 'validation');
      }
    });
  });
}
