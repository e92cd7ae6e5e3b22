import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from './store.js';

export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//.test(database);
}

/**
 * Opens a database: a `postgres://` URL, or a SQLite file (its directory created). Only the driver
 * the database needs is loaded, so a SQLite command line does not pay for `pg`, nor PostgreSQL for
 * the native SQLite module.
 */
export async function openDatabase(database: string): Promise<Store> {
  if (isPostgresUrl(database)) {
    const { createPostgresStore } = await import('./postgres/postgres-store.js');
    return createPostgresStore({ database });
  }
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  const { createSqliteStore } = await import('./sqlite/sqlite-store.js');
  return createSqliteStore({ database });
}
