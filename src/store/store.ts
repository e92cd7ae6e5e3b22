import type { AccessEngine } from '../core/engine.js';
import type { Change } from '../core/changes.js';
import type { EffectRecords } from '../core/effects.js';
import type { GateActor } from '../core/gate.js';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The records a store keeps, one table each: the kinds of record the engine reports as effects. */
export type EntityRecords = EffectRecords;

/**
 * An entity kind. Keys: the record's `id`, except `settings` (always `"settings"`), `userStore`
 * and `scope` (`name`), `permission` (`key`) and `membership` (`membershipKey(group, user)`).
 */
export type EntityKind = keyof EntityRecords;

/**
 * A record as stored, with its version: the revision of the write that last changed it (a write
 * that leaves a record as it was keeps its version; 0 for a built-in never written, `PRIMARY`).
 */
export interface Versioned<K extends EntityKind = EntityKind> {
  readonly kind: K;
  readonly key: string;
  readonly record: EntityRecords[K];
  readonly version: number;
}

/**
 * Optimistic concurrency: the version a write was made against. `null` means the entity must not
 * exist yet. A mismatch fails the whole write with a `CONFLICT` error and changes nothing.
 */
export interface ExpectedVersion {
  readonly kind: EntityKind;
  readonly key: string;
  readonly version: number | null;
}

export interface WriteOptions {
  /**
   * Who makes the write, as the administration gate judges it (`src/core/gate.ts`): the gate runs
   * under the write lock, after catching up, on the state the write commits onto, and a violation
   * fails the write with its typed error. Required: nothing writes without an actor.
   */
  readonly actor: GateActor;
  /** Checked under the write lock, after catching up with every other writer. Default: none. */
  readonly expect?: readonly ExpectedVersion[];
  /**
   * The write comes from synchronising an external user store itself, so users, groups,
   * memberships and roles of read-only stores may change. Default false: such a change fails
   * with `READ_ONLY_STORE`. A read-only store created in the same batch may be filled.
   */
  readonly userStoreSync?: boolean;
  /** Recorded in the audit log with the write's effects. Default: the system, action `write`. */
  readonly audit?: AuditContext;
  /**
   * More database work committed in the same transaction (an invitation marked accepted with the
   * user it created). Runs after the model's rows are written; a throw rolls everything back.
   */
  readonly alongside?: (tx: Transaction) => Promise<void>;
  /**
   * Rows inserted in the same transaction, each unless a row with the same `key` exists already
   * (`ON CONFLICT DO NOTHING`). Unlike `alongside`, batched with the other writes of a group
   * commit: one statement per table for the whole group, not one per write.
   */
  readonly alongsideRows?: readonly AlongsideRow[];
  /**
   * New users' passwords by user id, for a read-write external directory: the server layer writes
   * them there (`src/server/user-stores/directory-writes.ts`). The store never reads nor keeps them.
   */
  readonly directoryPasswords?: ReadonlyMap<string, string>;
}

/** Who made a write and why, for the audit log (docs/administration.md#the-audit-log: who, when, what, before and after). */
export interface AuditContext {
  /** The acting user's id; null for the system (bootstrap, the CLI working on the database). */
  readonly actor: string | null;
  /** The actor as people read it (`PRIMARY/alice`, `cli`), kept even after the user is deleted. */
  readonly actorName?: string | null;
  /** What was done, e.g. `group.create`, `mapping.delete`, `document.apply`. */
  readonly action: string;
  /** The main record acted on, `kind:key` (e.g. `group:3f…`); every touched record is indexed too. */
  readonly target?: string | null;
}

