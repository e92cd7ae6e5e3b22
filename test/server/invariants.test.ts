import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { apply } from '../../src/cli/run/documents.js';
import { DEFAULT_SETTINGS } from '../../src/server/config.js';
import { startServer } from '../../src/server/server.js';
import pg from 'pg';
import type { Change } from '../../src/core/changes.js';
import { OPERATOR_ACTOR } from '../../src/core/gate.js';
import { PRIMARY_STORE, type RoleMapping, type User, roleRecord } from '../../src/core/model.js';
import { TesseraError } from '../../src/core/errors.js';
import { createPostgresStore, createSqliteStore } from '../../src/store/index.js';
import { type TestServer, assertProblem, startTestServer } from './harness.js';

/** Tessera issue 10: each administrative rule holds for every write, whichever path it takes. */

function person(username: string): User {
  return { id: randomUUID(), username, store: PRIMARY_STORE, email: `${username}@example.com`, status: 'active' };
}

describe('lock-out cannot be bypassed (issue 10, item 2)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server.close());

  test("emptying the admin role's permissions is refused with last-admin", async () => {
    assertProblem(await server.admin.patch('/v1/roles/Admin', { permissions: [] }), 409, 'last-admin');
    assert.equal(
      server.store.engine.allowed(
        server.store.engine.user('PRIMARY/admin')!.id,
        'role:manage',
        'organization',
        server.home.id,
      ),
      true,
    );
  });

  test('naming an admin role nobody holds is refused with last-admin', async () => {
    assertProblem(
      await server.admin.patch(`/v1/organizations/${server.home.id}`, { adminRole: 'Billing Admin' }),
      409,
      'last-admin',
    );
  });

  test('a document that disables the only admin, or empties the admin role, is refused with last-admin', async () => {
    const exported = await server.admin.get('/v1/export');
    assert.equal(exported.status, 200);
    const disabled = structuredClone(exported.body);
    const admin = disabled.users.find((u: { username: string }) => u.username === 'admin');
    admin.status = 'disabled';
    assertProblem(await server.admin.post('/v1/apply', disabled), 409, 'last-admin');
    const emptied = structuredClone(exported.body);
    emptied.roles.find((r: { name: string }) => r.name === 'Admin').permissions = [];
    assertProblem(await server.admin.post('/v1/apply', emptied), 409, 'last-admin');
    assert.equal(server.store.engine.user('PRIMARY/admin')?.status, 'active');
  });
});

describe('non-assignable roles are never assigned (issue 10, item 3)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite', { preset: 'akana' });
  });
  after(() => server.close());

  test('a document mapping an infrastructure role is refused like the mapping route', async () => {
    const document = {
      kind: 'tessera/document',
      mappings: [{ role: 'Organization Administrator', user: 'admin', organization: server.home.name }],
    };
    assertProblem(await server.admin.post('/v1/apply', document), 422, 'role-not-assignable');
    assertProblem(
      await server.admin.post('/v1/mappings', {
        role: 'Organization Administrator',
        subject: { kind: 'user', id: 'PRIMARY/admin' },
        target: { type: 'organization', id: server.home.id },
      }),
      422,
      'role-not-assignable',
    );
  });

  test('a role that includes an infrastructure role cannot be mapped, nor can a mapped role come to include one', async () => {
    const wrapper = await server.admin.post('/v1/roles', { name: 'Wrapper', includes: ['Organization Administrator'] });
    assert.equal(wrapper.status, 201, JSON.stringify(wrapper.body));
    assertProblem(
      await server.admin.post('/v1/mappings', {
        role: 'Wrapper',
        subject: { kind: 'user', id: 'PRIMARY/admin' },
        target: { type: 'organization', id: server.home.id },
      }),
      422,
      'role-not-assignable',
    );
    const plain = await server.admin.post('/v1/roles', { name: 'Plain', permissions: [] });
    assert.equal(plain.status, 201, JSON.stringify(plain.body));
    const mapped = await server.admin.post('/v1/mappings', {
      role: 'Plain',
      subject: { kind: 'user', id: 'PRIMARY/admin' },
      target: { type: 'organization', id: server.home.id },
    });
    assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
    assertProblem(
      await server.admin.patch('/v1/roles/Plain', { includes: ['Organization Administrator'] }),
      422,
      'role-not-assignable',
    );
  });

  test('an infrastructure role can be neither made assignable nor edited', async () => {
    assertProblem(
      await server.admin.patch('/v1/roles/Organization Administrator', { assignable: true }),
      409,
      'role-not-editable',
    );
    assertProblem(
      await server.admin.patch('/v1/roles/Organization Administrator', { permissions: [] }),
      409,
      'role-not-editable',
    );
  });
});

