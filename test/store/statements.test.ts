import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../src/store/schema.js';
import { Statements } from '../../src/store/statements.js';

/**
 * The write path's statements compiled once per shape (src/store/statements.ts): the same text
 * runs with each call's parameters, and a shape whose compiled parameters come out in another
 * order than the caller gives them is refused before it runs.
 */

function open(): { db: Kysely<Database>; database: BetterSqlite3.Database } {
  const database = new BetterSqlite3(':memory:');
  database.exec('create table change_log (revision integer primary key, changes text not null, created_at text)');
  database.exec(
    'create table organization_members (organization text, user_id text, joined_at text, primary key (organization, user_id))',
  );
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), database };
}

test('statements: inserts and deletes of each shape run with their own values, conflicts ignored when asked', async () => {
  const { db, database } = open();
  const statements = new Statements();
  const columns = ['revision', 'changes', 'created_at'];
  await statements.insert(db, 'change_log', columns, [[1, '[1]', 'a']]);
  await statements.insert(db, 'change_log', columns, [
    [2, '[2]', 'b'],
    [3, '[3]', 'c'],
  ]);
  await statements.insert(db, 'change_log', columns, [[4, '[4]', 'd']]);
  assert.deepEqual(
    database.prepare('select revision, changes, created_at from change_log order by revision').raw().all(),
    [
      [1, '[1]', 'a'],
      [2, '[2]', 'b'],
      [3, '[3]', 'c'],
      [4, '[4]', 'd'],
    ],
  );
  const members = ['organization', 'user_id', 'joined_at'];
  const key = ['organization', 'user_id'];
  await statements.insert(db, 'organization_members', members, [['o', 'u', 'first']], key);
  await statements.insert(db, 'organization_members', members, [['o', 'u', 'second']], key);
  assert.deepEqual(database.prepare('select joined_at from organization_members').pluck().all(), ['first']);
  database.exec('create table users (key text primary key)');
  database.exec("insert into users values ('a'), ('b'), ('c')");
  await statements.deleteKeys(db, 'users', ['a', 'c']);
  assert.deepEqual(database.prepare('select key from users').pluck().all(), ['b']);
  await db.destroy();
});

test('statements: a shape whose parameters come out in another order than given is refused, and nothing runs', async () => {
  const { db, database } = open();
  const statements = new Statements();
  await assert.rejects(
    async () =>
      statements.run(
        db,
        'reversed',
        (k) => k.insertInto('change_log').values({ changes: 'b', revision: 1 } as never),
        [1, 'b'],
        [5, '[5]'],
      ),
    /another order/,
  );
  assert.equal(database.prepare('select count(*) from change_log').pluck().get(), 0);
  await db.destroy();
});
