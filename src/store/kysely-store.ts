import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import { AccessEngine } from '../core/engine.js';
import type { Change } from '../core/changes.js';
import { TesseraError } from '../core/errors.js';
import { enforceGate } from '../core/gate.js';
import type { AnnouncedBatch, CarriedBatch, StoreAdapter } from './adapter.js';
import { asStoreError, describeDatabaseError, isConnectionError } from './errors.js';
import { checkVersions } from './guards.js';
import { ENTITY_KINDS, KINDS } from './kinds.js';
import { MIGRATIONS, migrateToLatest } from './migrations/index.js';
import { Statements } from './statements.js';
import { type LoadedRows, type RowChange, applyBatch, modelFromRows } from './rows.js';
import type { AnyEntityTable, Database } from './schema.js';
import type {
  AlongsideRow,
  AuditContext,
  AuditEffect,
  AuditEntry,
  AuditQuery,
  EntityKind,
  ReadOptions,
  Store,
  StoreHealth,
  StoreOptions,
  Transaction,
  Versioned,
  WriteOptions,
  WriteResult,
} from './store.js';

const CHUNK = 200;

/** Rows read as `[key, version, …]`: each key's version. */
function versionsOf(rows: readonly unknown[][]): Map<string, number> {
  const versions = new Map<string, number>();
  for (const row of rows) versions.set(row[0] as string, Number(row[1]));
  return versions;
}

/**
 * The big tables' versions, compactly: most of their rows share the version of the write that
 * created them (a document or import), so only the versions that differ from the most common
 * one are kept, and that one answers for every other record the index holds.
 */
const COMPACT_VERSIONS: ReadonlySet<EntityKind> = new Set(['user', 'membership']);

type Versions = Map<EntityKind, Map<string, number>>;

/**
 * Memberships as parallel arrays of group and user ids, from their keys (`membershipKey`: the JSON
 * array `["group","user"]`): a key without escapes is cut at its `","`, any other parsed.
 */
export function membershipsFromKeys(keys: readonly unknown[]): { groups: string[]; users: string[] } {
  // Pushed, not preallocated: `new Array(n)` past 100,000 elements is a slow dictionary array.
  const groups: string[] = [];
  const users: string[] = [];
  for (const value of keys) {
    const key = value as string;
    // From the group's first character: a group id `,` makes `","` of its own two quotes.
    const cut = key.indexOf('","', 2);
    if (cut > 0 && !key.includes('\\') && key.startsWith('["') && key.endsWith('"]')) {
      groups.push(key.slice(2, cut));
      users.push(key.slice(cut + 3, -2));
    } else {
      const [group, user] = JSON.parse(key) as [string, string];
      groups.push(group);
      users.push(user);
    }
  }
  return { groups, users };
}

