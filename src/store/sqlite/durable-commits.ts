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
 *
 * Answers Kysely's `onCreateConnection` hook for the connection `database`, whose file is `file`
 * (`wal` replaces the WAL file's fsync in tests).
 */
export function durableCommits(
  database: Connection,
  file: string,
  wal: { sync(): Promise<void>; close(): Promise<void> } = new WalSync(`${file}-wal`),
): { onCreateConnection: (connection: DatabaseConnection) => Promise<void>; close: () => Promise<void> } {
  return {
    async onCreateConnection(connection) {
      const run = connection.executeQuery.bind(connection);
      const executeQuery = async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const wasInTransaction = database.inTransaction;
        const result = await run<R>(query);
        if (database.inTransaction) return result;
        // A COMMIT (the transaction ended), or a write in autocommit mode (reads leave no count).
        const ended = wasInTransaction && !ROLLBACK.test(query.sql);
        if (ended || (!wasInTransaction && result.numAffectedRows !== undefined)) await wal.sync();
        return result;
      };
      Object.assign(connection, { executeQuery });
    },
    close: () => wal.close(),
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
