import { randomBytes, randomUUID } from 'node:crypto';
import type { User } from '../core/model.js';
import { qualifiedUserName, splitQualifiedName } from '../core/model.js';
import type { AuditContext, Store, Transaction } from '../store/index.js';
import { isConnectionError } from '../store/errors.js';
import { generatePassword, hashPassword, needsRehash, newSecret, secretHash, verifyPassword } from './passwords.js';
import { HttpProblem } from './problem.js';
import { type StoredUser, disabledSince, storedUserOf } from './revocation.js';
import { FailureThrottle } from './throttle.js';

/** A signed-in caller. Anonymous callers have none. */
export interface Principal {
  readonly user: User;
  readonly via: 'session' | 'token';
  /** The session's CSRF token, when the caller came with the session cookie. */
  readonly csrf: string | null;
  /** The session's hash or the access token's id: what sign-out or revocation removes. */
  readonly credential: string;
}

export interface CredentialOptions {
  /** How long a session lasts. Default 12 hours. */
  readonly sessionTtlMs?: number;
}

export interface Session {
  readonly token: string;
  readonly csrf: string;
  readonly expiresAt: string;
}

export interface AccessTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly user: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

/** The longest a personal access token may live (GitHub's fine-grained tokens: a year). */
export const MAX_TOKEN_DAYS = 366;

const SESSION_PREFIX = 'tss';
const TOKEN_PREFIX = 'tpat';
/** Spent on an unknown username too, so timing does not tell which usernames exist. */
const DUMMY_HASH = hashPassword(generatePassword());

interface Found {
  readonly userId: string;
  readonly via: 'session' | 'token';
  readonly csrf: string | null;
  readonly credential: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** The user's row, read with the credential. */
  readonly stored: StoredUser | null;
}

/**
 * Passwords, sessions and personal access tokens: who a request comes from.
 *
 * Every request's session or token is checked against the database, never trusted from memory
 * alone: a token revoked, a session ended or a password changed on one server is refused by every
 * server sharing the database from the next request on. The check is one primary-key read, or,
 * where the database tells cheaply whether anything was committed since (a SQLite file:
 * `Store.commitStamp`), the answer of the last read when nothing was: see `resolveCached`.
 */
export class Credentials {
  readonly #store: Store;
  readonly #sessionTtlMs: number;
  /** Each credential as last verified, by hash: consulted only while the database cannot be reached. */
  readonly #lastVerified = new Map<string, Found>();
  /**
   * Credentials verified while the database stood at `stamp` (`Store.commitStamp`) and the index
   * at `revision`, by hash: while neither has moved, reading the credential again would answer the
   * same. Only credentials found valid are kept (an unknown token is read each time).
   */
  readonly #verified = new Map<
    string,
    { readonly found: Found; readonly stamp: number; readonly revision: number; readonly principal: Principal }
  >();
  /** Lookups asked during this turn of the event loop, by hash: see `#sharedLookup`. */
  readonly #asked = new Map<string, { secret: string; waiters: ((found: Promise<Found | undefined>) => void)[] }>();
  readonly byUser = new FailureThrottle({ freeAttempts: 5 });
  readonly byAddress = new FailureThrottle({ freeAttempts: 20 });
  /**
   * Checks the password of a user of an external store (an LDAP bind, src/server/user-stores);
   * answers undefined for a user whose password Tessera keeps.
   */
  externalPassword: ((user: User, password: string) => Promise<boolean | undefined>) | null = null;
  /**
   * Signs in a user an external store has but Tessera does not know yet, creating them (LDAP
   * just-in-time provisioning): the new user, null for a wrong password or no such entry,
   * undefined for a store whose passwords Tessera keeps.
   */
  externalNewUser: ((store: string, username: string, password: string) => Promise<User | null | undefined>) | null =
    null;

  /**
   * Writes a new password to an external store that keeps it (a read-write LDAP store's
   * directory) before Tessera's own write; answers undefined for a user whose password Tessera
   * keeps, otherwise the undo to run if Tessera's write then fails.
   */
  externalSetPassword:
    | ((user: User, password: string) => Promise<((cause: unknown) => Promise<void>) | undefined>)
    | null = null;

  constructor(store: Store, options: CredentialOptions = {}) {
    this.#store = store;
    this.#sessionTtlMs = options.sessionTtlMs ?? 12 * 3600_000;
  }

