import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Change } from '../../src/core/index.js';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import { changeLogSettings } from '../../src/server/change-log.js';
import { compactChangeLog, oldestLoggedRevision } from '../../src/store/compaction.js';
import { type Store, createSqliteStore } from '../../src/store/index.js';
import { openStore } from '../../src/store/kysely-store.js';
import { postgresAdapter } from '../../src/store/postgres/postgres-store.js';
import type { Database } from '../../src/store/schema.js';

/**
 * The change log is compacted to a tail (src/store/compaction.ts), and a store whose next batch is
 * no longer in it rebuilds its index from the tables instead of replaying: on both databases, with
 * two stores on one database standing for two servers. The second hears no notifications and does
 * not poll, so it falls behind exactly as far as the test says.
 */

interface Shared {
  /** A store that follows nothing by itself: it catches up only when asked (sync, a write). */
  open(): Promise<Store>;
  close(): Promise<void>;
}

function userPut(username: string): Change {
  return { op: 'user.put', user: { id: `u-${username}`, username, store: 'PRIMARY', email: null, status: 'active' } };
}

async function writeUsers(store: Store, prefix: string, count: number): Promise<number> {
  let revision = 0;
  for (let i = 0; i < count; i++)
    revision = (await store.write([userPut(`${prefix}${i}`)], { actor: SYSTEM_ACTOR })).revision;
  return revision;
}

function suite(name: string, database: () => Shared): void {
  describe(`change-log compaction: ${name}`, () => {
    let writer: Store;
    let follower: Store;
    const stores: Store[] = [];
    const open = async () => {
      const store = await database().open();
      stores.push(store);
      return store;
    };
    before(async () => {
      writer = await open();
      follower = await open();
    });
    after(async () => {
      for (const store of stores) await store.close();
      await database().close();
    });

    test('keeps the newest entries and every entry younger than the kept time, and always the newest one', async () => {
      const newest = await writeUsers(writer, 'tail-', 10);
      const first = (await oldestLoggedRevision(writer.database))!;
      // Everything is young: nothing goes, however few revisions are asked for.
      assert.equal(await compactChangeLog(writer.database, { keepRevisions: 3, keepSeconds: 3600 }), 0);
      assert.equal(await oldestLoggedRevision(writer.database), first);
      // Old enough: only the newest 3 revisions stay.
      const later = Date.now() + 2000;
      const deleted = await compactChangeLog(writer.database, { keepRevisions: 3, keepSeconds: 1 }, later);
      assert.equal(deleted, newest - 3 - first + 1);
      assert.equal(await oldestLoggedRevision(writer.database), newest - 2);
      // Asked to keep none, it keeps the newest: the store's revision is read there.
      await compactChangeLog(writer.database, { keepRevisions: 0, keepSeconds: 0 }, later);
      assert.equal(await oldestLoggedRevision(writer.database), newest);
      const reopened = await open();
      assert.equal(reopened.revision, newest);
      assert.equal(reopened.engine.user('u-tail-9')?.username, 'tail-9');
    });

    test('a store within the kept tail catches up by replaying it, keeping its index', async () => {
      await follower.sync();
      const index = follower.engine;
      const newest = await writeUsers(writer, 'replay-', 3);
      await compactChangeLog(writer.database, { keepRevisions: 3, keepSeconds: 0 }, Date.now() + 2000);
      assert.equal(await follower.sync(), newest);
      assert.equal(follower.engine, index, 'the same index, replayed forward');
      assert.equal(follower.engine.user('u-replay-2')?.username, 'replay-2');
    });

    test('a store behind the kept tail rebuilds its index from the tables on sync, and reaches the newest revision', async () => {
      await follower.sync();
      const index = follower.engine;
      const newest = await writeUsers(writer, 'gone-', 5);
      await compactChangeLog(writer.database, { keepRevisions: 1, keepSeconds: 0 }, Date.now() + 2000);
      assert.equal(await oldestLoggedRevision(writer.database), newest);
      assert.equal(await follower.sync(), newest);
      assert.notEqual(follower.engine, index, 'a new index, rebuilt');
      for (let i = 0; i < 5; i++) assert.equal(follower.engine.user(`u-gone-${i}`)?.username, `gone-${i}`);
      assert.equal(follower.version('user', 'u-gone-2'), writer.version('user', 'u-gone-2'));
      // atLeast: a wait for the newest revision is answered.
      assert.equal(await follower.waitFor(newest, { timeoutMs: 1000 }), newest);
    });

    test('a store behind the kept tail rebuilds its index inside a write, and the write follows the newest revision', async () => {
      await follower.sync();
      const newest = await writeUsers(writer, 'before-write-', 4);
      await compactChangeLog(writer.database, { keepRevisions: 1, keepSeconds: 0 }, Date.now() + 2000);
      const { revision } = await follower.write([userPut('written-after')], { actor: SYSTEM_ACTOR });
      assert.equal(revision, newest + 1);
      for (let i = 0; i < 4; i++)
        assert.equal(follower.engine.user(`u-before-write-${i}`)?.username, `before-write-${i}`);
      assert.equal(await writer.sync(), revision);
      assert.equal(writer.engine.user('u-written-after')?.username, 'written-after');
    });
  });
}

const directory = mkdtempSync(join(tmpdir(), 'tessera-compaction-'));
after(() => rmSync(directory, { recursive: true, force: true }));

suite('SQLite', () => ({
  open: () => createSqliteStore({ database: join(directory, 'tessera.db'), followIntervalMs: 0 }),
  async close() {},
}));

const url = process.env.TESSERA_TEST_POSTGRES_URL;
if (url === undefined || url === '') {
  // Not a skip: CI provides the database, and a missing one must not pass unnoticed.
  test('change-log compaction: PostgreSQL', () => assert.fail('TESSERA_TEST_POSTGRES_URL is not set'));
} else {
  const schema = `tessera_compaction_${process.pid}_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(query).finally(() => client.end());
  };
  let created: Promise<void> | undefined;
  suite('PostgreSQL', () => ({
    async open() {
      created ??= admin(`create schema ${schema}`);
      await created;
      const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 2 });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      // No LISTEN: the store hears of other writes only when it asks.
      return openStore(db, { ...postgresAdapter(pool), listen: undefined }, { followIntervalMs: 0 });
    },
    close: () => admin(`drop schema if exists ${schema} cascade`),
  }));
}

describe('change-log settings', () => {
  test('come from the environment, with the documented defaults and at least one revision kept', () => {
    assert.deepEqual(changeLogSettings({}), {
      retention: { keepRevisions: 100_000, keepSeconds: 604_800 },
      everySeconds: 600,
    });
    assert.deepEqual(
      changeLogSettings({
        TESSERA_CHANGE_LOG_KEEP_REVISIONS: '0',
        TESSERA_CHANGE_LOG_KEEP_SECONDS: '60',
        TESSERA_CHANGE_LOG_COMPACT_SECONDS: '0',
      }),
      { retention: { keepRevisions: 1, keepSeconds: 60 }, everySeconds: 0 },
    );
    assert.equal(changeLogSettings({ TESSERA_CHANGE_LOG_KEEP_SECONDS: 'soon' }).retention.keepSeconds, 604_800);
  });
});
