import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { StoreAdapter, StoreLock } from '../adapter.js';
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

export function postgresAdapter(pool: pg.Pool): StoreAdapter {
  return {
    supportsTransactionalDdl: true,
    begin,
    async announce(db, revision) {
      await sql`select pg_notify(${CHANNEL}, ${String(revision)})`.execute(db);
    },
    async listen(onRevision) {
      // A connection of its own, held while listening.
      const client = await pool.connect();
      client.on('notification', (message) => {
        if (message.channel === CHANNEL) onRevision(Number(message.payload));
      });
      await client.query(`listen ${CHANNEL}`);
      return async () => {
        await client.query(`unlisten ${CHANNEL}`).catch(() => undefined);
        client.release();
      };
    },
  };
}

async function begin(db: Kysely<Database>, lock: StoreLock, timeoutMs: number): Promise<void> {
  await sql`begin`.execute(db);
  try {
    // The server queues the waiter without blocking Node; the lock ends with the transaction.
    await sql`set local lock_timeout = ${sql.lit(`${Math.max(1, Math.round(timeoutMs))}ms`)}`.execute(db);
    await sql`select pg_advisory_xact_lock(${sql.lit(LOCK_KEYS[lock])})`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db).catch(() => undefined);
    throw error;
  }
}

/** A store in PostgreSQL: several servers may share the database, each following the change log. */
export async function createPostgresStore(config: PostgresStoreConfig): Promise<Store> {
  const pool =
    typeof config.database === 'string' ? new pg.Pool({ connectionString: config.database, max: 4 }) : config.database;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return openStore(db, postgresAdapter(pool), config);
}
