import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { TesseraError } from '../../src/core/index.js';
import { MIGRATIONS, type Migration, migrateToLatest } from '../../src/store/migrations/index.js';
import type { Database } from '../../src/store/schema.js';
import { sqliteAdapter } from '../../src/store/sqlite/sqlite-store.js';

function memory(): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
}

describe('migrations', () => {
  it('apply pending steps in order, once, and record them', async () => {
    const db = memory();
    try {
      const first = await migrateToLatest(db, sqliteAdapter, MIGRATIONS, 1000);
      assert.equal(first.error, undefined);
      assert.deepEqual(
        first.applied,
        MIGRATIONS.map((m) => m.name),
      );
      const again = await migrateToLatest(db, sqliteAdapter, MIGRATIONS, 1000);
      assert.deepEqual(again, { applied: [] });
      const recorded = await db.selectFrom('tessera_migrations').select('name').orderBy('name').execute();
      assert.deepEqual(
        recorded.map((r) => r.name),
        MIGRATIONS.map((m) => m.name),
      );
    } finally {
      await db.destroy();
    }
  });

  it('a failing step applies nothing of the run and is reported, not thrown', async () => {
    const db = memory();
    try {
      const broken: Migration = {
        name: '9999-broken',
        async up(conn) {
          await conn.schema.createTable('half').addColumn('id', 'text').execute();
          throw new Error('boom');
        },
      };
      const result = await migrateToLatest(db, sqliteAdapter, [...MIGRATIONS, broken], 1000);
      assert.match(String(result.error), /boom/);
      assert.deepEqual(result.applied, []);
      const tables = await db.introspection.getTables();
      assert.deepEqual(
        tables.map((t) => t.name),
        [],
      );
    } finally {
      await db.destroy();
    }
  });

  it('are forward-only: a database migrated by a newer version is refused', async () => {
    const db = memory();
    try {
      const newer: Migration = { name: '9999-newer', async up() {} };
      await migrateToLatest(db, sqliteAdapter, [...MIGRATIONS, newer], 1000);
      const result = await migrateToLatest(db, sqliteAdapter, MIGRATIONS, 1000);
      assert.equal((result.error as TesseraError).code, 'MIGRATION_FAILED');
    } finally {
      await db.destroy();
    }
  });
});