describe('invitations are judged when accepted; usernames are unique regardless of case (issue 10, item 9)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server.close());

  test('an invitation into the Admin group is refused once its inviter lost admin', async () => {
    const { user: ivy, client } = await server.user('ivy', { groups: ['Admin'] });
    const group = server.store.engine.findGroup(server.home.id, 'Admin')!;
    const invited = await client.post('/v1/invitations', { email: 'new@example.com', group: group.id });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    assert.equal((await server.admin.delete(`/v1/groups/${group.id}/members/${ivy.id}`)).status < 300, true);
    const accepted = await server.anonymous.post('/v1/invitations/accept', {
      token: invited.body.token,
      username: 'newcomer',
      password: 'newcomer-secret-1',
    });
    assert.equal(accepted.status, 403, JSON.stringify(accepted.body));
    assert.equal(server.store.engine.user('PRIMARY/newcomer'), undefined);
  });

  test('an invitation whose inviter keeps the right is accepted', async () => {
    const { client } = await server.user('ann', { groups: ['Admin'] });
    const developers = server.store.engine.findGroup(server.home.id, 'Developer')!;
    const invited = await client.post('/v1/invitations', { email: 'other@example.com', group: developers.id });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const accepted = await server.anonymous.post('/v1/invitations/accept', {
      token: invited.body.token,
      username: 'other',
      password: 'other-secret-1',
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  });

  test('a username differing only in case from an existing one is refused, by route and by document', async () => {
    assertProblem(
      await server.admin.post('/v1/users', { username: 'Admin', email: 'a@example.com', password: 'secret-secret-1' }),
      409,
      'duplicate',
    );
    assertProblem(
      await server.admin.post('/v1/apply', { kind: 'tessera/document', users: [{ username: 'ADMIN' }] }),
      409,
      'duplicate',
    );
  });
});

describe('user management cannot take over a more powerful account (issue 10, item 12)', () => {
  let server: TestServer;
  let site: Awaited<ReturnType<TestServer['user']>>;
  before(async () => {
    server = await startTestServer('SQLite', { preset: 'akana' });
    site = await server.user('site');
    const role = server.store.engine.findRole('Site Administrator')!;
    await server.write([
      {
        op: 'mapping.add',
        mapping: {
          id: randomUUID(),
          role: role.id,
          subject: { kind: 'user', id: site.user.id },
          target: { level: 'organization', id: server.home.id },
        },
      },
    ]);
  });
  after(() => server.close());

  test("a Site Administrator can neither reset the super admin's password nor disable or delete him", async () => {
    assertProblem(
      await site.client.post('/v1/mappings', {
        role: 'Tenant Manager',
        subject: { kind: 'user', id: 'PRIMARY/site' },
        target: { type: 'organization', id: server.home.id },
      }),
      403,
      'forbidden',
    );
    assertProblem(
      await site.client.put('/v1/users/PRIMARY%2Fadmin/password', { password: 'taken-over-secret-1' }),
      403,
      'privilege-escalation',
    );
    // Another holder of Tenant Manager, so that no lock-out is involved.
    const deputy = await server.user('deputy');
    await server.write([
      {
        op: 'mapping.add',
        mapping: {
          id: randomUUID(),
          role: server.store.engine.findRole('Tenant Manager')!.id,
          subject: { kind: 'user', id: deputy.user.id },
          target: { level: 'organization', id: server.home.id },
        },
      },
    ]);
    assertProblem(
      await site.client.patch(`/v1/users/${deputy.user.id}`, { status: 'disabled' }),
      403,
      'privilege-escalation',
    );
    assertProblem(await site.client.delete(`/v1/users/${deputy.user.id}`), 403, 'privilege-escalation');
    assert.equal(server.store.engine.user(deputy.user.id)?.status, 'active');
    const signIn = await server.anonymous.post('/v1/session', {
      username: 'admin',
      password: server.adminPassword,
      mode: 'token',
    });
    assert.equal(signIn.status < 300, true, 'the super admin keeps his password');
  });

  test('he may still manage a user holding less than he does, and the super admin anyone', async () => {
    const { user } = await server.user('plain');
    assert.equal((await site.client.put(`/v1/users/${user.id}/password`, { password: 'plain-secret-22' })).status, 204);
    assert.equal(
      (await server.admin.put(`/v1/users/${site.user.id}/password`, { password: 'site-secret-22' })).status,
      204,
    );
  });
});

describe('rules are judged under the write lock (issue 10, item 13)', () => {
  test('two concurrent removals of the last two admins: one succeeds, the other is refused', async () => {
    const server = await startTestServer('SQLite');
    try {
      const a = person('first');
      const b = person('second');
      const organization = randomUUID();
      const adminRole = server.store.engine.findRole('Admin')!.id;
      const mapping = (user: User): RoleMapping => ({
        id: randomUUID(),
        role: adminRole,
        subject: { kind: 'user', id: user.id },
        target: { level: 'organization', id: organization },
      });
      const ma = mapping(a);
      const mb = mapping(b);
      // A third user may assign roles at the organization without being one of its admins.
      const ops = person('ops');
      const assigner = roleRecord({ id: randomUUID(), name: 'Assigner', permissions: ['role:assign', 'role:view'] });
      await server.write([
        {
          op: 'organization.put',
          organization: { id: organization, name: 'island', parent: null, requireTwoFactor: false, adminRole: null },
        },
        { op: 'user.put', user: a },
        { op: 'user.put', user: b },
        { op: 'user.put', user: ops },
        { op: 'role.put', role: assigner },
        { op: 'mapping.add', mapping: ma },
        { op: 'mapping.add', mapping: mb },
        { op: 'mapping.add', mapping: { ...mapping(ops), role: assigner.id } },
      ]);
      await server.server.context.credentials.setPassword(ops.id, 'ops-secret-123');
      const client = await server.signIn('ops', 'ops-secret-123');
      const answers = await Promise.all([
        client.delete(`/v1/mappings/${mb.id}`),
        client.delete(`/v1/mappings/${ma.id}`),
      ]);
      const statuses = answers.map((r) => r.status).sort();
      assert.equal(statuses[0]! < 300, true, JSON.stringify(answers.map((r) => r.body)));
      const refused = answers.find((r) => r.status >= 300)!;
      assertProblem(refused, 409, 'last-admin');
      const left = server.store.engine.mappingsAt('organization', organization).filter((m) => m.role === adminRole);
      assert.equal(left.length, 1);
    } finally {
      await server.close();
    }
  });

  test('on PostgreSQL, a store whose index is stale judges against the database head', async () => {
    const url = process.env.TESSERA_TEST_POSTGRES_URL;
    assert.ok(url !== undefined && url !== '', 'TESSERA_TEST_POSTGRES_URL is not set');
    const schema = `tessera_gate_${process.pid}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = async (query: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(query).finally(() => client.end());
    };
    await admin(`create schema ${schema}`);
    const open = () =>
      createPostgresStore({
        database: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 2 }),
        followIntervalMs: 0,
      });
    const first = await open();
    const second = await open();
    try {
      const a = person('first');
      const b = person('second');
      const role = roleRecord({ id: randomUUID(), name: 'Boss', permissions: [] });
      const organization = randomUUID();
      const mapping = (user: User): RoleMapping => ({
        id: randomUUID(),
        role: role.id,
        subject: { kind: 'user', id: user.id },
        target: { level: 'organization', id: organization },
      });
      const ma = mapping(a);
      const mb = mapping(b);
      const setup: Change[] = [
        { op: 'role.put', role },
        {
          op: 'organization.put',
          organization: { id: organization, name: 'island', parent: null, requireTwoFactor: false, adminRole: role.id },
        },
        { op: 'user.put', user: a },
        { op: 'user.put', user: b },
        { op: 'mapping.add', mapping: ma },
        { op: 'mapping.add', mapping: mb },
      ];
      await first.write(setup, { actor: OPERATOR_ACTOR });
      await second.sync();
      await first.write([{ op: 'mapping.remove', id: ma.id }], { actor: OPERATOR_ACTOR });
      // The second store may not have heard of that removal yet (no background following); its
      // write catches up under the lock and is judged against the database head either way.
      await assert.rejects(
        second.write([{ op: 'mapping.remove', id: mb.id }], { actor: OPERATOR_ACTOR }),
        (error: unknown) => error instanceof TesseraError && error.code === 'LAST_ADMIN',
      );
      assert.ok(second.engine.mapping(mb.id) !== undefined);
    } finally {
      await first.close();
      await second.close();
      await admin(`drop schema if exists ${schema} cascade`);
    }
  });
});

describe('tessera apply keeps the invariants; --force recovers from the machine (issue 10, design)', () => {
  test('a document disabling the only admin is refused by the CLI; with --force it applies, audited as forced', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tessera-cli-gate-'));
    try {
      const database = join(directory, 'tessera.db');
      const server = await startServer({
        ...DEFAULT_SETTINGS,
        port: 0,
        logLevel: 'silent',
        database,
        adminPassword: 'admin-secret-123',
      });
      await server.close();
      const file = join(directory, 'disable.yaml');
      writeFileSync(file, 'kind: tessera/document\nusers:\n  - { username: admin, status: disabled }\n');
      const log = console.log;
      console.log = () => undefined;
      try {
        await assert.rejects(
          apply(file, { database }),
          (error: unknown) => error instanceof TesseraError && error.code === 'LAST_ADMIN',
        );
        await apply(file, { database, force: true });
      } finally {
        console.log = log;
      }
      const store = await createSqliteStore({ database, followIntervalMs: 0 });
      try {
        assert.equal(store.engine.user('PRIMARY/admin')?.status, 'disabled');
        const [latest] = await store.audit({ limit: 1 });
        assert.equal(latest?.action, 'document.apply.force');
      } finally {
        await store.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
