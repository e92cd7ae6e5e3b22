import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDialectConfig, sql } from 'kysely';
import type { StoreAdapter } from '../adapter.js';
import { openStore } from '../kysely-store.js';
import { startCheckpointer } from './checkpointer.js';
import { durableCommits } from './durable-commits.js';
import type { Database } from '../schema.js';
import type { Store, StoreOptions } from '../store.js';

/** The part of a `better-sqlite3` database the store uses; tests may pass `:memory:` or a file. */
export type SqliteDatabase = Pick<BetterSqlite3.Database, 'prepare' | 'pragma' | 'close'>;

export interface SqliteStoreConfig extends StoreOptions {
  /** A file path (created if missing), or an open database, which the store then owns and closes. */
  readonly database: string | SqliteDatabase;
}

const RETRY_MS = 5;

export const sqliteAdapter: StoreAdapter = {
  supportsTransactionalDdl: true,
  async begin(db, _lock, timeoutMs) {
    // One write lock serves both: BEGIN IMMEDIATE takes SQLite's only write lock at once. Waiting
    // is done here, asynchronously: busy_timeout would block the event loop (and every other
    // store in this process) while another connection holds the lock.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await sql`begin immediate`.execute(db);
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        await sleep(RETRY_MS + Math.random() * RETRY_MS);
      }
    }
  },
};

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

/**
 * A store in one SQLite file in WAL mode: readers never wait for the writer, and several
 * processes may share the file; writes take turns on SQLite's write lock.
 */
export async function createSqliteStore(config: SqliteStoreConfig): Promise<Store> {
  const opened = typeof config.database === 'string' ? new BetterSqlite3(config.database) : undefined;
  const database: SqliteDatabase = opened ?? (config.database as SqliteDatabase);
  database.pragma('journal_mode = WAL');
  const file = fileOf(config.database);
  // An acknowledged commit is on disk, so it survives a power loss too, not only a killed process:
  // FULL fsyncs in COMMIT; for a file, NORMAL with the WAL fsynced beside the event loop (durable-commits.ts).
  const durable = file !== undefined && opened !== undefined ? durableCommits(opened, file) : undefined;
  database.pragma(durable === undefined ? 'synchronous = FULL' : 'synchronous = NORMAL');
  database.pragma('busy_timeout = 0');
  // A file's checkpoints run in a worker, not in the commit that crosses the threshold.
  if (file !== undefined) database.pragma('wal_autocheckpoint = 0');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: cachingStatements(database),
      ...(durable === undefined ? {} : { onCreateConnection: durable.onCreateConnection }),
    }),
  });
  // One connection: a raw read inside the store's transaction runs on it, as Kysely's do.
  const selectRaw = async (_db: Kysely<Database>, query: string): Promise<unknown[][]> =>
    database.prepare(query).raw(true).all() as unknown[][];
  const selectColumn = async (_db: Kysely<Database>, query: string): Promise<unknown[]> =>
    database.prepare(query).pluck(true).all() as unknown[];
  if (file === undefined) return openStore(db, { ...sqliteAdapter, selectRaw, selectColumn }, config);
  const stopCheckpointer = startCheckpointer(file);
  const dispose = async () => {
    await stopCheckpointer();
    await durable?.close();
  };
  const reader = readerOf(file);
  return openStore(
    db,
    {
      ...sqliteAdapter,
      selectRaw,
      selectColumn,
      reader: reader.db,
      commitStamp: commitStampOf(database, reader.connection),
      ...(durable === undefined
        ? {}
        : { commit: (db: Kysely<Database>) => durable.deferred(() => sql`commit`.execute(db)) }),
      dispose,
    },
    config,
  );
}

/** The file a path names; none for an open database or `:memory:` (no other connection would see it). */
function fileOf(database: string | SqliteDatabase): string | undefined {
  return typeof database !== 'string' || database === ':memory:' || database === '' ? undefined : database;
}

/**
 * A read-only connection to the same file: in WAL mode it reads the last commit while the store's
 * connection holds a write transaction, so a request's credential lookup doesn't wait for a large
 * write.
 */
function readerOf(file: string): { db: Kysely<Database>; connection: BetterSqlite3.Database } {
  const connection = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  // Readers of a WAL database wait only while another connection recovers it after a crash.
  connection.pragma('busy_timeout = 1000');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(connection) }) }),
    connection,
  };
}

/** How many prepared statements a connection keeps; past it, the cache starts again empty. */
const STATEMENTS_KEPT = 256;

/**
 * The connection as Kysely's SQLite dialect sees it, with its statements prepared once per SQL
 * text: Kysely prepares each query it runs, and preparing costs more than running the small
 * statements of a write. A statement is run to completion (`all` or `run`) before the next query
 * (the store streams nothing), so sharing one is safe.
 */
function cachingStatements(database: SqliteDatabase): SqliteDialectConfig['database'] {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (statement === undefined) {
        statement = database.prepare(text);
        if (statements.size >= STATEMENTS_KEPT) statements.clear();
        statements.set(text, statement);
      }
      return statement;
    },
  } as SqliteDialectConfig['database'];
}

/**
 * The store's `commitStamp`: a counter moved by every change the store's own connection makes
 * (`total_changes()`, a counter in memory, read at every call: this process's commits are seen at
 * once) and by every commit of another connection or process (the reader's `PRAGMA data_version`,
 * which takes the WAL's shared-memory locks, a few microseconds: read once per turn of the event
 * loop, so another process's commit is seen from the next turn, as a read of the database started
 * in this turn would see it at best).
 */
function commitStampOf(writer: SqliteDatabase, reader: BetterSqlite3.Database): () => number {
  const changes = writer.prepare('SELECT total_changes()').pluck();
  const dataVersion = reader.prepare('PRAGMA data_version').pluck();
  let stamp = 0;
  let lastChanges = -1;
  let lastVersion = -1;
  let versionRead = false;
  const forget = () => {
    versionRead = false;
  };
  return () => {
    // A closed store's stamp moves at every call: nothing read before is trusted after.
    if (!reader.open || (writer as { open?: boolean }).open === false) return ++stamp;
    if (!versionRead) {
      versionRead = true;
      setImmediate(forget);
      const version = dataVersion.get() as number;
      if (version !== lastVersion) {
        lastVersion = version;
        stamp++;
      }
    }
    const changed = changes.get() as number;
    if (changed !== lastChanges) {
      lastChanges = changed;
      stamp++;
    }
    return stamp;
  };
}
