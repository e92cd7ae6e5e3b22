import { randomBytes, randomUUID } from 'node:crypto';
import type { User } from '../core/model.js';
import { qualifiedUserName, splitQualifiedName } from '../core/model.js';
import type { AuditContext, Store } from '../store/index.js';
import { generatePassword, hashPassword, newSecret, secretHash, verifyPassword } from './passwords.js';
import { HttpProblem } from './problem.js';
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
  /** How long a verified credential is trusted from memory before the database is asked again. Default 5 s. */
  readonly cacheTtlMs?: number;
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

const SESSION_PREFIX = 'tss';
const TOKEN_PREFIX = 'tpat';
/** Spent on an unknown username too, so timing does not tell which usernames exist. */
const DUMMY_HASH = hashPassword(generatePassword());

interface Cached {
  readonly userId: string;
  readonly via: 'session' | 'token';
  readonly csrf: string | null;
  readonly credential: string;
  readonly expiresAt: number;
  readonly cachedAt: number;
}

/** Passwords, sessions and personal access tokens: who a request comes from. */
export class Credentials {
  readonly #store: Store;
  readonly #sessionTtlMs: number;
  readonly #cacheTtlMs: number;
  readonly #cache = new Map<string, Cached>();
  readonly byUser = new FailureThrottle({ freeAttempts: 5 });
  readonly byAddress = new FailureThrottle({ freeAttempts: 20 });

  constructor(store: Store, options: CredentialOptions = {}) {
    this.#store = store;
    this.#sessionTtlMs = options.sessionTtlMs ?? 12 * 3600_000;
    this.#cacheTtlMs = options.cacheTtlMs ?? 5000;
  }

  async setPassword(userId: string, password: string, audit?: AuditContext): Promise<void> {
    const hash = await hashPassword(password);
    const at = new Date().toISOString();
    await this.#store.transact(
      async (tx) => {
        await tx.deleteFrom('accounts').where('user_id', '=', userId).execute();
        await tx.insertInto('accounts').values({ user_id: userId, password_hash: hash, updated_at: at }).execute();
        // A new password ends every session of the user.
        await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      },
      audit === undefined
        ? undefined
        : { ...audit, effects: [{ kind: 'password', key: userId, before: null, after: { updatedAt: at } }] },
    );
    this.#forgetUser(userId);
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
    const user = this.#store.engine.user(`${store}/${name}`);
    const account =
      user === undefined
        ? undefined
        : await this.#store.database
            .selectFrom('accounts')
            .select('password_hash')
            .where('user_id', '=', user.id)
            .executeTakeFirst();
    // An unknown username costs one hash too, so timing does not tell which usernames exist.
    const ok = (await verifyPassword(password, account?.password_hash ?? (await DUMMY_HASH))) && account !== undefined;
    if (!ok || user === undefined || user.status !== 'active') {
      // The attempt was counted as a failure when it started.
      throw new HttpProblem('invalid-credentials', 'the username or password is wrong, or the account cannot sign in');
    }
    this.byUser.succeed(userKey);
    this.byAddress.release(address);
    return user;
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
    this.#forget((cached) => cached.credential === principal.credential);
  }

  async createToken(
    user: User,
    name: string,
    expiresInDays: number | null,
    audit: AuditContext,
  ): Promise<{ token: string; info: AccessTokenInfo }> {
    const token = newSecret(TOKEN_PREFIX);
    const now = Date.now();
    const info: AccessTokenInfo = {
      id: randomUUID(),
      name,
      prefix: token.slice(0, TOKEN_PREFIX.length + 7),
      user: user.id,
      createdAt: new Date(now).toISOString(),
      expiresAt: expiresInDays === null ? null : new Date(now + expiresInDays * 86_400_000).toISOString(),
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
    this.#forget((cached) => cached.credential === id);
    return revoked;
  }

  /**
   * The principal behind a session token or access token, or undefined when it is unknown,
   * expired, revoked, or its user is gone or disabled. Verified credentials are remembered for a
   * few seconds, so a decision request does not wait for the database.
   */
  async resolve(secret: string, fromCookie: boolean): Promise<Principal | undefined> {
    const now = Date.now();
    // Keyed by the secret itself: a cached credential is found without hashing on every request.
    let cached = this.#cache.get(secret);
    if (cached === undefined || now - cached.cachedAt > this.#cacheTtlMs) {
      cached = await this.#lookup(secret, secretHash(secret), now);
      if (cached === undefined) {
        this.#cache.delete(secret);
        return undefined;
      }
      if (this.#cache.size > 50_000) this.#cache.clear();
      this.#cache.set(secret, cached);
    }
    if (cached.expiresAt <= now) return undefined;
    const user = this.#store.engine.user(cached.userId);
    if (user === undefined || user.id !== cached.userId || user.status !== 'active') return undefined;
    return { user, via: cached.via, csrf: fromCookie ? cached.csrf : null, credential: cached.credential };
  }

  async #lookup(secret: string, hash: string, now: number): Promise<Cached | undefined> {
    const db = this.#store.database;
    if (secret.startsWith(`${SESSION_PREFIX}_`)) {
      const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        userId: row.user_id,
        via: 'session',
        csrf: row.csrf,
        credential: hash,
        expiresAt: Date.parse(row.expires_at),
        cachedAt: now,
      };
    }
    if (secret.startsWith(`${TOKEN_PREFIX}_`)) {
      const row = await db.selectFrom('access_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      if (row === undefined || row.revoked_at !== null) return undefined;
      const expiresAt = row.expires_at === null ? Number.POSITIVE_INFINITY : Date.parse(row.expires_at);
      return { userId: row.user_id, via: 'token', csrf: null, credential: row.id, expiresAt, cachedAt: now };
    }
    return undefined;
  }

  #forgetUser(userId: string): void {
    this.#forget((cached) => cached.userId === userId && cached.via === 'session');
  }

  #forget(matches: (cached: Cached) => boolean): void {
    for (const [secret, cached] of this.#cache) if (matches(cached)) this.#cache.delete(secret);
  }
}
