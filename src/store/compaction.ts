import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/**
 * What the change log keeps. An entry is deleted only when it is both older than `keepSeconds` and
 * more than `keepRevisions` revisions behind the newest; the newest entry is always kept, since the
 * store's revision is the newest entry's (a rebuild reads it there).
 *
 * Nothing correct depends on older entries: a server whose index fell behind the oldest kept entry
 * (down for longer than the window) rebuilds its index from the tables instead of replaying the log,
 * and `atLeast` waits for a revision, which any rebuild reaches. The window only bounds when the
 * cheap catch-up (replaying the missed batches) is used instead of the rebuild.
 */
export interface ChangeLogRetention {
  /** At least this many of the newest entries are kept (at least 1). */
  readonly keepRevisions: number;
  /** Entries younger than this are kept, however many there are. */
  readonly keepSeconds: number;
}

export const DEFAULT_CHANGE_LOG_RETENTION: ChangeLogRetention = { keepRevisions: 100_000, keepSeconds: 7 * 86_400 };

/**
 * Deletes the change-log entries `retention` no longer keeps; answers how many. Safe beside writes
 * and other servers' catch-up: it deletes only entries below the newest, which no write touches, and a
 * catch-up that finds its next entry gone rebuilds instead.
 */
export async function compactChangeLog(
  db: Kysely<Database>,
  retention: ChangeLogRetention,
  now: number = Date.now(),
): Promise<number> {
  const last = await db
    .selectFrom('change_log')
    .select(sql<number | null>`max(revision)`.as('revision'))
    .executeTakeFirst();
  const newest = Number(last?.revision ?? 0);
  const below = newest - Math.max(1, Math.floor(retention.keepRevisions));
  if (below < 1) return 0;
  const before = new Date(now - Math.max(0, retention.keepSeconds) * 1000).toISOString();
  const result = await db
    .deleteFrom('change_log')
    .where('revision', '<=', below)
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The oldest revision the change log still holds, or null when it is empty. */
export async function oldestLoggedRevision(db: Kysely<Database>): Promise<number | null> {
  const first = await db
    .selectFrom('change_log')
    .select(sql<number | null>`min(revision)`.as('revision'))
    .executeTakeFirst();
  return first?.revision === null || first?.revision === undefined ? null : Number(first.revision);
}
