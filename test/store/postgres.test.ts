import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { createPostgresStore } from '../../src/store/index.js';
import { parseNotification, postgresAdapter } from '../../src/store/postgres/postgres-store.js';
import type { Database } from '../../src/store/schema.js';
import { ENTITY_TABLES, MIGRATIONS_TABLE, SERVER_TABLES } from '../../src/store/schema.js';
import { storeContract } from './contract.js';

/** A database this suite may empty, e.g. `postgres://postgres:postgres@127.0.0.1:5432/tessera_test`. */
const url = process.env.TESSERA_TEST_POSTGRES_URL;

if (url === undefined || url === '') {
  // Not a skip: CI provides the database, and a missing one must not pass unnoticed.
  test('store contract: PostgreSQL', () => assert.fail('TESSERA_TEST_POSTGRES_URL is not set'));
} else {
  const tables = [...Object.values(ENTITY_TABLES), 'change_log', MIGRATIONS_TABLE, ...SERVER_TABLES];
  storeContract('PostgreSQL', {
    open: (options) => createPostgresStore({ ...options, database: url }),
    async reset() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop table if exists ${tables.map((t) => `"${t}"`).join(', ')} cascade`);
      } finally {
        await client.end();
      }
    },
  });

  test('PostgreSQL: a store follows other servers through LISTEN/NOTIFY, without polling', async () => {
    const writer = await createPostgresStore({ database: url, followIntervalMs: 0 });
    const listener = await createPostgresStore({ database: url, followIntervalMs: 0 });
    try {
      const { revision } = await writer.write(
        [
          {
            op: 'user.put',
            user: { id: 'u-notified', username: 'notified', store: 'PRIMARY', email: null, status: 'active' },
          },
        ],
        { actor: SYSTEM_ACTOR },
      );
      // A wait that ends as soon as the change is in; long only for a busy machine.
      const deadline = Date.now() + 20_000;
      while (listener.revision < revision && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      assert.equal(listener.engine.user('u-notified')?.username, 'notified');
    } finally {
      await writer.close();
      await listener.close();
    }
  });

  test('PostgreSQL: a write wakes the servers of its own schema only, not another installation in the same database', async () => {
    const schemas = [`tessera_notify_a_${process.pid}`, `tessera_notify_b_${process.pid}`];
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
    const pools = schemas.map(
      (schema) => new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 2 }),
    );
    const dbs = pools.map((pool) => new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
    const adapters = pools.map((pool) => postgresAdapter(pool));
    const heard: number[][] = [[], []];
    const stops = await Promise.all(
      adapters.map((adapter, i) => adapter.listen!((revision) => heard[i]!.push(revision))),
    );
    try {
      // Announced in this order: schema a's 7, then schema b's 8, then a's 9; each listener hears its own.
      await adapters[0]!.announce!(dbs[0]!, 7);
      await adapters[1]!.announce!(dbs[1]!, 8);
      await adapters[0]!.announce!(dbs[0]!, 9);
      const deadline = Date.now() + 2000;
      while ((heard[0]!.length < 2 || heard[1]!.length < 1) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      // One more announcement in b, after a's: b has had the time to hear a's 9, had it been sent to it.
      await adapters[1]!.announce!(dbs[1]!, 10);
      while (heard[1]!.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual(heard, [
        [7, 9],
        [8, 10],
      ]);
    } finally {
      for (const stop of stops) await stop();
      for (const db of dbs) await db.destroy();
      for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  });

  test('PostgreSQL: a notification carries its batches when they fit; a bare revision, of an earlier server, wakes everyone', () => {
    const batch = [{ op: 'user.delete', id: 'u-1' }];
    assert.deepEqual(
      parseNotification(`{"schema":"tenant_a","revision":42,"batches":[[42,${JSON.stringify(batch)}]]}`),
      {
        revision: 42,
        schema: 'tenant_a',
        batches: [{ revision: 42, changes: batch }],
      },
    );
    assert.deepEqual(parseNotification('{"schema":"","revision":42,"batches":null}'), {
      revision: 42,
      schema: '',
      batches: null,
    });
    assert.deepEqual(parseNotification('42'), { revision: 42, schema: null, batches: null });
  });

  test('PostgreSQL: a server applies the batches a notification carries without reading the change log; large ones are left to the log', async () => {
    const schema = `tessera_carried_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
    const pool = () => new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 2 });
    const follower = await createPostgresStore({ database: pool(), followIntervalMs: 0 });
    const announcer = pool();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: announcer }) });
    const adapter = postgresAdapter(announcer);
    try {
      const next = follower.revision + 1;
      // Announced only (no change-log entry): the follower can know it from the notification alone.
      const carried = [
        {
          op: 'user.put',
          user: { id: 'u-carried', username: 'carried', store: 'PRIMARY', email: null, status: 'active' },
        },
      ];
      await adapter.announce!(db, next, [[next, JSON.stringify(carried)]]);
      const deadline = Date.now() + 2000;
      while (follower.revision < next && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      assert.equal(follower.revision, next);
      assert.equal(follower.engine.user('u-carried')?.username, 'carried');

      // Too large to carry: the notification names the revision only, and the log (empty here) is read.
      const large = [
        {
          op: 'user.put',
          user: { id: 'u-large', username: 'x'.repeat(8000), store: 'PRIMARY', email: null, status: 'active' },
        },
      ];
      await adapter.announce!(db, next + 1, [[next + 1, JSON.stringify(large)]]);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(follower.revision, next);
      assert.equal(follower.engine.user('u-large'), undefined);
    } finally {
      await follower.close();
      await db.destroy();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  });
}
