import type { Store } from '../store/index.js';

interface Known {
  /** The user record's version the answer was computed at. */
  readonly version: number;
  /** Milliseconds since the epoch; 0 when the user was never disabled. */
  readonly at: number;
}

/**
 * When each user was last disabled, read from the audit log: every write that disables a user,
 * whatever made it (the API, the CLI, a document, a user-store sync), records the user's record
 * before and after in the same transaction. A credential (session, personal access token, OAuth
 * token) made at or before that moment stays void after the user is enabled again, so re-enabling
 * never brings back what disabling ended. Answers are kept per version of the user record, so
 * the audit log is read again only when the user record changes.
 */
export class DisabledSince {
  readonly #store: Store;
  readonly #known = new Map<string, Known>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** When `userId` was last disabled, in milliseconds since the epoch; 0 when never. */
  of(userId: string): Promise<number> {
    return this.#since(userId, this.#store.version('user', userId) ?? -1);
  }

  /** `of`, for the user record at `version` (answers are kept per version). */
  async #since(userId: string, version: number): Promise<number> {
    const known = this.#known.get(userId);
    if (known !== undefined && known.version === version) return known.at;
    const rows = await this.#store.database
      .selectFrom('audit_targets as t')
      .innerJoin('audit_log as a', 'a.id', 't.audit_id')
      .select(['a.at', 'a.effects'])
      .where('t.target', '=', `user:${userId}`)
      .where('a.effects', 'like', '%"disabled"%')
      .execute();
    let at = 0;
    for (const row of rows) {
      if (disables(row.effects, userId)) at = Math.max(at, Date.parse(row.at));
    }
    if (this.#known.size > 100_000) this.#known.clear();
    this.#known.set(userId, { version, at });
    return at;
  }

  /**
   * True when a credential of `userId` made at `createdAtMs` may still act: the user exists, is
   * active, and was not disabled at or after the credential was made.
   *
   * The database decides when it holds a newer user record than this server's index: a user
   * disabled or deleted through another server sharing the database is refused here at once, not
   * once this server has applied that write. `stored` is the user's row as just read with the
   * credential (null: no row); without it, the row is read here (one primary-key read).
   */
  async allows(userId: string, createdAtMs: number, stored?: StoredUser | null): Promise<boolean> {
    const current = stored === undefined ? await storedUser(this.#store, userId) : stored;
    if (current === null) return false;
    if (current.version > (this.#store.version('user', userId) ?? -1)) {
      if (current.status !== 'active') return false;
      return createdAtMs > (await this.#since(userId, current.version));
    }
    const user = this.#store.engine.user(userId);
    if (user === undefined || user.id !== userId || user.status !== 'active') return false;
    return createdAtMs > (await this.of(userId));
  }
}

/** A user's row as the database holds it: the revision that last changed it, and its status. */
export interface StoredUser {
  readonly version: number;
  readonly status: unknown;
}

/** The `StoredUser` of a row's `version` and `record` columns (null when there is no row). */
export function storedUserOf(version: number | null, record: string | null): StoredUser | null {
  if (version === null || record === null) return null;
  return { version: Number(version), status: statusOf(JSON.parse(record)) };
}

async function storedUser(store: Store, userId: string): Promise<StoredUser | null> {
  const row = await store.database
    .selectFrom('users')
    .select(['version', 'record'])
    .where('key', '=', userId)
    .executeTakeFirst();
  return row === undefined ? null : storedUserOf(row.version, row.record);
}

/** Whether an audit entry's effects turn the user's status into `disabled`. */
function disables(effects: string, userId: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(effects);
  } catch {
    return false;
  }
  const list = (parsed as { effects?: unknown }).effects;
  if (!Array.isArray(list)) return false;
  return list.some((effect: unknown) => {
    const e = effect as { kind?: unknown; key?: unknown; before?: unknown; after?: unknown };
    return (
      e.kind === 'user' && e.key === userId && statusOf(e.after) === 'disabled' && statusOf(e.before) !== 'disabled'
    );
  });
}

function statusOf(record: unknown): unknown {
  return record !== null && typeof record === 'object' ? (record as { status?: unknown }).status : undefined;
}

const instances = new WeakMap<Store, DisabledSince>();

/** The store's `DisabledSince`, shared by the credentials and the OAuth tokens of a server. */
export function disabledSince(store: Store): DisabledSince {
  let instance = instances.get(store);
  if (instance === undefined) {
    instance = new DisabledSince(store);
    instances.set(store, instance);
  }
  return instance;
}
