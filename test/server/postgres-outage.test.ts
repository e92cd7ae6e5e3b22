import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { TesseraError } from '../../src/core/errors.js';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import { DEFAULT_SETTINGS } from '../../src/server/config.js';
import { problemOf } from '../../src/server/problem.js';
import { type RunningServer, startServer } from '../../src/server/server.js';
import { typedDatabaseError } from '../../src/store/errors.js';
import { type Store, createPostgresStore } from '../../src/store/index.js';
import { type PrivatePostgres, startPrivatePostgres } from '../reliability/private-postgres.js';
import { Client, assertProblem } from './harness.js';

/**
 * A database outage never takes the server down: on a PostgreSQL cluster of its own, restarted
 * and stopped under it, the server goes on answering decisions from memory, answers writes 503
 * `unavailable` with Retry-After, and reconnects and catches up by itself.
 */

/** Anything that would have crashed a server process (an unhandled `'error'` event is an uncaught exception). */
const stray: unknown[] = [];
const onStray = (error: unknown) => stray.push(error);

/** Polls `probe` until it returns true, failing after `ms`. */
async function eventually(what: string, probe: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}

describe('PostgreSQL outage', () => {
  let cluster: PrivatePostgres;
  let url: string;
  let store: Store;
  let server: RunningServer;
  let admin: Client;
  let home: string;

  before(async () => {
    process.on('unhandledRejection', onStray);
    process.on('uncaughtException', onStray);
    cluster = await startPrivatePostgres();
    url = await cluster.createDatabase('tessera');
    // Only LISTEN (and its reconnection) keeps this server's index current: no background polling.
    store = await createPostgresStore({ database: url, followIntervalMs: 0 });
    const adminPassword = `pw-${randomUUID()}`;
    server = await startServer({ ...DEFAULT_SETTINGS, port: 0, logLevel: 'silent', adminPassword }, { store });
    const signIn = await new Client(server.url, null).post('/v1/session', {
      username: 'admin',
      password: adminPassword,
      mode: 'token',
    });
    assert.equal(signIn.status, 200);
    admin = new Client(server.url, signIn.body.token as string);
    home = store.engine.organizations().find((o) => o.id === server.bootstrap.home)!.name;
  });

  after(async () => {
    await server?.close();
    await store?.close().catch(() => undefined);
    await cluster?.destroy();
    process.off('unhandledRejection', onStray);
    process.off('uncaughtException', onStray);
  });

  const check = (project: string) =>
    admin.post('/v1/check', {
      user: 'admin',
      permission: 'project:view',
      resource: { type: 'project', id: `${home}/${project}` },
    });
  const createProject = (name: string) => admin.post(`/v1/organizations/${home}/projects`, { name });

  test('connection failures become UNAVAILABLE and a lock timeout LOCK_TIMEOUT; other errors stay as they are', () => {
    for (const error of [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      new Error('Connection terminated unexpectedly'),
      new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], ''),
    ]) {
      const typed = typedDatabaseError(error);
      assert.ok(typed instanceof TesseraError, String(error));
      assert.equal(typed.code, 'UNAVAILABLE');
      assert.equal(typed.details.retryAfter, 1);
    }
    assert.equal(
      typedDatabaseError(Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' }))?.code,
      'LOCK_TIMEOUT',
    );
    assert.equal(typedDatabaseError(Object.assign(new Error('duplicate key'), { code: '23505' })), undefined);
    assert.equal(typedDatabaseError(new TypeError('a bug')), undefined);
  });

  test('a write that cannot get the write lock in time fails with LOCK_TIMEOUT, a 503 lock-timeout problem', async () => {
    const lockTimed = await createPostgresStore({ database: url, followIntervalMs: 0, lockTimeoutMs: 150 });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`select pg_advisory_xact_lock(${0x7e55e2a1}, hashtext(current_schema()))`);
      await assert.rejects(
        lockTimed.write([{ op: 'settings.set', settings: lockTimed.engine.settings }], { actor: SYSTEM_ACTOR }),
        (error: unknown) => {
          assert.ok(error instanceof TesseraError && error.code === 'LOCK_TIMEOUT', String(error));
          const problem = problemOf(error);
          assert.equal(problem.status, 503);
          assert.equal(problem.type, 'https://tessera.dev/problems/lock-timeout');
          assert.equal(problem.retryAfter, 1);
          return true;
        },
      );
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await holder.end();
      await lockTimed.close();
    }
  });

  test("the write lock is the schema's: a store in another schema of the database writes while it is held", async () => {
    const schema = `tessera_lock_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query(`create schema ${schema}`);
    const elsewhere = await createPostgresStore({
      database: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 2 }),
      followIntervalMs: 0,
      lockTimeoutMs: 150,
    });
    try {
      await holder.query('begin');
      await holder.query(`select pg_advisory_xact_lock(${0x7e55e2a1}, hashtext(current_schema()))`);
      const { revision } = await elsewhere.write([{ op: 'settings.set', settings: elsewhere.engine.settings }], {
        actor: SYSTEM_ACTOR,
      });
      assert.ok(revision > 0);
      // The same lock taken in that schema holds its writes back.
      const second = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await second.connect();
      try {
        await second.query('begin');
        await second.query(`select pg_advisory_xact_lock(${0x7e55e2a1}, hashtext(current_schema()))`);
        await assert.rejects(
          elsewhere.write([{ op: 'settings.set', settings: elsewhere.engine.settings }], { actor: SYSTEM_ACTOR }),
          (error: unknown) => error instanceof TesseraError && error.code === 'LOCK_TIMEOUT',
        );
      } finally {
        await second.query('rollback').catch(() => undefined);
        await second.end();
      }
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await elsewhere.close();
      await holder.query(`drop schema if exists ${schema} cascade`);
      await holder.end();
    }
  });

  test('the server survives a restart of PostgreSQL while idle, then writes again by itself', async () => {
    assert.equal((await createProject('before-restart')).status, 201);
    await cluster.restart();
    // The first write may find the database still closing connections: only 503 is acceptable meanwhile.
    await eventually('a write succeeds after the restart', async () => {
      const response = await createProject('after-restart');
      if (response.status === 201) return true;
      assertProblem(response, 503, 'unavailable');
      return false;
    });
    assert.equal((await check('after-restart')).body.allowed, true);
    const health = await new Client(server.url, null).get('/healthz');
    assert.equal(health.body.database, 'connected');
    assert.deepEqual(stray, []);
  });

  test('while PostgreSQL is down: decisions 200, writes 503 with Retry-After, /healthz 200 unavailable; after it returns, writes and catch-up', async () => {
    // Written by another server while this one is disconnected: this one learns of it by catching up.
    const other = await createPostgresStore({ database: url, followIntervalMs: 0 });
    try {
      await cluster.stop();
      // Long enough that the admin's cached token is due for a database check, which cannot be had.
      await sleep(5200);

      const decision = await check('after-restart');
      assert.equal(decision.status, 200, JSON.stringify(decision.body));
      assert.equal(decision.body.allowed, true);
      const batch = await admin.post('/v1/check/batch', {
        checks: [
          { user: 'admin', permission: 'project:view', resource: { type: 'project', id: `${home}/before-restart` } },
        ],
      });
      assert.equal(batch.status, 200);
      assert.deepEqual(batch.body.decisions, [{ allowed: true }]);

      const write = await createProject('during-outage');
      assertProblem(write, 503, 'unavailable');
      assert.equal(write.headers.get('retry-after'), '1');
      // The server's own tables (sessions, tokens) are unreachable too: a typed 503, never a 500.
      assertProblem(await admin.get('/v1/audit?limit=1'), 503, 'unavailable');
      assertProblem(await new Client(server.url, 'tpat_unknown').post('/v1/check', {}), 503, 'unavailable');

      const health = await new Client(server.url, null).get('/healthz');
      assert.equal(health.status, 200);
      assert.equal(health.body.status, 'ok');
      assert.equal(health.body.database, 'unavailable');
      assert.equal(health.body.revision, store.revision);
      assert.equal(store.health.database, 'unavailable');
      assert.notEqual(store.health.lastError, null);
      const metrics = await new Client(server.url, null).get('/metrics');
      assert.equal(metrics.status, 200);
      assert.match(String(metrics.body), /^tessera_database_up 0$/m);

      await cluster.start();
      const { revision } = await other.write(
        [
          {
            op: 'project.put',
            project: { id: randomUUID(), name: 'by-another-server', organization: server.bootstrap.home },
          },
        ],
        { actor: SYSTEM_ACTOR },
      );
      await eventually('the other server\u2019s write reaches this index', async () => store.revision >= revision);
      assert.equal((await check('by-another-server')).body.allowed, true);
      await eventually('a write succeeds after the database returns', async () => {
        const response = await createProject('after-outage');
        if (response.status === 201) return true;
        assertProblem(response, 503, 'unavailable');
        return false;
      });
      await eventually(
        '/healthz says connected',
        async () => (await new Client(server.url, null).get('/healthz')).body.database === 'connected',
      );
      assert.equal(store.health.database, 'connected');
      assert.deepEqual(stray, []);
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});
