import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import { PRIMARY_STORE } from '../../src/core/model.js';
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

describe('SQLite: checkpoints run beside the event loop', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-checkpoint-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  test('committed pages reach the database file while the store is open, and the WAL is emptied at close', async () => {
    const file = join(directory, 'tessera.db');
    const store = await createSqliteStore({ database: file, followIntervalMs: 0 });
    const before = statSync(file).size;
    try {
      await store.write(
        Array.from({ length: 2_000 }, (_, i) => ({
          op: 'user.put' as const,
          user: { id: randomUUID(), username: `u${i}`, store: PRIMARY_STORE, email: null, status: 'active' as const },
        })),
        { actor: SYSTEM_ACTOR },
      );
      const deadline = Date.now() + 10_000;
      while (statSync(file).size <= before && Date.now() < deadline) await sleep(50);
      assert.ok(statSync(file).size > before, 'the checkpointer copied the commit into the database file');
    } finally {
      await store.close();
    }
    assert.equal(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0, 0, 'nothing left in the WAL');
    const reopened = await createSqliteStore({ database: file, followIntervalMs: 0 });
    try {
      assert.equal(reopened.engine.users().filter((u) => u.username.startsWith('u')).length, 2_000);
    } finally {
      await reopened.close();
    }
  });
});
