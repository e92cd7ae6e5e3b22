import { type FileHandle, open } from 'node:fs/promises';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';

/** What the commit hook reads of the connection: whether a transaction is open. */
interface Connection {
  readonly inTransaction: boolean;
}

/**
 * Durable commits without blocking the event loop. With `synchronous = FULL`, SQLite fsyncs the
 * WAL inside COMMIT, on the thread that runs it: better-sqlite3 runs it on the event loop, which
 * then stops for the disk's fsync (milliseconds) at every commit, while requests wait unread and
 * cannot join the next group commit. The store's connection runs `synchronous = NORMAL` instead
 * (COMMIT writes the WAL but does not fsync it; checkpoints still sync as before), and this hook
 * makes every statement that ends a write (a COMMIT, or a write outside a transaction) fsync the
 * WAL file on libuv's thread pool before it resolves: nothing is acknowledged before its commit is
 * on disk, as with FULL, and the event loop goes on meanwhile. A rollback writes nothing to sync.
 * The store's group commit goes one step further (`deferred`): its COMMIT resolves once written,
 * freeing the write lock for the next group, and its writes are answered when the sync is done.
 *
 * Answers Kysely's `onCreateConnection` hook for the connection `database`, whose file is `file`
 * (`wal` replaces the WAL file's fsync in tests).
 */
export function durableCommits(
  database: Connection,
  file: string,
  wal: { sync(): Promise<void>; close(): Promise<void> } = new WalSync(`${file}-wal`),
): DurableCommits {
  const sync = coalesced(wal);
  /** Set while `deferred` runs its commit: the sync that commit started, not awaited by it. */
  let deferring = false;
  let started: Promise<void> | undefined;
  return {
    async onCreateConnection(connection) {
      const run = connection.executeQuery.bind(connection);
      const executeQuery = async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const wasInTransaction = database.inTransaction;
        const result = await run<R>(query);
        if (database.inTransaction) return result;
        // A COMMIT (the transaction ended), or a write in autocommit mode (reads leave no count).
        const ended = wasInTransaction && !ROLLBACK.test(query.sql);
        if (ended || (!wasInTransaction && result.numAffectedRows !== undefined)) {
          if (!deferring) await sync();
          else started = sync();
        }
        return result;
      };
      Object.assign(connection, { executeQuery });
    },
    async deferred(commit) {
      deferring = true;
      started = undefined;
      try {
        await commit();
      } finally {
        deferring = false;
      }
      const synced = started ?? Promise.resolve();
      started = undefined;
      // Settled by whoever waits for it; never an unhandled rejection meanwhile.
      synced.catch(() => undefined);
      return { synced };
    },
    close: () => wal.close(),
  };
}

export interface DurableCommits {
  /** Kysely's `onCreateConnection` hook for the store's connection. */
  onCreateConnection(connection: DatabaseConnection): Promise<void>;
  /**
   * Runs `commit` (a COMMIT on the hooked connection) without waiting for its sync: resolves as
   * soon as SQLite has committed to the WAL and released its write lock, with `synced`, which
   * settles once the WAL is synced with that commit in it. The group commit's pipeline: the next
   * group builds and commits while this one's sync runs on the thread pool, and each group's
   * writes are acknowledged on their own sync.
   */
  deferred(commit: () => Promise<unknown>): Promise<{ readonly synced: Promise<void> }>;
  close(): Promise<void>;
}

/**
 * The WAL's sync, coalesced: at most one runs at a time, and a sync asked while one runs waits for
 * it and then runs once for every caller that asked meanwhile (a sync started before a commit was
 * written does not cover it, one started after does). So commits that end while the disk syncs
 * share the next sync instead of queueing one each, and each caller's sync settles after every
 * sync asked before it.
 */
function coalesced(wal: { sync(): Promise<void> }): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const sync = wal.sync().finally(() => {
      if (running === sync) running = undefined;
    });
    running = sync;
    return sync;
  };
  return () => {
    if (next !== undefined) return next;
    if (running === undefined) return start();
    const after = running.then(
      () => undefined,
      () => undefined,
    );
    next = after.then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}

const ROLLBACK = /^\s*rollback\b/i;

/** The WAL file, opened once (it lives as long as a connection to the database is open), fsynced on demand. */
class WalSync {
  readonly #path: string;
  #handle: Promise<FileHandle> | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  async sync(): Promise<void> {
    this.#handle ??= open(this.#path, 'r');
    try {
      await (await this.#handle).datasync();
    } catch (error) {
      // Opened again next time (the file could not be opened, or its descriptor went bad).
      const handle = this.#handle;
      this.#handle = undefined;
      await handle?.then((h) => h.close()).catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.then((h) => h.close()).catch(() => undefined);
  }
}
