import type { Kysely } from 'kysely';
import type { Change } from '../core/changes.js';
import type { Database } from './schema.js';

/** Which of the database's locks a transaction holds. */
export type StoreLock = 'write' | 'migrate';

/**
 * What differs between databases, asked by the generic store instead of branching on a name
 * (kysely `DialectAdapter`). Every method runs on one connection (`db` comes from
 * `Kysely.connection()`).
 */
export interface StoreAdapter {
  /**
   * Schema changes roll back with their transaction, so a migration run is all or nothing. The
   * migrator requires it: both SQLite and PostgreSQL have it.
   */
  readonly supportsTransactionalDdl: boolean;

  /**
   * Begins a transaction holding `lock`, exclusive across every process sharing the database
   * (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: an advisory transaction lock), waiting at most
   * `timeoutMs` for it without blocking the event loop. Ended with `commit` or `rollback`.
   */
  begin(db: Kysely<Database>, lock: StoreLock, timeoutMs: number): Promise<void>;

  /**
   * Runs a read (in the database's SQL, on `db`'s connection) and returns its rows as arrays of
   * column values, in column order (better-sqlite3 `raw`): what loading the index reads its
   * hundreds of thousands of rows with. Absent: Kysely's rows, taken apart.
   */
  selectRaw?(db: Kysely<Database>, query: string): Promise<unknown[][]>;

  /**
   * A read of one column, as its values (better-sqlite3 `pluck`): no array per row. Absent:
   * `selectRaw`'s rows, or Kysely's, taken apart.
   */
  selectColumn?(db: Kysely<Database>, query: string): Promise<unknown[]>;

  /**
   * A second connection for reads that must not queue behind a write transaction (SQLite has one
   * connection, held from BEGIN to COMMIT; PostgreSQL's pool needs none). The store closes it.
   */
  readonly reader?: Kysely<Database>;

  /**
   * `Store.commitStamp`: a number that changes whenever anything is committed to the database,
   * read synchronously and cheaply (SQLite: the store connection's `total_changes()` and the
   * reader's `PRAGMA data_version`). Absent: there is no such cheap signal (PostgreSQL).
   */
  commitStamp?(): number;

  /**
   * Commits the transaction begun on `db`; resolves once it is committed and the write lock is
   * released, with `synced`, which settles once the commit is durable (SQLite: the WAL synced on
   * the thread pool, while the next group of writes builds). Absent: `COMMIT`, durable when it
   * resolves (PostgreSQL: the commit is the sync).
   */
  commit?(db: Kysely<Database>): Promise<{ readonly synced: Promise<void> }>;

  /** Releases what the adapter started beside the connection (a checkpointer); run by the store's close. */
  dispose?(): Promise<void>;

  /**
   * Tells the other servers that `revision` is being written, inside the write's transaction so
   * the news leaves only on commit (PostgreSQL `NOTIFY`). Absent: they find it by polling.
   * `batches` are the change-log entries the transaction writes, up to `revision`: the news carries
   * them when they fit (a few kilobytes), so the others apply them without reading the log.
   */
  announce?(db: Kysely<Database>, revision: number, batches?: readonly AnnouncedBatch[]): Promise<void>;

  /**
   * Calls `onRevision` when any server commits a write (PostgreSQL `LISTEN`), with the batches
   * the news carried (null: read them from the change log), so the index follows at once;
   * resolves with a function that stops listening. Absent: the store polls.
   * A lost connection is reported to `onStatus` with its error and reconnected with backoff; a
   * reconnection is reported with null, and the store then catches up with the change log
   * (notifications sent while disconnected are lost).
   */
  listen?(
    onRevision: (revision: number, batches: readonly CarriedBatch[] | null) => void,
    onStatus?: (error: unknown | null) => void,
  ): Promise<() => Promise<void>>;

  /**
   * Reports connection errors that surface outside any query (an idle pooled connection closed by
   * a database restart), which would otherwise be unhandled `'error'` events. Returns a function
   * that stops reporting.
   */
  watch?(onError: (error: unknown) => void): () => void;
}

/** A change-log entry as a notification carries it: its revision and its batch, as the log's JSON text. */
export type AnnouncedBatch = readonly [revision: number, changes: string];

/** A change-log entry as a notification brought it: its revision and its batch. */
export interface CarriedBatch {
  readonly revision: number;
  readonly changes: readonly Change[];
}