/** Migrates the database, loads the index and returns the store: what every adapter factory calls. */
export async function openStore(
  db: Kysely<Database>,
  adapter: StoreAdapter,
  options: StoreOptions = {},
): Promise<Store> {
  const lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  const migration = await migrateToLatest(db, adapter, MIGRATIONS, lockTimeoutMs);
  if (migration.error !== undefined) {
    await db.destroy().catch(() => undefined);
    if (migration.error instanceof TesseraError) throw migration.error;
    if (isConnectionError(migration.error)) throw asStoreError(migration.error);
    throw new TesseraError('MIGRATION_FAILED', `migration failed: ${String(migration.error)}`, {
      cause: migration.error,
    });
  }
  const store = new KyselyStore(db, adapter, options);
  try {
    await store.load();
    await store.listen();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

class KyselyStore implements Store {
  readonly #db: Kysely<Database>;
  readonly #adapter: StoreAdapter;
  readonly #waitTimeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #lockTimeoutMs: number;
  #engine = new AccessEngine();
  /** The write path's statements, compiled once per shape (src/store/statements.ts). */
  readonly #statements = new Statements();
  #versions: Versions = new Map();
  /** Per compacted kind, the version of its records absent from `#versions` (see COMPACT_VERSIONS). */
  #commonVersions = new Map<EntityKind, number>();
  /** Serialises this store's database work, so the index takes batches in revision order. */
  #queue: Promise<unknown> = Promise.resolve();
  /** Writes waiting for the next group commit, in the order they were asked. */
  #pending: PendingWrite[] = [];
  /** The acknowledgement of the last group committed: settles once its commit is durable and it is answered. */
  #durable: Promise<void> = Promise.resolve();
  /** A group commit is queued and has not taken the pending writes yet. */
  #flushScheduled = false;
  #follower: NodeJS.Timeout | undefined;
  #unlisten: (() => Promise<void>) | undefined;
  #unwatch: (() => void) | undefined;
  #closed = false;
  #health: StoreHealth = { database: 'connected', since: new Date().toISOString(), lastError: null, lastErrorAt: null };
  /**
   * The index holds a write whose commit failed and could not be rebuilt then (the database was
   * gone): the next database work rebuilds it from the tables before anything else.
   */
  #stale = false;

  constructor(db: Kysely<Database>, adapter: StoreAdapter, options: StoreOptions) {
    this.#db = db;
    this.#adapter = adapter;
    this.#waitTimeoutMs = options.waitTimeoutMs ?? 2000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 20;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    this.#unwatch = adapter.watch?.((error) => this.#failed(error));
    const follow = options.followIntervalMs ?? 1000;
    if (follow > 0) {
      this.#follower = setInterval(() => void this.sync().catch(() => undefined), follow);
      this.#follower.unref();
    }
  }

  get engine(): AccessEngine {
    return this.#engine;
  }

  get revision(): number {
    return this.#engine.revision;
  }

  get health(): StoreHealth {
    return this.#health;
  }

  /** Notes a connection failure (other errors say nothing about the database's health). */
  #failed(error: unknown): void {
    if (!isConnectionError(error)) return;
    const at = new Date().toISOString();
    const lastError = describeDatabaseError(error);
    this.#health =
      this.#health.database === 'connected'
        ? { database: 'unavailable', since: at, lastError, lastErrorAt: at }
        : { ...this.#health, lastError, lastErrorAt: at };
  }

  #reached(): void {
    if (this.#health.database === 'connected') return;
    this.#health = { ...this.#health, database: 'connected', since: new Date().toISOString() };
  }

  /**
   * Runs database work after the work before it, so the index takes batches in revision order.
   * Its outcome updates the health; a connection failure or a lock timeout is thrown typed
   * (`UNAVAILABLE`, `LOCK_TIMEOUT`).
   */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      if (this.#closed) throw new Error('the store is closed');
      try {
        if (this.#stale) await this.#reload();
        const result = await task();
        this.#reached();
        return result;
      } catch (error) {
        this.#failed(error);
        throw asStoreError(error);
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async listen(): Promise<void> {
    this.#unlisten = await this.#adapter.listen?.(
      (revision, batches) => {
        if (revision <= this.#engine.revision) return;
        if (batches === null) void this.sync().catch(() => undefined);
        else void this.#follow(revision, batches).catch(() => undefined);
      },
      (error) => {
        if (error !== null) return this.#failed(error);
        // Reconnected: whatever was written meanwhile was announced to nobody; catch up now.
        this.#reached();
        void this.sync().catch(() => undefined);
      },
    );
  }

  /** Rebuilds the index from the tables, under the write lock so the tables and revision agree. */
  load(): Promise<void> {
    return this.#exclusive(() => this.#reload());
  }

  async #reload(): Promise<void> {
    this.#stale = true;
    await this.#db.connection().execute(async (conn) => {
      await this.#adapter.begin(conn, 'write', this.#lockTimeoutMs);
      try {
        await this.#rebuild(conn);
      } finally {
        await sql`rollback`.execute(conn).catch(() => undefined);
      }
    });
  }

  /** A read's rows as arrays of column values: the adapter's raw reader when it has one. */
  async #selectRows(conn: Kysely<Database>, query: string): Promise<unknown[][]> {
    if (this.#adapter.selectRaw !== undefined) return this.#adapter.selectRaw(conn, query);
    const result = await sql.raw<Record<string, unknown>>(query).execute(conn);
    return result.rows.map((row) => Object.values(row));
  }

  /** A one-column read's values: the adapter's column reader when it has one. */
  async #selectColumn(conn: Kysely<Database>, query: string): Promise<unknown[]> {
    if (this.#adapter.selectColumn !== undefined) return this.#adapter.selectColumn(conn, query);
    return (await this.#selectRows(conn, query)).map((row) => row[0]);
  }

  /** Rebuilds the index from the tables on `conn`, which holds the write lock. */
  async #rebuild(conn: Kysely<Database>): Promise<void> {
    this.#stale = true;
    const engine = new AccessEngine();
    const versions: Versions = new Map();
    const common = new Map<EntityKind, number>();
    const rows: Record<string, unknown> = {};
    for (const kind of ENTITY_KINDS) {
      const table = KINDS[kind].table as AnyEntityTable;
      const compact = COMPACT_VERSIONS.has(kind);
      if (compact) {
        // The big tables: their versions counted by the database, their keys not read at all.
        const [top] = await this.#selectRows(
          conn,
          `select version, count(*) as n from ${table} group by version order by n desc, version desc limit 1`,
        );
        const usual = top === undefined ? 0 : Number(top[0]);
        common.set(kind, usual);
        versions.set(
          kind,
          versionsOf(await this.#selectRows(conn, `select key, version from ${table} where version <> ${usual}`)),
        );
      }
      if (kind === 'membership') {
        // Only its keys, read from the key's own index (no record parsed, no JSON read by the database).
        rows[kind] = membershipsFromKeys(await this.#selectColumn(conn, `select key from ${table} order by key`));
        continue;
      }
      if (compact) {
        // Their records alone, parsed in the array the driver answered (no array per row).
        const records = await this.#selectColumn(conn, `select record from ${table} order by key`);
        for (let i = 0; i < records.length; i++) records[i] = JSON.parse(records[i] as string) as unknown;
        rows[kind] = records;
        continue;
      }
      const found = await this.#selectRows(conn, `select key, version, record from ${table} order by key`);
      rows[kind] = found.map((row) => JSON.parse(row[2] as string) as unknown);
      versions.set(kind, versionsOf(found));
    }
    const last = await conn
      .selectFrom('change_log')
      .select(sql<number>`max(revision)`.as('revision'))
      .executeTakeFirst();
    const revision = Number(last?.revision ?? 0);
    if (revision > 0) engine.load(modelFromRows(rows as unknown as LoadedRows), revision);
    this.#engine = engine;
    this.#versions = versions;
    this.#commonVersions = common;
    this.#stale = false;
  }

  /**
   * Applies every logged batch newer than the index. Its rows are in the tables already: only the
   * versions of the records its effects changed are taken from it. Answers false, applying nothing,
   * when the next batch the index needs was compacted away (src/store/compaction.ts): the index must
   * then be rebuilt from the tables instead.
   */
  async #catchUp(conn: Kysely<Database>): Promise<boolean> {
    const { rows: entries } = await this.#statements.run<{ revision: number | string; changes: string }>(
      conn,
      'catch-up',
      (db) =>
        db.selectFrom('change_log').select(['revision', 'changes']).where('revision', '>', -1).orderBy('revision'),
      [-1],
      [this.#engine.revision],
    );
    if (entries.length > 0 && Number(entries[0]!.revision) !== this.#engine.revision + 1) return false;
    for (const entry of entries) {
      const revision = Number(entry.revision);
      const { rows } = applyBatch(this.#engine, JSON.parse(entry.changes) as Change[], revision);
      this.#record(rows, revision);
    }
    return true;
  }

  #record(rows: readonly RowChange[], revision: number): void {
    for (const row of rows) {
      let versions = this.#versions.get(row.kind);
      if (versions === undefined) this.#versions.set(row.kind, (versions = new Map()));
      if (row.record === null) versions.delete(row.key);
      else versions.set(row.key, revision);
    }
  }

  /**
   * Group commit: writes that queue behind the write lock are committed together in one database
   * transaction. Each is still judged by the gate in order, on the state the earlier accepted ones
   * leave; each gets its own revision, change-log row and audit entry; none is answered before its
   * commit is durable. Pipelined where the adapter can (`StoreAdapter.commit`, SQLite): a group
   * frees the write lock once committed and is answered after its sync, while the next one builds.
   * A refused write fails alone. One whose own statements fail is taken out and the others are
   * written again without it; when the transaction itself fails (the commit, the lock, the
   * connection), every write of the group fails and nothing changes.
   */
  write(changes: readonly Change[], options: WriteOptions): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      this.#pending.push({ changes, options, resolve, reject });
      if (this.#flushScheduled) return;
      this.#flushScheduled = true;
      let started = false;
      this.#exclusive(async () => {
        started = true;
        // One turn of the event loop first: the requests read in this turn reach their write and
        // join the group, instead of waiting for the commit of a group of one (SQLite's commit
        // blocks the event loop for its fsync, so they would not join it meanwhile).
        await new Promise((resolve) => setImmediate(resolve));
        this.#flushScheduled = false;
        let group = this.#pending.splice(0);
        try {
          while (group.length > 0) group = await this.#commitGroup(group);
        } catch (error) {
          // Every write is settled already; settling again changes nothing. Thrown on, so the
          // queue notes the database's health.
          for (const write of group) write.reject(asStoreError(error));
          throw error;
        }
      }).catch((error: unknown) => {
        // The queue failed before the group was taken (the store closed, the index could not be rebuilt).
        if (started) return;
        this.#flushScheduled = false;
        for (const write of this.#pending.splice(0)) write.reject(error);
      });
    });
  }

  /**
   * Writes a group in one transaction and settles each write; answers the writes to try again in
   * a new transaction (the others, when one failed in the database on its own). When the
   * transaction failed, every write is rejected and the error thrown.
   *
   * The group's statements are batched: each write is judged and applied to the index in order
   * (its `alongside` work run right after, on the state it leaves), then the rows, change-log rows
   * and audit entries of every accepted write are written together, a few statements for the whole
   * group whatever its size. When those fail, the culprit cannot be told: the group is written
   * again `oneByOne`, each write's statements on their own, so the one that fails is taken out.
   */
  async #commitGroup(group: readonly PendingWrite[], oneByOne = false): Promise<PendingWrite[]> {
    let logged = Number.POSITIVE_INFINITY;
    let synced: Promise<void> = Promise.resolve();
    const written: Accepted[] = [];
    const refused: { write: PendingWrite; error: unknown }[] = [];
    try {
      await this.#db.connection().execute(async (conn) => {
        await this.#adapter.begin(conn, 'write', this.#lockTimeoutMs);
        try {
          if (!(await this.#catchUp(conn))) await this.#rebuild(conn);
          logged = this.#engine.revision;
          for (const write of group) {
            const before = this.#engine.revision;
            try {
              const accepted = await this.#acceptOne(conn, write);
              written.push(accepted);
              if (oneByOne) await writeAccepted(conn, [accepted], this.#statements);
            } catch (error) {
              // Refused before the index took it: nothing of it was written, the group goes on.
              if (this.#engine.revision === before && !isConnectionError(error)) refused.push({ write, error });
              else if (isConnectionError(error)) throw error;
              else throw new WriteFailed(write, error);
            }
          }
          if (written.length > 0) {
            if (!oneByOne) {
              try {
                await writeAccepted(conn, written, this.#statements);
              } catch (error) {
                if (isConnectionError(error)) throw error;
                throw new GroupFailed(error);
              }
            }
            await this.#adapter.announce?.(
              conn,
              this.#engine.revision,
              written.map((a): AnnouncedBatch => [a.revision, a.log]),
            );
            if (this.#adapter.commit === undefined) await sql`commit`.execute(conn);
            else ({ synced } = await this.#adapter.commit(conn));
          } else {
            await sql`rollback`.execute(conn);
          }
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      });
    } catch (error) {
      // The index is ahead of the database: rebuild it (or, without the database, mark it stale).
      if (this.#engine.revision > logged) await this.#reload().catch(() => undefined);
      if (error instanceof WriteFailed) {
        this.#settle(error.write, error.cause);
        return group.filter((write) => write !== error.write);
      }
      // The refused writes are refused again when the group is written one by one.
      if (error instanceof GroupFailed) return this.#commitGroup(group, true);
      const typed = asStoreError(error);
      const failed = new Set(refused.map((r) => r.write));
      for (const { write, error: own } of refused) this.#settle(write, own);
      for (const write of group) if (!failed.has(write)) write.reject(typed);
      throw error;
    }
    for (const { write, error } of refused) this.#settle(write, error);
    if (written.length > 0) this.#acknowledge(written, synced);
    return [];
  }

  /**
   * Answers a committed group's writes once `synced` says the commit is durable: the write lock is
   * free meanwhile, and the next group builds and commits while this one's sync runs. Syncs settle
   * in commit order, so groups are answered in revision order.
   */
  #acknowledge(written: readonly Accepted[], synced: Promise<void>): void {
    this.#durable = synced.then(
      () => {
        for (const { write, revision } of written) write.resolve({ revision });
      },
      (error: unknown) => {
        // Committed, but not known to be on disk: not acknowledged.
        for (const { write } of written) write.reject(asStoreError(error));
      },
    );
  }

  #settle(write: PendingWrite, error: unknown): void {
    write.reject(asStoreError(error));
  }

  /**
   * One write of a group, in the group's transaction: judged, applied to the index, its `alongside`
   * work run; answers what is left to write (its rows, change-log row and audit entry).
   */
  async #acceptOne(conn: Kysely<Database>, write: PendingWrite): Promise<Accepted> {
    const { changes, options } = write;
    checkVersions(options.expect ?? [], (e) => this.version(e.kind, e.key));
    enforceGate(this.#engine, options.actor, changes, { userStoreSync: options.userStoreSync === true });
    const revision = this.#engine.revision + 1;
    const { rows, changed } = applyBatch(this.#engine, changes, revision);
    // The next write of the group checks its expected versions against this one's.
    this.#record(rows, revision);
    await options.alongside?.(conn);
    return { write, revision, rows, changed, at: new Date().toISOString(), log: JSON.stringify(changes) };
  }

  async get<K extends EntityKind>(kind: K, key: string, options: ReadOptions = {}): Promise<Versioned<K> | undefined> {
    await this.#reach(options);
    const spec = KINDS[kind] as unknown as (typeof KINDS)['organization'];
    const record = spec.find(this.#engine, key);
    const version = this.version(kind, key);
    if (record === undefined) return undefined;
    return { kind, key, record, version: version ?? 0 } as unknown as Versioned<K>;
  }

  version(kind: EntityKind, key: string): number | undefined {
    const version = this.#versions.get(kind)?.get(key);
    if (version !== undefined) return version;
    const common = this.#commonVersions.get(kind);
    return common !== undefined && this.#holds(kind, key) ? common : undefined;
  }

  /** Whether the index holds the record (a key it cannot read names none). */
  #holds(kind: EntityKind, key: string): boolean {
    try {
      return (KINDS[kind] as unknown as (typeof KINDS)['organization']).find(this.#engine, key) !== undefined;
    } catch {
      return false;
    }
  }

  async read<T>(read: (engine: AccessEngine) => T, options: ReadOptions = {}): Promise<T> {
    await this.#reach(options);
    return read(this.#engine);
  }

  async #reach(options: ReadOptions): Promise<void> {
    if (options.atLeast === undefined || this.#engine.revision >= options.atLeast) return;
    await this.waitFor(options.atLeast, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
  }

  async waitFor(revision: number, options: { readonly timeoutMs?: number } = {}): Promise<number> {
    const timeoutMs = options.timeoutMs ?? this.#waitTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.#engine.revision >= revision) return this.#engine.revision;
      await this.sync();
      if (this.#engine.revision >= revision) return this.#engine.revision;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new TesseraError(
          'REVISION_TIMEOUT',
          `the index is at revision ${this.#engine.revision}, not ${revision}, after ${timeoutMs} ms`,
          {
            revision: this.#engine.revision,
            wanted: revision,
            timeoutMs,
          },
        );
      }
      await sleep(Math.min(this.#pollIntervalMs, left));
    }
  }

  sync(): Promise<number> {
    return this.#exclusive(() => this.#syncNow());
  }

  async #syncNow(): Promise<number> {
    const caughtUp = await this.#db.connection().execute((conn) => this.#catchUp(conn));
    if (!caughtUp) await this.#reload();
    return this.#engine.revision;
  }

  /**
   * Follows another server's write from the batches its notification carried, without reading the
   * change log: each batch that is the index's next one is applied (their rows are in the tables
   * already, as in `#catchUp`). When they leave the index short of `revision` (a notification was
   * missed before them), the change log fills the gap.
   */
  #follow(revision: number, batches: readonly CarriedBatch[]): Promise<number> {
    return this.#exclusive(async () => {
      for (const batch of batches) {
        if (batch.revision !== this.#engine.revision + 1) continue;
        const { rows } = applyBatch(this.#engine, batch.changes, batch.revision);
        this.#record(rows, batch.revision);
      }
      if (this.#engine.revision >= revision) return this.#engine.revision;
      return this.#syncNow();
    });
  }

  get database(): Kysely<Database> {
    return this.#db;
  }

  get reader(): Kysely<Database> {
    return this.#adapter.reader ?? this.#db;
  }

  commitStamp(): number | undefined {
    return this.#adapter.commitStamp?.();
  }

  transact<T>(
    work: (tx: Transaction) => Promise<T>,
    audit?: AuditContext & { readonly effects?: readonly AuditEffect[] },
  ): Promise<T> {
    return this.#exclusive(() =>
      this.#db.connection().execute(async (conn) => {
        await this.#adapter.begin(conn, 'write', this.#lockTimeoutMs);
        try {
          const result = await work(conn);
          if (audit !== undefined)
            await writeAudit(conn, audit, audit.effects ?? [], null, new Date().toISOString(), this.#statements);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      }),
    );
  }

  async audit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    try {
      const entries = await this.#auditEntries(query);
      this.#reached();
      return entries;
    } catch (error) {
      this.#failed(error);
      throw asStoreError(error);
    }
  }

  async #auditEntries(query: AuditQuery): Promise<AuditEntry[]> {
    let select = this.#db.selectFrom('audit_log').selectAll('audit_log');
    if (query.target !== undefined) {
      select = select.where(
        'id',
        'in',
        this.#db.selectFrom('audit_targets').select('audit_id').where('target', '=', query.target),
      );
    }
    if (query.actor !== undefined) select = select.where('actor', '=', query.actor);
    if (query.actorName !== undefined) select = select.where('actor_name', '=', query.actorName);
    if (query.action !== undefined) select = select.where('action', '=', query.action);
    if (query.since !== undefined) select = select.where('at', '>=', query.since);
    if (query.until !== undefined) select = select.where('at', '<=', query.until);
    if (query.before !== undefined) select = select.where('id', '<', query.before);
    const rows = await select
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(query.limit ?? 50, 1), 500))
      .execute();
    return rows.map((row) => {
      const stored = JSON.parse(row.effects) as { effects: AuditEffect[]; omitted: number };
      return {
        id: Number(row.id),
        revision: row.revision === null ? null : Number(row.revision),
        actor: { id: row.actor, name: row.actor_name },
        at: row.at,
        action: row.action,
        target: row.target,
        effects: stored.effects,
        omitted: stored.omitted,
      };
    });
  }

  async close(): Promise<void> {
    if (this.#follower !== undefined) clearInterval(this.#follower);
    this.#unwatch?.();
    await this.#unlisten?.();
    await this.#queue;
    await this.#durable;
    this.#closed = true;
    await this.#db.destroy();
    await this.#adapter.reader?.destroy();
    await this.#adapter.dispose?.();
  }
}

interface PendingWrite {
  readonly changes: readonly Change[];
  readonly options: WriteOptions;
  readonly resolve: (result: WriteResult) => void;
  readonly reject: (error: unknown) => void;
}

/** A write the index took, whose rows, change-log row and audit entry are still to be written. */
interface Accepted {
  readonly write: PendingWrite;
  readonly revision: number;
  readonly rows: readonly RowChange[];
  readonly changed: readonly AuditEffect[];
  readonly at: string;
  /** Its batch as the change log keeps it (JSON). */
  readonly log: string;
}

/** The statements writing a whole group failed: which write made them fail is not known. */
class GroupFailed extends Error {
  override readonly cause: unknown;
  constructor(cause: unknown) {
    super('the statements of a group of writes failed');
    this.cause = cause;
  }
}

/** A write of a group whose own statements failed after the index took it: it fails alone. */
class WriteFailed extends Error {
  readonly write: PendingWrite;
  override readonly cause: unknown;
  constructor(write: PendingWrite, cause: unknown) {
    super('a write of the group failed');
    this.write = write;
    this.cause = cause;
  }
}

const SYSTEM_WRITE: AuditContext = { actor: null, actorName: 'system', action: 'write' };

/** An entry keeps at most this many effects; a document or preset load records only its size beyond. */
const AUDIT_EFFECTS_KEPT = 500;

/** Appends one audit entry, in the caller's transaction (which holds the write lock, so ids are sequential). */
function writeAudit(
  conn: Kysely<Database>,
  audit: AuditContext,
  effects: readonly AuditEffect[],
  revision: number | null,
  at: string,
  statements: Statements,
): Promise<void> {
  return writeAudits(conn, [{ audit, effects, revision, at }], statements);
}

interface PendingAudit {
  readonly audit: AuditContext;
  readonly effects: readonly AuditEffect[];
  readonly revision: number | null;
  readonly at: string;
}

/** Appends audit entries in order, in a few statements, in the caller's transaction (which holds the write lock). */
async function writeAudits(
  conn: Kysely<Database>,
  entries: readonly PendingAudit[],
  statements: Statements,
): Promise<void> {
  const { rows } = await statements.run<{ id: number | string | null }>(
    conn,
    'audit-last-id',
    (db) => db.selectFrom('audit_log').select(sql<number>`max(id)`.as('id')),
    [],
    [],
  );
  let id = Number(rows[0]?.id ?? 0);
  const logRows: unknown[][] = [];
  const targetRows: unknown[][] = [];
  for (const { audit, effects, revision, at } of entries) {
    id++;
    const kept = effects
      .slice(0, AUDIT_EFFECTS_KEPT)
      .map(({ kind, key, before, after }) => ({ kind, key, before, after }));
    logRows.push([
      id,
      revision,
      audit.actor,
      audit.actorName ?? null,
      at,
      audit.action,
      audit.target ?? null,
      JSON.stringify({ effects: kept, omitted: effects.length - kept.length }),
    ]);
    const targets = new Set(kept.map((e) => `${e.kind}:${e.key}`));
    if (audit.target !== undefined && audit.target !== null) targets.add(audit.target);
    for (const target of targets) targetRows.push([id, target]);
  }
  for (let i = 0; i < logRows.length; i += CHUNK)
    await statements.insert(conn, 'audit_log', AUDIT_COLUMNS, logRows.slice(i, i + CHUNK));
  for (let i = 0; i < targetRows.length; i += CHUNK)
    await statements.insert(conn, 'audit_targets', ['audit_id', 'target'], targetRows.slice(i, i + CHUNK));
}

const AUDIT_COLUMNS = ['id', 'revision', 'actor', 'actor_name', 'at', 'action', 'target', 'effects'];

/** The rows, change-log rows and audit entries of accepted writes, in as few statements as their number allows. */
async function writeAccepted(
  conn: Kysely<Database>,
  accepted: readonly Accepted[],
  statements: Statements,
): Promise<void> {
  if (accepted.length === 1) {
    await writeRows(conn, accepted[0]!.rows, accepted[0]!.revision, statements);
  } else {
    // A record several writes changed: its last state, at the revision of the last of them.
    const last = new Map<string, { row: RowChange; revision: number }>();
    for (const { rows, revision } of accepted)
      for (const row of rows) last.set(`${row.kind}\u0000${row.key}`, { row, revision });
    const byRevision = new Map<number, RowChange[]>();
    for (const { row, revision } of last.values()) {
      const list = byRevision.get(revision);
      if (list === undefined) byRevision.set(revision, [row]);
      else list.push(row);
    }
    await writeRowsAt(conn, byRevision, statements);
  }
  const log = accepted.map(({ revision, at, log }) => [revision, log, at]);
  for (let i = 0; i < log.length; i += CHUNK)
    await statements.insert(conn, 'change_log', ['revision', 'changes', 'created_at'], log.slice(i, i + CHUNK));
  // Grouped by table, key and columns given: each group one statement's shape.
  const alongside = new Map<string, { row: AlongsideRow; columns: string[] }[]>();
  for (const { write } of accepted)
    for (const row of write.options.alongsideRows ?? []) {
      const values = row.row as Record<string, unknown>;
      const columns = Object.keys(values).filter((column) => values[column] !== undefined);
      const id = `${row.table}\u0000${row.key.join(',')}\u0000${columns.join(',')}`;
      const list = alongside.get(id);
      if (list === undefined) alongside.set(id, [{ row, columns }]);
      else list.push({ row, columns });
    }
  for (const rows of alongside.values()) {
    const { row: first, columns } = rows[0]!;
    const values = rows.map(({ row }) => columns.map((column) => (row.row as Record<string, unknown>)[column]));
    for (let i = 0; i < values.length; i += CHUNK)
      await statements.insert(conn, first.table, columns, values.slice(i, i + CHUNK), first.key);
  }
  await writeAudits(
    conn,
    accepted.map(({ write, revision, changed, at }) => ({
      audit: write.options.audit ?? SYSTEM_WRITE,
      effects: changed,
      revision,
      at,
    })),
    statements,
  );
}

/** Deletes every changed row first, then inserts: a batch that swaps two names never collides midway. */
function writeRows(
  conn: Kysely<Database>,
  rows: readonly RowChange[],
  version: number,
  statements: Statements,
): Promise<void> {
  return writeRowsAt(conn, new Map([[version, rows]]), statements);
}

const ENTITY_COLUMNS = ['key', 'name_key', 'record', 'version'];

/** `writeRows` for rows of several versions (each key once): every delete first, then the inserts. */
async function writeRowsAt(
  conn: Kysely<Database>,
  versions: ReadonlyMap<number, readonly RowChange[]>,
  statements: Statements,
): Promise<void> {
  const byKind = new Map<EntityKind, { row: RowChange; version: number }[]>();
  for (const [version, rows] of versions)
    for (const row of rows) {
      const list = byKind.get(row.kind);
      if (list === undefined) byKind.set(row.kind, [{ row, version }]);
      else list.push({ row, version });
    }
  for (const [kind, list] of byKind) {
    const table = KINDS[kind].table as AnyEntityTable;
    for (let i = 0; i < list.length; i += CHUNK) {
      await statements.deleteKeys(
        conn,
        table,
        list.slice(i, i + CHUNK).map((r) => r.row.key),
      );
    }
  }
  for (const [kind, list] of byKind) {
    const table = KINDS[kind].table as AnyEntityTable;
    const inserts = list
      .filter((r) => r.row.record !== null)
      .map(({ row, version }) => [row.key, row.nameKey, row.record!, version]);
    for (let i = 0; i < inserts.length; i += CHUNK)
      await statements.insert(conn, table, ENTITY_COLUMNS, inserts.slice(i, i + CHUNK));
  }
}
