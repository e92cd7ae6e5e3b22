import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createSqliteStore } from '../../src/store/index.js';

describe('SQLite: reads on the path of every request do not wait for a write', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-reader-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  test('the reader answers while a write transaction is open, and sees only what is committed', async () => {
    const store = await createSqliteStore({ database: join(directory, 'tessera.db'), followIntervalMs: 0 });
    try {
      assert.notEqual(store.reader, store.database, 'a connection of its own');
      const accounts = () => store.reader.selectFrom('accounts').select('user_id').execute();
      let during: unknown[] | undefined;
      await store.transact(async (tx) => {
        await tx
          .insertInto('accounts')
          .values({ user_id: 'u1', password_hash: 'x', updated_at: new Date().toISOString() })
          .execute();
        // On the store's own connection this would wait for the transaction: it would never end.
        during = await accounts();
      });
      assert.deepEqual(during, [], 'the uncommitted row is not seen');
      assert.deepEqual(await accounts(), [{ user_id: 'u1' }], 'the committed row is');
    } finally {
      await store.close();
    }
  });

  test('an in-memory database has no second connection: the reader is the store connection', async () => {
    const store = await createSqliteStore({ database: ':memory:', followIntervalMs: 0 });
    try {
      assert.equal(store.reader, store.database);
    } finally {
      await store.close();
    }
  });
});
