import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import { createSqliteStore } from '../../src/store/index.js';

/** `Store.commitStamp`: what lets a server keep what it read from the database until anything is committed. */
describe('SQLite: the commit stamp moves with every commit, and only then', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-stamp-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  test("the store's own commits move it at once; another process's from the next turn of the event loop", async () => {
    const database = join(directory, 'tessera.db');
    const store = await createSqliteStore({ database, followIntervalMs: 0 });
    const other = new BetterSqlite3(database);
    try {
      const first = store.commitStamp();
      assert.equal(typeof first, 'number');
      await nextTurn();
      assert.equal(store.commitStamp(), first, 'nothing committed: unchanged, across turns too');

      await store.database
        .insertInto('accounts')
        .values({ user_id: 'u1', password_hash: 'x', updated_at: new Date().toISOString() })
        .execute();
      const afterOwn = store.commitStamp();
      assert.notEqual(afterOwn, first, "the store's own commit, in the same turn");

      await store.write(
        [
          {
            op: 'organization.put',
            organization: { id: randomUUID(), name: 'stamped', parent: null, requireTwoFactor: false, adminRole: null },
          },
        ],
        {
          actor: SYSTEM_ACTOR,
        },
      );
      const afterWrite = store.commitStamp();
      assert.notEqual(afterWrite, afterOwn, 'a write to the model');

      await nextTurn();
      const settled = store.commitStamp();
      other.prepare("UPDATE accounts SET password_hash = 'y' WHERE user_id = 'u1'").run();
      await nextTurn();
      assert.notEqual(store.commitStamp(), settled, "another connection's commit, from the next turn");
      const seen = store.commitStamp();
      await nextTurn();
      assert.equal(store.commitStamp(), seen, 'and then unchanged again');
    } finally {
      other.close();
      await store.close();
    }
    const closed = store.commitStamp();
    assert.notEqual(store.commitStamp(), closed, 'a closed store never answers the same stamp twice');
  });

  test('an in-memory database offers no stamp: nothing is kept', async () => {
    const store = await createSqliteStore({ database: ':memory:', followIntervalMs: 0 });
    try {
      assert.equal(store.commitStamp(), undefined);
    } finally {
      await store.close();
    }
  });
});