  /**
   * Sets a user's password. A new password ends every session of the user, the caller's own too
   * (a password is changed when a credential may have leaked: every device signs in again), and
   * revokes every personal access token and OAuth refresh token. `alongside` runs in the same
   * transaction (a password-reset link marked used): a throw there changes nothing.
   */
  async setPassword(
    userId: string,
    password: string,
    audit?: AuditContext,
    alongside?: (tx: Transaction) => Promise<void>,
  ): Promise<void> {
    const user = this.#store.engine.user(userId);
    // A directory that keeps the password is written first; Tessera then keeps no hash of it.
    const undo =
      user === undefined || user.id !== userId || this.externalSetPassword === null
        ? undefined
        : await this.externalSetPassword(user, password);
    const hash = undo === undefined ? await hashPassword(password) : null;
    const at = new Date().toISOString();
    await this.#store
      .transact(
        async (tx) => {
          await tx.deleteFrom('accounts').where('user_id', '=', userId).execute();
          if (hash !== null)
            await tx.insertInto('accounts').values({ user_id: userId, password_hash: hash, updated_at: at }).execute();
          await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
          await tx
            .updateTable('access_tokens')
            .set({ revoked_at: at })
            .where('user_id', '=', userId)
            .where('revoked_at', 'is', null)
            .execute();
          // OAuth grants too: a refresh token made before the change refreshes nothing after it.
          await tx
            .updateTable('oauth_refresh_tokens')
            .set({ revoked_at: at })
            .where('user_id', '=', userId)
            .where('revoked_at', 'is', null)
            .execute();
          await alongside?.(tx);
        },
        audit === undefined
          ? undefined
          : {
              ...audit,
              effects: [
                {
                  kind: 'password',
                  key: userId,
                  before: null,
                  after: { updatedAt: at, ...(undo === undefined ? {} : { in: 'directory' }) },
                },
              ],
            },
      )
      .catch(async (error: unknown) => {
        await undo?.(error);
        throw error;
      });
  }

  async hasPassword(userId: string): Promise<boolean> {
    const row = await this.#store.database
      .selectFrom('accounts')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Checks a username (or `STORE/username`) and password, throttled per username and per address.
   * Answers the same `invalid-credentials` for an unknown user, a wrong password and a user who
   * cannot sign in (disabled, invited, no password), so a caller learns nothing about which it was.
   */
  async verify(username: string, password: string, address: string): Promise<User> {
    const { store, name } = splitQualifiedName(username.trim());
    const userKey = `${store}/${name}`.toLowerCase();
    // Both keys are checked, then both counted, with no await in between: concurrent attempts are
    // each counted before any password is checked, so a burst is throttled like a sequence.
    const wait = Math.max(this.byUser.waitFor(userKey), this.byAddress.waitFor(address));
    if (wait > 0) {
      throw new HttpProblem('too-many-requests', `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`, {
        retryAfter: Math.ceil(wait / 1000),
      });
    }
    this.byUser.reserve(userKey);
    this.byAddress.reserve(address);
    let user = this.#store.engine.user(`${store}/${name}`);
    let external: boolean | undefined;
    if (user === undefined && this.externalNewUser !== null) {
      try {
        const created = await this.externalNewUser(store, name, password);
        if (created !== undefined) {
          external = created !== null;
          user = created ?? undefined;
        }
      } catch (error) {
        this.byUser.release(userKey);
        this.byAddress.release(address);
        throw error;
      }
    } else if (user !== undefined && this.externalPassword !== null) {
      try {
        external = await this.externalPassword(user, password);
      } catch (error) {
        // The directory could not answer: no verdict on the password, so the attempt is not a failure.
        this.byUser.release(userKey);
        this.byAddress.release(address);
        throw error;
      }
    }
    const account =
      user === undefined || external !== undefined
        ? undefined
        : await this.#store.database
            .selectFrom('accounts')
            .select('password_hash')
            .where('user_id', '=', user.id)
            .executeTakeFirst();
    // An unknown username costs one hash too, so timing does not tell which usernames exist.
    const ok =
      external ??
      ((await verifyPassword(password, account?.password_hash ?? (await DUMMY_HASH))) && account !== undefined);
    if (!ok || user === undefined || user.status !== 'active') {
      // The attempt was counted as a failure when it started; the delay runs from now.
      this.byUser.failed(userKey);
      this.byAddress.failed(address);
      throw new HttpProblem('invalid-credentials', 'the username or password is wrong, or the account cannot sign in');
    }
    this.byUser.succeed(userKey);
    this.byAddress.release(address);
    if (account !== undefined && needsRehash(account.password_hash))
      await this.#rehash(user.id, password, account.password_hash);
    return user;
  }

  /**
   * Stores the password again under the configured cost, once it is known to be right: raising
   * TESSERA_PASSWORD_COST reaches each account at its next sign-in. Only if the hash is still the one
   * verified (a concurrent password change wins); a failure leaves the old hash, which still works.
   */
  async #rehash(userId: string, password: string, verified: string): Promise<void> {
    try {
      const hash = await hashPassword(password);
      await this.#store.database
        .updateTable('accounts')
        .set({ password_hash: hash, updated_at: new Date().toISOString() })
        .where('user_id', '=', userId)
        .where('password_hash', '=', verified)
        .execute();
    } catch {
      // The sign-in stands: the old hash is still valid, and the next sign-in tries again.
    }
  }

