import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { createPostgresStore } from '../../src/store/index.js';
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
}
