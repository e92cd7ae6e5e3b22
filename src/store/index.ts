export * from './store.js';
export type { StoreAdapter, StoreLock } from './adapter.js';
export type { Database } from './schema.js';
export { MIGRATIONS, migrateToLatest, type Migration, type MigrationResult } from './migrations/index.js';
export { createSqliteStore, type SqliteStoreConfig } from './sqlite/sqlite-store.js';
export { createPostgresStore, type PostgresStoreConfig } from './postgres/postgres-store.js';
export { applyDocumentToStore, exportStoreDocument, type StoreDocumentOptions } from './documents.js';