  async createSession(user: User): Promise<Session> {
    const token = newSecret(SESSION_PREFIX);
    const csrf = randomBytes(24).toString('base64url');
    const now = Date.now();
    const expiresAt = new Date(now + this.#sessionTtlMs).toISOString();
    await this.#store.transact(
      async (tx) => {
        await tx.deleteFrom('sessions').where('expires_at', '<', new Date(now).toISOString()).execute();
        await tx
          .insertInto('sessions')
          .values({
            token_hash: secretHash(token),
            user_id: user.id,
            csrf,
            created_at: new Date(now).toISOString(),
            expires_at: expiresAt,
          })
          .execute();
      },
      { actor: user.id, actorName: qualifiedUserName(user), action: 'session.create', target: `user:${user.id}` },
    );
    return { token, csrf, expiresAt };
  }

  async endSession(principal: Principal): Promise<void> {
    await this.#store.database.deleteFrom('sessions').where('token_hash', '=', principal.credential).execute();
  }

  async createToken(
    user: User,
    name: string,
    expiresInDays: number,
    audit: AuditContext,
  ): Promise<{ token: string; info: AccessTokenInfo }> {
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_TOKEN_DAYS)
      throw new HttpProblem('bad-request', `a token lives from 1 to ${MAX_TOKEN_DAYS} days`);
    const token = newSecret(TOKEN_PREFIX);
    const now = Date.now();
    const info: AccessTokenInfo = {
      id: randomUUID(),
      name,
      prefix: token.slice(0, TOKEN_PREFIX.length + 7),
      user: user.id,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + expiresInDays * 86_400_000).toISOString(),
      revokedAt: null,
    };
    await this.#store.transact(
      (tx) =>
        tx
          .insertInto('access_tokens')
          .values({
            id: info.id,
            token_hash: secretHash(token),
            user_id: user.id,
            name,
            prefix: info.prefix,
            created_at: info.createdAt,
            expires_at: info.expiresAt,
            revoked_at: null,
          })
          .execute(),
      { ...audit, target: `token:${info.id}`, effects: [{ kind: 'token', key: info.id, before: null, after: info }] },
    );
    return { token, info };
  }

  async listTokens(userId: string): Promise<AccessTokenInfo[]> {
    const rows = await this.#store.database
      .selectFrom('access_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      user: row.user_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    }));
  }

  /** Revokes a token; false when the user has no such token (or it was revoked already). */
  async revokeToken(userId: string, id: string, audit: AuditContext): Promise<boolean> {
    const at = new Date().toISOString();
    const revoked = await this.#store
      .transact(
        async (tx) => {
          const result = await tx
            .updateTable('access_tokens')
            .set({ revoked_at: at })
            .where('id', '=', id)
            .where('user_id', '=', userId)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0) throw new HttpProblem('route-not-found', `no active token "${id}"`);
          return true;
        },
        {
          ...audit,
          target: `token:${id}`,
          effects: [{ kind: 'token', key: id, before: { revokedAt: null }, after: { revokedAt: at } }],
        },
      )
      .catch((error: unknown) => {
        if (error instanceof HttpProblem) return false;
        throw error;
      });
    return revoked;
  }

  /**
   * The principal behind a session token or access token, or undefined when it is unknown,
   * expired, revoked, or its user is gone, disabled, or was disabled after it was made.
   */
  async resolve(secret: string, fromCookie: boolean): Promise<Principal | undefined> {
    const hash = secretHash(secret);
    const cached = this.#cached(hash, fromCookie);
    if (cached !== null) return cached;
    // Read before the credential is: a commit in between makes the entry stale, never wrongly fresh.
    const stamp = this.#commitStamp();
    const revision = this.#store.revision;
    let found: Found | undefined;
    try {
      found = await this.#sharedLookup(secret, hash);
      if (
        found !== undefined &&
        !(await disabledSince(this.#store).allows(found.userId, found.createdAt, found.stored))
      ) {
        found = undefined;
      }
    } catch (error) {
      // The database is unavailable: a credential verified before goes on being trusted as it was
      // (decisions are answered from memory meanwhile); an unknown one cannot be checked.
      const known = this.#lastVerified.get(hash);
      if (known === undefined || !isConnectionError(error)) throw error;
      found = known;
    }
    if (found === undefined || found.expiresAt <= Date.now()) {
      this.#lastVerified.delete(hash);
      this.#verified.delete(hash);
      return undefined;
    }
    if (this.#lastVerified.size > 50_000) this.#lastVerified.clear();
    this.#lastVerified.set(hash, found);
    const principal = this.#principal(found, fromCookie);
    if (principal !== undefined && stamp !== undefined) {
      if (this.#verified.size > 50_000) this.#verified.clear();
      // The principal as a bearer token presents it; a cookie's adds its CSRF token.
      this.#verified.set(hash, {
        found,
        stamp,
        revision,
        principal: fromCookie ? { ...principal, csrf: null } : principal,
      });
    }
    return principal;
  }

  /**
   * `resolve` without waiting, when the credential was verified since the database last changed:
   * the principal, or null when the database must be asked (`resolve`). A SQLite file tells
   * cheaply whether anything was committed since, by any process; on PostgreSQL this is always null.
   */
  resolveCached(secret: string, fromCookie: boolean): Principal | null {
    return this.#verified.size === 0 ? null : this.#cached(secretHash(secret), fromCookie);
  }

  /** The principal of a credential verified while the database and the index stood where they stand now, else null. */
  #cached(hash: string, fromCookie: boolean): Principal | null {
    const entry = this.#verified.get(hash);
    if (entry === undefined) return null;
    if (
      entry.revision !== this.#store.revision ||
      entry.stamp !== this.#commitStamp() ||
      entry.found.expiresAt <= Date.now()
    ) {
      this.#verified.delete(hash);
      return null;
    }
    // The index is at the revision the principal was made at: its user is the same record.
    return fromCookie ? { ...entry.principal, csrf: entry.found.csrf } : entry.principal;
  }

  /** The principal of a verified credential, unless the index holds its user no longer, or not active. */
  #principal(found: Found, fromCookie: boolean): Principal | undefined {
    const user = this.#store.engine.user(found.userId);
    if (user === undefined || user.id !== found.userId || user.status !== 'active') return undefined;
    return { user, via: found.via, csrf: fromCookie ? found.csrf : null, credential: found.credential };
  }

  /** The store's commit stamp, read afresh for every request: a commit just made, by any process, is seen. */
  #commitStamp(): number | undefined {
    return this.#store.commitStamp();
  }

  /**
   * `#lookup`, shared by the requests that carry the same credential and arrived in the same turn
   * of the event loop: one database read, started (setImmediate) after every one of them arrived,
   * answers them all. Nothing is remembered past that read, so a credential revoked before a
   * request arrives is refused by it, on every server sharing the database.
   */
  #sharedLookup(secret: string, hash: string): Promise<Found | undefined> {
    return new Promise((resolve) => {
      const asked = this.#asked.get(hash);
      if (asked !== undefined) {
        asked.waiters.push(resolve);
        return;
      }
      if (this.#asked.size === 0) setImmediate(() => this.#lookupAsked());
      this.#asked.set(hash, { secret, waiters: [resolve] });
    });
  }

  #lookupAsked(): void {
    const asked = [...this.#asked];
    this.#asked.clear();
    for (const [hash, { secret, waiters }] of asked) {
      const found = this.#lookup(secret, hash);
      // Each waiter awaits the same read (and so sees its failure, if any, as its own).
      for (const waiter of waiters) waiter(found);
    }
  }

  async #lookup(secret: string, hash: string): Promise<Found | undefined> {
    // The reader: a request's credential is checked while a large write is being committed.
    const db = this.#store.reader;
    if (secret.startsWith(`${SESSION_PREFIX}_`)) {
      // The user's row comes with it, so a user disabled through another server is refused at once.
      const row = await db
        .selectFrom('sessions')
        .leftJoin('users', 'users.key', 'sessions.user_id')
        .selectAll('sessions')
        .select(['users.version as user_version', 'users.record as user_record'])
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        userId: row.user_id,
        via: 'session',
        csrf: row.csrf,
        credential: hash,
        createdAt: Date.parse(row.created_at),
        expiresAt: Date.parse(row.expires_at),
        stored: storedUserOf(row.user_version, row.user_record),
      };
    }
    if (secret.startsWith(`${TOKEN_PREFIX}_`)) {
      const row = await db
        .selectFrom('access_tokens')
        .leftJoin('users', 'users.key', 'access_tokens.user_id')
        .selectAll('access_tokens')
        .select(['users.version as user_version', 'users.record as user_record'])
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      if (row === undefined || row.revoked_at !== null) return undefined;
      // Tokens made before lifetimes were capped may have none: they last no longer than the cap from their creation.
      const expiresAt =
        row.expires_at === null ? Date.parse(row.created_at) + MAX_TOKEN_DAYS * 86_400_000 : Date.parse(row.expires_at);
      return {
        userId: row.user_id,
        via: 'token',
        csrf: null,
        credential: row.id,
        createdAt: Date.parse(row.created_at),
        expiresAt,
        stored: storedUserOf(row.user_version, row.user_record),
      };
    }
    return undefined;
  }
}
