import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Change } from '../../core/changes.js';
import type { AnnouncedBatch, CarriedBatch, StoreAdapter, StoreLock } from '../adapter.js';
import { openStore } from '../kysely-store.js';
import type { Database } from '../schema.js';
import type { Store, StoreOptions } from '../store.js';

export interface PostgresStoreConfig extends StoreOptions {
  /** A connection URL, or a pool, which the store then owns and ends on `close()`. */
  readonly database: string | pg.Pool;
}

/** Advisory lock keys: arbitrary constants, the same in every Tessera server. */
const LOCK_KEYS: Readonly<Record<StoreLock, number>> = { write: 0x7e55e2a1, migrate: 0x7e55e2a2 };

const CHANNEL = 'tessera_changes';

/**
 * A notification's payload, JSON: `{"schema", "revision", "batches"}`. The channel is one for the
 * whole database, and every Tessera installation in it (one per schema) listens on it: the schema
 * tells a server whether the news is its own. `batches`, when the write's change-log entries fit in
 * the payload (PostgreSQL takes up to 8,000 bytes), are those entries, `[revision, changes]` each,
 * which the other servers apply without reading the log; null otherwise. A bare revision (a server
 * of an earlier version) wakes every listener, which then reads the log, as it did then.
 */
export function parseNotification(payload: string | undefined): {
  revision: number;
  schema: string | null;
  batches: CarriedBatch[] | null;
} {
  const text = payload ?? '';
  if (!text.startsWith('{')) return { revision: Number(text), schema: null, batches: null };
  const news = JSON.parse(text) as { schema: string; revision: number; batches: [number, Change[]][] | null };
  return {
    revision: news.revision,
    schema: news.schema,
    batches: news.batches === null ? null : news.batches.map(([revision, changes]) => ({ revision, changes })),
  };
}

/** The most a notification's batches take (in bytes, as JSON), leaving room for the schema's name. */
const CARRIED_BYTES = 7000;

/** The payload after its schema: the revision, and the batches when they fit. */
function announcement(revision: number, batches: readonly AnnouncedBatch[] | undefined): string {
  let carried = 'null';
  if (batches !== undefined && batches.length > 0 && batches[batches.length - 1]![0] === revision) {
    let size = 2;
    for (const [, changes] of batches) size += changes.length + 24;
    if (size <= CARRIED_BYTES) {
      const text = `[${batches.map(([r, changes]) => `[${r},${changes}]`).join(',')}]`;
      if (Buffer.byteLength(text) <= CARRIED_BYTES) carried = text;
    }
  }
  return `,"revision":${revision},"batches":${carried}}`;
}

/** The LISTEN connection is retried after this long, doubling up to `RECONNECT_MAX_MS`. */
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2000;

/** How long a query waits for a pooled connection (a new one included) before failing as unavailable. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Handles every `'error'` event the pool and its clients can emit, so that a database restart
 * (which closes each connection with 57P01) never reaches Node as an unhandled event: the pool
 * emits one for an idle client, a client one when its connection dies while checked out between
 * queries. The broken client is discarded by the pool on release; the next query opens a new one.
 */
function guardPool(pool: pg.Pool): Set<(error: unknown) => void> {
  const reporters = new Set<(error: unknown) => void>();
  const report = (error: unknown) => {
    for (const reporter of reporters) reporter(error);
  };
  pool.on('error', report);
  pool.on('connect', (client) => {
    client.on('error', report);
  });
  return reporters;
}

export function postgresAdapter(pool: pg.Pool): StoreAdapter {
  const reporters = guardPool(pool);
  return {
    supportsTransactionalDdl: true,
    begin,
    async announce(db, revision, batches) {
      // The schema the write went to, as the connection resolves it (the listener's, below, alike).
      await sql`select pg_notify(${CHANNEL}, concat('{"schema":', to_json(coalesce(current_schema(), ''))::text, ${announcement(revision, batches)}::text))`.execute(
        db,
      );
    },
    watch(onError) {
      reporters.add(onError);
      return () => reporters.delete(onError);
    },
    async listen(onRevision, onStatus = () => undefined) {
      let stopped = false;
      let client: pg.PoolClient | undefined;
      let timer: NodeJS.Timeout | undefined;
      let delay = RECONNECT_MIN_MS;

      // A connection of its own, held while listening.
      const connect = async (): Promise<void> => {
        const next = await pool.connect();
        let schema: string | undefined;
        next.on('notification', (message) => {
          if (message.channel !== CHANNEL) return;
          let news: ReturnType<typeof parseNotification>;
          try {
            news = parseNotification(message.payload);
          } catch {
            // Not a payload Tessera sent: a catch-up from the log finds whatever was written.
            news = { revision: Number.POSITIVE_INFINITY, schema: null, batches: null };
          }
          // Another installation's write (another schema of the database): not this index's news.
          if (news.schema !== null && schema !== undefined && news.schema !== schema) return;
          onRevision(news.revision, news.batches);
        });
        next.on('error', (error) => lost(next, error));
        try {
          const found = await next.query<{ schema: string | null }>('select current_schema() as schema');
          schema = found.rows[0]?.schema ?? '';
          await next.query(`listen ${CHANNEL}`);
        } catch (error) {
          next.release(error instanceof Error ? error : true);
          throw error;
        }
        if (stopped) {
          next.release(true);
          return;
        }
        client = next;
        delay = RECONNECT_MIN_MS;
      };
      const lost = (which: pg.PoolClient, error: unknown): void => {
        if (client !== which) return;
        client = undefined;
        which.release(error instanceof Error ? error : true);
        onStatus(error);
        retry();
      };
      const retry = (): void => {
        if (stopped || timer !== undefined) return;
        timer = setTimeout(() => {
          timer = undefined;
          if (stopped) return;
          connect().then(
            () => {
              if (!stopped) onStatus(null);
            },
            (error: unknown) => {
              onStatus(error);
              delay = Math.min(delay * 2, RECONNECT_MAX_MS);
              retry();
            },
          );
        }, delay);
        timer.unref();
      };

      await connect();
      return async () => {
        stopped = true;
        if (timer !== undefined) clearTimeout(timer);
        const last = client;
        client = undefined;
        if (last === undefined) return;
        await last.query(`unlisten ${CHANNEL}`).catch(() => undefined);
        last.release();
      };
    },
  };
}

async function begin(db: Kysely<Database>, lock: StoreLock, timeoutMs: number): Promise<void> {
  // One round trip: the three statements in one simple query (no parameters). The server queues
  // the waiter without blocking Node; the lock ends with the transaction. When a statement fails,
  // the ones after it are skipped and the transaction begun is rolled back below. The lock is the
  // schema's (its name hashed beside the key): installations in other schemas of the same
  // database write without waiting for this one.
  const timeout = `${Math.max(1, Math.round(timeoutMs))}ms`;
  try {
    await sql
      .raw(
        `begin; set local lock_timeout = '${timeout}'; select pg_advisory_xact_lock(${LOCK_KEYS[lock]}, hashtext(current_schema()))`,
      )
      .execute(db);
  } catch (error) {
    await sql`rollback`.execute(db).catch(() => undefined);
    throw error;
  }
}

/** A store in PostgreSQL: several servers may share the database, each following the change log. */
export async function createPostgresStore(config: PostgresStoreConfig): Promise<Store> {
  const pool =
    typeof config.database === 'string'
      ? new pg.Pool({ connectionString: config.database, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
      : config.database;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return openStore(db, postgresAdapter(pool), config);
}
