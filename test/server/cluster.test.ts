import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DEFAULT_SETTINGS } from '../../src/server/config.js';
import { type RunningServer, startServer } from '../../src/server/server.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/kysely-store.js';
import { postgresAdapter } from '../../src/store/postgres/postgres-store.js';
import type { Database } from '../../src/store/schema.js';
import { ORGANIZATION, type ServeChild, signInAdmin, startServeChild } from '../reliability/serve-child.js';
import { Client, assertProblem } from './harness.js';

/**
 * Several servers on one PostgreSQL (docs/deployment-several-servers.md): three `tessera serve`
 * processes (the compiled CLI when built) on one schema. A write on one is seen by the others
 * through LISTEN/NOTIFY, `atLeast` makes another server answer at a revision, revocations and
 * disabled users are refused everywhere at once, and a server that was down starts with what was
 * written meanwhile.
 */

const url = process.env.TESSERA_TEST_POSTGRES_URL;
const missing = url === undefined || url === '';
const reason =
  'TESSERA_TEST_POSTGRES_URL is not set: these tests need a PostgreSQL database (scripts/test-postgres.sh)';
if (missing && process.env.CI !== undefined) {
  // CI provides the database: there a missing one must not pass unnoticed.
  test('several servers on one PostgreSQL', () => assert.fail(reason));
}

/** Polls `probe` until it returns true; answers how long it took, failing after `ms`. */
async function eventually(what: string, probe: () => Promise<boolean>, ms = 2000): Promise<number> {
  const start = Date.now();
  while (!(await probe())) {
    if (Date.now() - start > ms) assert.fail(`${what}: not within ${ms} ms`);
    await sleep(5);
  }
  return Date.now() - start;
}

