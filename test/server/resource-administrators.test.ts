import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Client } from './harness.js';
import { type TestServer, assertProblem, startTestServer } from './harness.js';

/**
 * Akana: "The user who creates the API becomes the first API Admin"; "an API Admin invited to an
 * API can add or remove other API Admins" ("Managing API Administrators"); a business-level API
 * Administrator not invited to the API cannot. Each resource type's create, edit and delete need
 * the preset's permission for that type (settings.resourceTypes).
 */
describe("an API's creator and administrators (Akana)", () => {
  let server: TestServer;
  const clients = new Map<string, Client>();
  const ids = new Map<string, string>();
  let payments: string;
  let other: string;

  const as = (name: string) => clients.get(name)!;
  const administrators = async (api: string): Promise<string[]> => {
    const listed = await server.admin.get(`/v1/resources/${api}/administrators`);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    return listed.body.administrators.map((m: { subject: { name: string } }) => m.subject.name).sort();
  };

  before(async () => {
    server = await startTestServer('SQLite', { preset: 'akana' });
    assert.equal(
      (await server.admin.post('/v1/organizations', { name: 'business', parent: server.home.name })).status,
      201,
    );
    for (const name of ['owner', 'plain', 'second', 'third', 'org-admin']) {
      const { user, client } = await server.user(name);
      clients.set(name, client);
      ids.set(name, user.id);
    }
    for (const [role, user] of [
      ['API Owner', 'owner'],
      ['API Administrator', 'org-admin'],
    ] as const) {
      const mapped = await server.admin.post('/v1/mappings', {
        role,
        subject: { kind: 'user', id: user },
        target: { type: 'organization', id: 'business' },
      });
      assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
    }
    const created = await server.admin.post('/v1/resources', { type: 'api', name: 'other', organization: 'business' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    other = created.body.resource.id;
  });
  after(() => server.close());

  test('an API Owner holding api:create creates an API and becomes its first API Administrator', async () => {
    const created = await as('owner').post('/v1/resources', {
      type: 'api',
      name: 'payments',
      organization: 'business',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    payments = created.body.resource.id;
    assert.deepEqual(await administrators(payments), ['PRIMARY/owner']);
    const listed = await server.admin.get(`/v1/resources/${payments}/administrators`);
    assert.equal(listed.body.role.name, 'API Administrator');
    const renamed = await as('owner').patch(`/v1/resources/${payments}`, { name: 'payments-v2' });
    assert.equal(renamed.status, 200, 'the API Administrator role on the API gives api:modify there');
    const audit = await server.admin.get(`/v1/audit?target=resource:${payments}&limit=10`);
    assert.equal(audit.status, 200);
    assert.ok(
      JSON.stringify(audit.body).includes('"mapping"'),
      'the creator mapping is audited with the resource it came with',
    );
  });

  test('creating, editing and deleting an API need api:create, api:modify and api:delete, not resource:manage', async () => {
    const refused = await as('plain').post('/v1/resources', { type: 'api', name: 'nope', organization: 'business' });
    assertProblem(refused, 403, 'forbidden');
    assert.match(refused.body.detail, /"api:create"/);
    const edit = await as('plain').patch(`/v1/resources/${other}`, { private: true });
    assertProblem(edit, 403, 'forbidden');
    assert.match(edit.body.detail, /"api:modify"/);
    const remove = await as('plain').delete(`/v1/resources/${other}`);
    assertProblem(remove, 403, 'forbidden');
    assert.match(remove.body.detail, /"api:delete"/);
  });

  test('on any write path the gate asks for the type’s permission: a resource written as a user without api:create is refused', async () => {
    const resource = {
      id: randomUUID(),
      type: 'api',
      name: 'through-the-store',
      organization: server.store.engine.organizations().find((o) => o.name === 'business')!.id,
      project: null,
      private: false,
    };
    await assert.rejects(
      server.store.write([{ op: 'resource.put', resource }], { actor: { kind: 'user', id: ids.get('plain')! } }),
      (error: Error & { code?: string }) => error.code === 'PERMISSION_REQUIRED' && /api:create/.test(error.message),
    );
    assert.equal(
      server.store.engine.resources().some((r) => r.id === resource.id),
      false,
      'nothing was written',
    );
  });

  test('an API Administrator invited to an API adds and removes other administrators of that API', async () => {
    const added = await as('owner').post(`/v1/resources/${payments}/administrators`, { user: 'second' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const byInvited = await as('second').post(`/v1/resources/${payments}/administrators`, { user: 'third' });
    assert.equal(byInvited.status, 201, JSON.stringify(byInvited.body));
    assert.deepEqual(await administrators(payments), ['PRIMARY/owner', 'PRIMARY/second', 'PRIMARY/third']);
    const removed = await as('second').delete(`/v1/resources/${payments}/administrators/third`);
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.deepEqual(await administrators(payments), ['PRIMARY/owner', 'PRIMARY/second']);
  });

  test('an API Administrator of one API cannot manage the administrators of another API', async () => {
    const refused = await as('second').post(`/v1/resources/${other}/administrators`, { user: 'third' });
    assertProblem(refused, 403, 'forbidden');
    assert.match(refused.body.detail, /"api:admins:manage"/);
    assertProblem(await as('second').delete(`/v1/resources/${other}/administrators/admin`), 403, 'forbidden');
  });

  test('a business-level API Administrator not invited to the API cannot add or remove its administrators', async () => {
    assertProblem(
      await as('org-admin').post(`/v1/resources/${payments}/administrators`, { user: 'third' }),
      403,
      'forbidden',
    );
    assertProblem(await as('org-admin').delete(`/v1/resources/${payments}/administrators/second`), 403, 'forbidden');
  });

  test('an invited API Administrator invites another by email, with api:admins:manage alone', async () => {
    const invited = await as('second').post('/v1/invitations', {
      email: 'fourth@example.com',
      role: 'API Administrator',
      resource: { type: 'api', id: payments },
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const elsewhere = await as('second').post('/v1/invitations', {
      email: 'fifth@example.com',
      role: 'API Administrator',
      resource: { type: 'api', id: other },
    });
    assertProblem(elsewhere, 403, 'forbidden');
  });

  test('the last administrator of an API cannot be removed, by any path', async () => {
    assert.equal((await as('owner').delete(`/v1/resources/${payments}/administrators/second`)).status, 200);
    const last = await as('owner').delete(`/v1/resources/${payments}/administrators/owner`);
    assertProblem(last, 409, 'last-resource-admin');
    assert.match(last.body.detail, /without an administrator/);
    const mapping = (await server.admin.get(`/v1/resources/${payments}/administrators`)).body.administrators[0].id;
    assertProblem(await server.admin.delete(`/v1/mappings/${mapping}`), 409, 'last-resource-admin');
    assert.deepEqual(await administrators(payments), ['PRIMARY/owner']);
  });

  test('an API Administrator deletes the API (api:delete), administrators and all', async () => {
    const gone = await as('owner').delete(`/v1/resources/${payments}?cascade=true`);
    assert.equal(gone.status, 200, JSON.stringify(gone.body));
  });

  test('a type the preset gives no administrator role answers a clear problem', async () => {
    const app = await server.admin.post('/v1/resources', { type: 'app', name: 'shop', organization: 'business' });
    assert.equal(app.status, 201);
    assertProblem(
      await server.admin.get(`/v1/resources/${app.body.resource.id}/administrators`),
      409,
      'no-administrator-role',
    );
  });
});
