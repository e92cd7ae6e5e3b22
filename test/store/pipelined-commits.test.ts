import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Change } from '../../src/core/changes.js';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import type { Database, Store, WriteResult } from '../../src/store/index.js';
import { openStore } from '../../src/store/kysely-store.js';
import { durableCommits } from '../../src/store/sqlite/durable-commits.js';
import { sqliteAdapter } from '../../src/store/sqlite/sqlite-store.js';

/**
 * The group commit's pipeline on SQLite (src/store/kysely-store.ts, StoreAdapter.commit): a
 * group releases the write lock once committed to the WAL, the next group commits while the
 * first one's sync runs, and each write is answered only after a sync that began after its own
 * commit. The WAL's sync is replaced by one the test settles itself.
 */

const directory = mkdtempSync(join(tmpdir(), 'tessera-pipelined-commits-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const user = (id: string): Change => ({
  op: 'user.put',
  user: { id, username: id, store: 'PRIMARY', email: null, status: 'active' },
});

/** Whether a promise has settled after the event loop had a few turns. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return done;
}

/** Waits until `condition` holds (the store commits on a later turn of the event loop). */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('pipelined group commit (SQLite)', () => {
  const file = join(directory, 'tessera.db');
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  let store: Store;
  let observer: BetterSqlite3.Database;
  /** The newest revision committed to the database, as another connection sees it. */
  const committed = () => Number(observer.prepare('select max(revision) from change_log').pluck().get() ?? 0);

  before(async () => {
    const database = new BetterSqlite3(file);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    let syncing = false;
    const hook = durableCommits(database, file, {
      // The store's opening (migrations, its first load) syncs at once; the writes below wait for the test.
      sync: () =>
        syncing ? new Promise<void>((resolve, reject) => pending.push({ resolve, reject })) : Promise.resolve(),
      close: async () => undefined,
    });
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database, onCreateConnection: hook.onCreateConnection }),
    });
    store = await openStore(
      db,
      { ...sqliteAdapter, commit: (conn) => hook.deferred(() => sql`commit`.execute(conn)) },
      { followIntervalMs: 0 },
    );
    await store.write([user('u-0')], { actor: SYSTEM_ACTOR });
    syncing = true;
    observer = new BetterSqlite3(file, { readonly: true });
  });
  after(async () => {
    for (const sync of pending.splice(0)) sync.resolve();
    observer.close();
    await store.close();
  });

  test('the next group commits while the one before syncs; each write is answered after its own sync', async () => {
    const start = store.revision;
    const first = store.write([user('u-1')], { actor: SYSTEM_ACTOR });
    await until(() => pending.length === 1);
    assert.equal(committed(), start + 1);
    assert.equal(await settled(first), false, 'answered before its commit was synced');

    // The write lock is free: a second write commits while the first one's sync runs.
    const second = store.write([user('u-2')], { actor: SYSTEM_ACTOR });
    await until(() => committed() === start + 2);
    assert.equal(pending.length, 1, 'the second sync waits for the first');

    pending.shift()!.resolve();
    assert.deepEqual(await first, { revision: start + 1 });
    // The first sync began before the second commit: it does not cover it.
    assert.equal(await settled(second), false, 'answered on a sync that began before its commit');
    await until(() => pending.length === 1);
    pending.shift()!.resolve();
    assert.deepEqual(await second, { revision: start + 2 });
  });

  test('a sync that fails answers its group with an error and the next group goes on', async () => {
    const start = store.revision;
    const failing = store.write([user('u-3')], { actor: SYSTEM_ACTOR });
    await until(() => pending.length === 1);
    pending.shift()!.reject(new Error('the disk failed'));
    await assert.rejects(failing, /the disk failed/);
    const next: Promise<WriteResult> = store.write([user('u-4')], { actor: SYSTEM_ACTOR });
    await until(() => pending.length === 1);
    pending.shift()!.resolve();
    assert.deepEqual(await next, { revision: start + 2 });
  });
});