/** One record an audited write changed: its state before and after. */
export interface AuditEffect {
  readonly kind: string;
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditEntry {
  readonly id: number;
  readonly revision: number | null;
  readonly actor: { readonly id: string | null; readonly name: string | null };
  /** ISO 8601. */
  readonly at: string;
  readonly action: string;
  readonly target: string | null;
  readonly effects: readonly AuditEffect[];
  /** Effects left out of a very large write (a document, a preset); 0 otherwise. */
  readonly omitted: number;
}

export interface AuditQuery {
  /** The acting user's id. */
  readonly actor?: string;
  /** The actor's name as recorded (`PRIMARY/alice`, `cli:ops`, `bootstrap`). */
  readonly actorName?: string;
  /** `kind:key` of a record; entries that touched it. */
  readonly target?: string;
  /** The action, exactly (`group.member.add`). */
  readonly action?: string;
  /** ISO 8601 bounds, inclusive. */
  readonly since?: string;
  readonly until?: string;
  /** Entries with a smaller id (the next page of a newest-first listing). */
  readonly before?: number;
  readonly limit?: number;
}

/** Database work outside the model (credentials, tokens, invitations) inside a store transaction. */
export type Transaction = Kysely<Database>;

/** A row `WriteOptions.alongsideRows` inserts: its table, its values and the columns of its key. */
export type AlongsideRow = {
  [T in keyof Database]: {
    readonly table: T;
    readonly row: Insertable<Database[T]>;
    readonly key: readonly (keyof Database[T] & string)[];
  };
}[keyof Database];

export interface WriteResult {
  /** The revision of this write: greater than every revision before it, on every server. */
  readonly revision: number;
}

export interface ReadOptions {
  /**
   * The revision the answer must reflect (docs/concepts.md#consistency-revisions-and-atleast). When the index is behind, the store catches
   * up from the change log, waiting at most `timeoutMs`, then fails with `REVISION_TIMEOUT`.
   * Default: whatever the index holds now.
   */
  readonly atLeast?: number;
  /** Default: the store's `waitTimeoutMs` (2000 ms). */
  readonly timeoutMs?: number;
}

/**
 * Whether the store can reach its database, as last seen: a failed query or a lost connection
 * makes it `unavailable`, the next success (or a reconnected listener) `connected` again. The
 * index keeps answering decisions meanwhile; writes fail with `UNAVAILABLE`.
 */
export interface StoreHealth {
  readonly database: 'connected' | 'unavailable';
  /** ISO 8601: when the database became what it is now (the store's opening, at first). */
  readonly since: string;
  /** The last connection failure (`57P01: terminating connection…`, `ECONNREFUSED…`); null before any. */
  readonly lastError: string | null;
  /** When the last connection failure happened, ISO 8601; null before any. */
  readonly lastErrorAt: string | null;
}

/** Options every adapter takes. */
export interface StoreOptions {
  /** How long `waitFor` and `atLeast` reads wait by default. Default 2000 ms. */
  readonly waitTimeoutMs?: number;
  /** How often a waiting read polls the change log. Default 20 ms. */
  readonly pollIntervalMs?: number;
  /**
   * How often the store follows the change log in the background, so the index stays current
   * without reads asking for it. 0 disables it. Default 1000 ms.
   */
  readonly followIntervalMs?: number;
  /** How long a write waits for the database's write lock before failing. Default 10000 ms. */
  readonly lockTimeoutMs?: number;
}

/**
 * Tessera's persistence: the model's records in one database, a change log with one revision per
 * write, and the decision engine's in-memory index kept current from it. Created by an adapter
 * factory (`createSqliteStore`, `createPostgresStore`), which migrates the database to the latest
 * schema and loads the index before it resolves.
 *
 * Writes are atomic: a write holds the database's write lock, catches the index up with other
 * writers, checks expected versions, validates the batch with the engine (whose typed errors are
 * the integrity errors), writes the tables and the change log, and commits — or changes nothing.
 * Several stores (processes, servers) may share one database; none loses another's update.
 */
export interface Store {
  /**
   * The decision index, current as of `revision`. Checks are answered from it without touching the
   * database. Read it afresh after each write: when a commit fails after validation the store
   * rebuilds the index from the database and this becomes a new engine.
   */
  readonly engine: AccessEngine;
  /** The revision the index reflects (0 for an empty database). */
  readonly revision: number;

  /** Whether the database is reachable, as last seen; see `StoreHealth`. */
  readonly health: StoreHealth;

  /**
   * Applies a batch atomically, judged by the administration gate; see `WriteOptions`. Throws a
   * `TesseraError` and changes nothing on failure: a database that cannot be reached fails with
   * `UNAVAILABLE`, a write lock not had in time with `LOCK_TIMEOUT` (both worth retrying).
   */
  write(changes: readonly Change[], options: WriteOptions): Promise<WriteResult>;

  /** One record and its version, or undefined when it does not exist. */
  get<K extends EntityKind>(kind: K, key: string, options?: ReadOptions): Promise<Versioned<K> | undefined>;

  /** The current version of an entity, or undefined when it does not exist; does not wait. */
  version(kind: EntityKind, key: string): number | undefined;

  /** Runs `read` on the index once it reflects `options.atLeast`. */
  read<T>(read: (engine: AccessEngine) => T, options?: ReadOptions): Promise<T>;

  /**
   * Resolves with the index's revision once it is at least `revision`, catching up from the change
   * log; fails with `REVISION_TIMEOUT` after `timeoutMs` (default: the store's `waitTimeoutMs`).
   */
  waitFor(revision: number, options?: { readonly timeoutMs?: number }): Promise<number>;

  /** Catches the index up with the change log now; resolves with the revision it reached. */
  sync(): Promise<number>;

  /**
   * Runs `work` in a transaction holding the write lock, for the server's own tables, and records
   * `audit` (when given) in the same transaction. Does not change the model or its revision.
   */
  transact<T>(
    work: (tx: Transaction) => Promise<T>,
    audit?: AuditContext & { readonly effects?: readonly AuditEffect[] },
  ): Promise<T>;

  /** The server's own tables, for reads (and writes that need no lock, such as expiring a session). */
  readonly database: Kysely<Database>;

  /**
   * For reads only, on every request's path (credential lookups): they see what is committed and
   * never wait for a write in progress. A connection of its own on a SQLite file; `database` otherwise.
   */
  readonly reader: Kysely<Database>;

  /**
   * A number that changes whenever anything is committed to the database: by this store, at once;
   * by another process, from the next turn of the event loop. Cheap enough for every request;
   * undefined when the database offers no such signal (PostgreSQL, an in-memory SQLite database).
   * What a request read from the database stays valid while it is unchanged.
   */
  commitStamp(): number | undefined;

  /** Audit entries, newest first. */
  audit(query?: AuditQuery): Promise<AuditEntry[]>;

  /** Stops following the change log and closes the database connection(s) the store opened. */
  close(): Promise<void>;
}

/** The key of a group membership, as `get('membership', …)` and `ExpectedVersion` take it (the engine's effects use the same). */
export { membershipKey } from '../core/effects.js';
