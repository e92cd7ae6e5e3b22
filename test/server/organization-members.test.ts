import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { type Client, DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`organization members (${kind})`, () => {
    let server: TestServer;
    let globex: string;
    let carol: { id: string; client: Client };
    let dave: string;
    let adminGroup: string;
    let developers: string;

    before(async () => {
      server = await startTestServer(kind);
      const created = await server.admin.post('/v1/organizations', { name: 'globex' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      globex = created.body.organization.id;
      adminGroup = server.store.engine.findGroup(globex, 'Admin')!.id;
      developers = server.store.engine.findGroup(globex, 'Developer')!.id;
      // The super admin created globex: its first member. carol administers globex only: no installation-wide right.
      const signedIn = await server.user('carol');
      carol = { id: signedIn.user.id, client: signedIn.client };
      assert.equal((await server.admin.put(`/v1/groups/${adminGroup}/members/carol`)).status, 200);
      const daveUser = {
        id: randomUUID(),
        username: 'dave',
        store: 'PRIMARY',
        email: 'dave@example.com',
        status: 'active',
      } as const;
      await server.write([{ op: 'user.put', user: daveUser }]);
      dave = daveUser.id;
      assert.equal((await carol.client.put(`/v1/groups/${developers}/members/dave`)).status, 200);
      // erin lives in the home organization only.
      await server.write([
        {
          op: 'user.put',
          user: { id: randomUUID(), username: 'erin', store: 'PRIMARY', email: 'erin@example.com', status: 'active' },
        },
      ]);
    });
    after(() => server.close());

    const members = async (client: Client, query = '') => {
      const response = await client.get(`/v1/organizations/globex/members${query}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body as {
        items: { user: { id: string; username: string }; joinedAt: string }[];
        next: string | null;
      };
    };
    const names = (page: { items: { user: { username: string } }[] }) => page.items.map((m) => m.user.username);

    test("an organization's admin lists its members, and only them, without any installation-wide right", async () => {
      assert.deepEqual(names(await members(carol.client)), ['admin', 'carol', 'dave']);
      assertProblem(await carol.client.get('/v1/users'), 403, 'forbidden');
      assertProblem(await carol.client.get(`/v1/organizations/${server.home.id}/members`), 403, 'forbidden');
    });

    test('members are searched by part of the username or email, and paged', async () => {
      assert.deepEqual(names(await members(carol.client, '?search=DAVE@')), ['dave']);
      assert.deepEqual(names(await members(carol.client, '?search=nobody')), []);
      const first = await members(carol.client, '?limit=2');
      assert.deepEqual(names(first), ['admin', 'carol']);
      assert.equal(first.next, 'PRIMARY/carol');
      const second = await members(carol.client, `?limit=2&after=${encodeURIComponent(first.next!)}`);
      assert.deepEqual(names(second), ['dave']);
      assert.equal(second.next, null);
    });

    test('an invitation into the organization, once accepted, makes a member', async () => {
      const invited = await carol.client.post('/v1/organizations/globex/members', { email: 'frank@example.com' });
      assert.equal(invited.status, 201, JSON.stringify(invited.body));
      assert.match(invited.body.token, /^tinv_/);
      assert.equal(invited.body.invitation.organization, globex);
      const accepted = await server.anonymous.post('/v1/invitations/accept', {
        token: invited.body.token,
        username: 'frank',
        password: 'frank-secret-1',
      });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.deepEqual(names(await members(carol.client)), ['admin', 'carol', 'dave', 'frank']);
      const [entry] = await server.store.audit({ target: `invitation:${invited.body.invitation.id}` });
      assert.ok(entry !== undefined);
    });

    test('removing a member takes their groups and roles in the organization in one audited write, and nothing elsewhere', async () => {
      const mapping = randomUUID();
      const developer = server.store.engine.findRole('Developer')!.id;
      const homeGroup = server.store.engine.findGroup(server.home.id, 'Developer')!.id;
      await server.write([
        {
          op: 'mapping.add',
          mapping: {
            id: mapping,
            role: developer,
            subject: { kind: 'user', id: dave },
            target: { level: 'organization', id: globex },
          },
        },
        { op: 'member.add', membership: { group: homeGroup, user: dave } },
      ]);
      const removed = await carol.client.delete(`/v1/organizations/globex/members/${dave}`);
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      const engine = server.store.engine;
      assert.equal(engine.members(developers).includes(dave), false);
      assert.equal(engine.mapping(mapping), undefined);
      assert.equal(engine.members(homeGroup).includes(dave), true, 'another organization keeps its member');
      assert.equal(engine.user(dave)?.status, 'active', 'the user itself stays');
      assert.deepEqual(names(await members(carol.client)), ['admin', 'carol', 'frank']);
      const [entry] = await server.store.audit({ target: `user:${dave}` });
      assert.equal(entry?.action, 'organization.member.remove');
      assert.equal(entry?.actor.name, 'PRIMARY/carol');
      assertProblem(await carol.client.delete(`/v1/organizations/globex/members/${dave}`), 404, 'not-found');
      assertProblem(await carol.client.delete('/v1/organizations/globex/members/erin'), 404, 'not-found');
    });

    test('a role mapped to a user at the organization makes them a member', async () => {
      const mapped = await carol.client.post('/v1/mappings', {
        role: 'API Subscriber',
        subject: { kind: 'user', id: 'PRIMARY/erin' },
        target: { type: 'organization', id: 'globex' },
      });
      assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
      assert.ok(names(await members(carol.client)).includes('erin'));
      assert.equal((await carol.client.delete('/v1/organizations/globex/members/erin')).status, 200);
      assert.equal(server.store.engine.mapping(mapped.body.mapping.id), undefined);
    });

    test('removing the last admin is refused (no lock-out) and changes nothing', async () => {
      // The super admin created globex, so it is globex's Admin too: make carol the last one.
      const admin = server.store.engine.user('admin')!.id;
      assert.equal((await carol.client.delete(`/v1/groups/${adminGroup}/members/${admin}`)).status, 200);
      const revision = server.store.revision;
      assertProblem(await carol.client.delete(`/v1/organizations/globex/members/${carol.id}`), 409, 'last-admin');
      assert.equal(server.store.revision, revision);
      assert.ok(server.store.engine.members(adminGroup).includes(carol.id));
      assert.deepEqual(names(await members(carol.client)), ['admin', 'carol', 'frank']);
    });
  });
}

describe('the organization-members migration', () => {
  test('makes members of every user who holds anything in an organization, and of no one else', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tessera-members-'));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(join(directory, 'db')) }) });
    try {
      const index = MIGRATIONS.findIndex((m) => m.name === '0005-organization-members');
      const before = MIGRATIONS.slice(0, index).filter((m) => m.name !== '0006-scim');
      for (const migration of before) await migration.up(db);
      const row = (key: string, record: unknown) => ({
        key,
        name_key: null,
        record: JSON.stringify(record),
        version: 1,
      });
      await db
        .insertInto('organizations')
        .values([row('o1', { id: 'o1' }), row('o2', { id: 'o2' })])
        .execute();
      await db
        .insertInto('users')
        .values(['u-group', 'u-org', 'u-project', 'u-resource', 'u-none'].map((id) => row(id, { id })))
        .execute();
      await db
        .insertInto('groups')
        .values(row('g1', { id: 'g1', organization: 'o1' }))
        .execute();
      await db
        .insertInto('projects')
        .values(row('p2', { id: 'p2', organization: 'o2' }))
        .execute();
      await db
        .insertInto('resources')
        .values(row('r1', { id: 'r1', organization: 'o1' }))
        .execute();
      await db
        .insertInto('memberships')
        .values(row('m', { group: 'g1', user: 'u-group' }))
        .execute();
      const mapping = (id: string, user: string, level: string, target: string) =>
        row(id, { id, role: 'x', subject: { kind: 'user', id: user }, target: { level, id: target } });
      await db
        .insertInto('mappings')
        .values([
          mapping('a', 'u-org', 'organization', 'o2'),
          mapping('b', 'u-project', 'project', 'p2'),
          mapping('c', 'u-resource', 'resource', 'r1'),
          row('d', {
            id: 'd',
            role: 'x',
            subject: { kind: 'group', id: 'g1' },
            target: { level: 'organization', id: 'o2' },
          }),
        ])
        .execute();
      await MIGRATIONS[index]!.up(db);
      const found = await db.selectFrom('organization_members').select(['organization', 'user_id']).execute();
      assert.deepEqual(found.map((r) => `${r.organization}/${r.user_id}`).sort(), [
        'o1/u-group',
        'o1/u-resource',
        'o2/u-org',
        'o2/u-project',
      ]);
    } finally {
      await db.destroy();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