describe('three servers on one PostgreSQL', { skip: missing ? reason : false }, () => {
  const schema = `tessera_cluster_${process.pid}_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  let database: string;
  const servers: ServeChild[] = [];
  /** The admin's token (stored in the database, so every server accepts it) on each server. */
  let admins: Client[];
  const sql = async (query: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(query).finally(() => client.end());
  };
  const projectPath = (name: string) => `/v1/projects/${ORGANIZATION}%2F${name}`;

  before(async () => {
    await sql(`create schema ${schema}`);
    database = `${url}${url!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    // The first start creates the installation; the others find it.
    servers.push(await startServeChild(database, password));
    servers.push(...(await Promise.all([startServeChild(database, password), startServeChild(database, password)])));
    const admin = await signInAdmin(servers[0]!.url, password);
    admins = servers.map((s) => new Client(s.url, admin.token));
  });

  after(async () => {
    for (const server of servers) await server.stop();
    await sql(`drop schema if exists ${schema} cascade`);
  });

  test('a write on one server is seen by the others without asking (LISTEN/NOTIFY), well within a second', async () => {
    const created = await admins[0]!.post(`/v1/organizations/${ORGANIZATION}/projects`, { name: 'from-a' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    for (const other of [admins[1]!, admins[2]!]) {
      await eventually(
        `${other.url} sees the project`,
        async () => (await other.get(projectPath('from-a'))).status === 200,
      );
    }
  });

  test('atLeast: another server answers a check at the revision of a write made a moment before', async () => {
    const user = await admins[0]!.post('/v1/users', { username: 'dave', email: 'dave@example.com' });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    const group = await admins[0]!.post(`/v1/organizations/${ORGANIZATION}/groups`, {
      name: 'At least',
      roles: [{ role: 'Developer', project: `${ORGANIZATION}/from-a` }],
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    const joined = await admins[1]!.put(`/v1/groups/${group.body.group.id}/members/dave`);
    assert.equal(joined.status, 200, JSON.stringify(joined.body));
    const revision = joined.body.revision as number;
    const check = {
      user: 'dave',
      permission: 'project:edit',
      resource: { type: 'project', id: `${ORGANIZATION}/from-a` },
      atLeast: revision,
    };
    for (const other of [admins[2]!, admins[0]!]) {
      const answer = await other.post('/v1/check', check);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.allowed, true, `${other.url} answers with the membership`);
      assert.ok(answer.body.revision >= revision, `${other.url} answers at revision ${answer.body.revision}`);
    }
    // A revision no server has reached: refused after the wait asked for, not answered stale.
    const ahead = await admins[2]!.request(
      'POST',
      '/v1/check',
      { ...check, atLeast: revision + 1000 },
      { prefer: 'wait=0.2' },
    );
    assertProblem(ahead, 503, 'revision-timeout');
  });

  test('a revoked token and a disabled user are refused by every server at once', async () => {
    const created = await admins[0]!.post('/v1/users', {
      username: 'carol',
      email: 'carol@example.com',
      password: 'carol-secret-1',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    // Signed in on B, a personal access token made on C.
    await eventually('B knows carol', async () => (await admins[1]!.get('/v1/users/carol')).status === 200);
    const signIn = await new Client(servers[1]!.url, null).post('/v1/session', {
      username: 'carol',
      password: 'carol-secret-1',
      mode: 'token',
    });
    assert.equal(signIn.status, 200, JSON.stringify(signIn.body));
    const session = signIn.body.token as string;
    const made = await new Client(servers[2]!.url, session).post('/v1/tokens', { name: 'cluster', expiresInDays: 1 });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const pat = made.body.token as string;
    for (const server of servers) {
      assert.equal(
        (await new Client(server.url, pat).get('/v1/session')).status,
        200,
        `${server.url} accepts the token`,
      );
    }

    const revoked = await new Client(servers[0]!.url, session).delete(`/v1/tokens/${made.body.info.id}`);
    assert.equal(revoked.status, 204, JSON.stringify(revoked.body));
    for (const server of servers) {
      assertProblem(await new Client(server.url, pat).get('/v1/session'), 401, 'unauthorized');
    }

    const disabled = await admins[0]!.patch('/v1/users/carol', { status: 'disabled' });
    assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
    for (const server of servers) {
      assertProblem(await new Client(server.url, session).get('/v1/session'), 401, 'unauthorized');
    }
  });

  test('a server whose index has not applied a disable yet refuses the user already', async () => {
    // In this process, on the same schema: a server that hears no notifications and never polls,
    // so its index stays behind until asked; the database still decides who may act.
    const pool = new pg.Pool({ connectionString: database, max: 2 });
    const store: Store = await openStore(
      new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      { ...postgresAdapter(pool), listen: undefined },
      { followIntervalMs: 0 },
    );
    let deaf: RunningServer | undefined;
    try {
      deaf = await startServer(
        { ...DEFAULT_SETTINGS, database, organization: ORGANIZATION, port: 0, logLevel: 'silent' },
        { store },
      );
      const created = await admins[0]!.post('/v1/users', {
        username: 'erin',
        email: 'erin@example.com',
        password: 'erin-secret-1',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      await store.sync();
      const signIn = await new Client(deaf.url, null).post('/v1/session', {
        username: 'erin',
        password: 'erin-secret-1',
        mode: 'token',
      });
      assert.equal(signIn.status, 200, JSON.stringify(signIn.body));
      const erin = new Client(deaf.url, signIn.body.token as string);
      assert.equal((await erin.get('/v1/session')).status, 200);

      const disabled = await admins[1]!.patch('/v1/users/erin', { status: 'disabled' });
      assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
      assertProblem(await erin.get('/v1/session'), 401, 'unauthorized');
      assert.ok(store.revision < (disabled.body.revision as number), 'the index had not applied the disable');
    } finally {
      await deaf?.close();
      await store.close();
    }
  });

  test('a server that was down starts with every write made meanwhile, and answers atLeast at once', async () => {
    const down = servers.pop()!;
    await down.stop();
    const created = await admins[0]!.post(`/v1/organizations/${ORGANIZATION}/projects`, { name: 'while-down' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const group = await admins[1]!.post(`/v1/organizations/${ORGANIZATION}/groups`, {
      name: 'While down',
      roles: [{ role: 'Developer', project: `${ORGANIZATION}/while-down` }],
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    const back = await startServeChild(database, password);
    servers.push(back);
    const client = new Client(back.url, admins[0]!.token);
    assert.equal((await client.get(projectPath('while-down'))).status, 200);
    const groups = await client.get(`/v1/organizations/${ORGANIZATION}/groups?name=While`);
    assert.equal(groups.status, 200, JSON.stringify(groups.body));
    assert.deepEqual(
      (groups.body.items as { name: string }[]).map((g) => g.name),
      ['While down'],
    );
    const check = await client.request(
      'POST',
      '/v1/check',
      {
        user: 'admin',
        permission: 'project:edit',
        resource: { type: 'project', id: `${ORGANIZATION}/while-down` },
        atLeast: group.body.revision,
      },
      { prefer: 'wait=0' },
    );
    assert.equal(check.status, 200, JSON.stringify(check.body));
    assert.equal(check.body.allowed, true);
  });
});
