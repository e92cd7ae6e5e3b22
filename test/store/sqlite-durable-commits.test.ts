import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { durableCommits } from '../../src/store/sqlite/durable-commits.js';

/**
 * SQLite's commits are made durable beside the event loop (src/store/sqlite/durable-commits.ts):
 * every statement that ends a write resolves only once the WAL is synced, reads and rollbacks
 * sync nothing. The sync is replaced by one the test settles itself.
 */

interface Table {
  t: { x: number };
}

const directory = mkdtempSync(join(tmpdir(), 'tessera-durable-commits-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function harness(name: string) {
  const file = join(directory, `${name}.db`);
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.exec('create table t (x integer)');
  const pending: (() => void)[] = [];
  let syncs = 0;
  const wal = {
    sync: () =>
      new Promise<void>((resolve) => {
        syncs++;
        pending.push(resolve);
      }),
    close: async () => undefined,
  };
  const hook = durableCommits(database, file, wal);
  const db = new Kysely<Table>({
    dialect: new SqliteDialect({ database, onCreateConnection: hook.onCreateConnection }),
  });
  /** Settles the syncs asked so far; answers how many. */
  const release = () => {
    const n = pending.length;
    for (const resolve of pending.splice(0)) resolve();
    return n;
  };
  return { db, hook, syncs: () => syncs, release };
}

/** Whether a promise has settled after the event loop had its turn. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('durable SQLite commits', () => {
  test('a commit resolves only after the WAL is synced, and its statements before it sync nothing', async () => {
    const { db, syncs, release } = harness('commit');
    await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      await conn.insertInto('t').values({ x: 1 }).execute();
      await conn.insertInto('t').values({ x: 2 }).execute();
      assert.equal(syncs(), 0);
      const commit = sql`commit`.execute(conn);
      assert.equal(await settled(commit), false);
      assert.equal(syncs(), 1);
      assert.equal(release(), 1);
      await commit;
    });
    await db.destroy();
  });

  test('a write outside a transaction syncs before it resolves; reads and rollbacks do not', async () => {
    const { db, syncs, release } = harness('autocommit');
    const insert = db.insertInto('t').values({ x: 3 }).execute();
    assert.equal(await settled(insert), false);
    assert.equal(release(), 1);
    await insert;
    assert.deepEqual(await db.selectFrom('t').select('x').execute(), [{ x: 3 }]);
    await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      await conn.insertInto('t').values({ x: 4 }).execute();
      await sql`rollback`.execute(conn);
    });
    assert.equal(syncs(), 1);
    assert.deepEqual(await db.selectFrom('t').select('x').execute(), [{ x: 3 }]);
    await db.destroy();
  });

  test('a sync that fails fails the commit that waited for it', async () => {
    const file = join(directory, 'failing.db');
    const database = new BetterSqlite3(file);
    database.pragma('journal_mode = WAL');
    database.exec('create table t (x integer)');
    const hook = durableCommits(database, file, {
      sync: async () => {
        throw new Error('the disk failed');
      },
      close: async () => undefined,
    });
    const db = new Kysely<Table>({
      dialect: new SqliteDialect({ database, onCreateConnection: hook.onCreateConnection }),
    });
    await assert.rejects(db.insertInto('t').values({ x: 5 }).execute(), /the disk failed/);
    await db.destroy();
  });

  test('a deferred commit releases the write lock before its sync, and hands the sync to wait for', async () => {
    const { db, hook, syncs, release } = harness('deferred');
    const { synced } = await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      await conn.insertInto('t').values({ x: 6 }).execute();
      return hook.deferred(() => sql`commit`.execute(conn));
    });
    // Committed and the lock free: the next transaction begins and sees it, the sync still running.
    assert.equal(syncs(), 1);
    assert.equal(await settled(synced), false);
    await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      assert.deepEqual(await conn.selectFrom('t').select('x').execute(), [{ x: 6 }]);
      await sql`rollback`.execute(conn);
    });
    assert.equal(release(), 1);
    await synced;
    await db.destroy();
  });

  test('commits that end while a sync runs share one sync after it, and each settles after the ones before', async () => {
    const { db, hook, syncs, release } = harness('coalesced');
    const commit = (x: number) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        await conn.insertInto('t').values({ x }).execute();
        return hook.deferred(() => sql`commit`.execute(conn));
      });
    const { synced: first } = await commit(7);
    const { synced: second } = await commit(8);
    const { synced: third } = await commit(9);
    // The first sync runs; the two commits after it wait for one more, not one each.
    assert.equal(syncs(), 1);
    assert.equal(release(), 1);
    assert.equal(await settled(first), true);
    assert.equal(await settled(second), false);
    assert.equal(syncs(), 2);
    assert.equal(release(), 1);
    await Promise.all([second, third]);
    assert.equal(syncs(), 2);
    await db.destroy();
  });
});
