import { type Kysely, sql } from 'kysely';
import { TesseraError } from '../../core/errors.js';
import type { StoreAdapter } from '../adapter.js';
import { type Database, MIGRATIONS_TABLE } from '../schema.js';
import type { Migration } from './index.js';

export interface MigrationResult {
  /** The steps applied by this run, in order (empty when the schema was already current). */
  readonly applied: readonly string[];
  /** Set when the run failed; then nothing of it was applied. */
  readonly error?: unknown;
}

/**
 * Applies the pending steps in one transaction holding the migration lock, so two servers
 * starting together migrate once. A database migrated by a newer Tessera (a step this one does
 * not know) is refused: migrations only go forward.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  adapter: StoreAdapter,
  migrations: readonly Migration[],
  lockTimeoutMs: number,
): Promise<MigrationResult> {
  if (!adapter.supportsTransactionalDdl) {
    return { applied: [], error: new TesseraError('MIGRATION_FAILED', 'the database cannot roll back schema changes') };
  }
  return db.connection().execute(async (conn) => {
    try {
      await adapter.begin(conn, 'migrate', lockTimeoutMs);
    } catch (error) {
      return { applied: [], error };
    }
    const applied: string[] = [];
    try {
      await conn.schema
        .createTable(MIGRATIONS_TABLE)
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .execute();
      const done = new Set((await conn.selectFrom(MIGRATIONS_TABLE).select('name').execute()).map((r) => r.name));
      const known = new Set(migrations.map((m) => m.name));
      const unknown = [...done].filter((name) => !known.has(name));
      if (unknown.length > 0) {
        throw new TesseraError(
          'MIGRATION_FAILED',
          `the database was migrated by a newer version (${unknown.join(', ')})`,
          { unknown },
        );
      }
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        await migration.up(conn);
        await conn
          .insertInto(MIGRATIONS_TABLE)
          .values({ name: migration.name, applied_at: new Date().toISOString() })
          .execute();
        applied.push(migration.name);
      }
      await sql`commit`.execute(conn);
      return { applied };
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      return { applied: [], error };
    }
  });
}
