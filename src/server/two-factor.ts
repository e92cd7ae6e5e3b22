import { randomBytes } from 'node:crypto';
import type { TOTP } from 'otpauth';
import type { User } from '../core/model.js';
import { qualifiedUserName } from '../core/model.js';
import type { AuditContext, Store } from '../store/index.js';
import type { Credentials } from './credentials.js';
import { newSecret, secretHash } from './passwords.js';
import { HttpProblem } from './problem.js';
import { type SecretBox, secretBoxFor } from './secret-box.js';
import { FailureThrottle } from './throttle.js';

/** TOTP as authenticator apps expect it (RFC 6238 defaults): SHA-1, 6 digits, 30-second steps. */
const PERIOD_S = 30;
const DIGITS = 6;
const ISSUER = 'Tessera';
const RECOVERY_CODES = 10;
const CHALLENGE_PREFIX = 'tsc';

export type ChallengePurpose = 'verify' | 'enrol';

export interface Challenge {
  readonly challenge: string;
  readonly expiresAt: string;
  /** `enrol`: the user must enrol a second factor before the challenge gives a session. */
  readonly purpose: ChallengePurpose;
}

export interface Enrolment {
  /** The shared secret in base32, for typing into an authenticator by hand. */
  readonly secret: string;
  /** The `otpauth://totp/…` URI the QR code holds. */
  readonly uri: string;
  /** The QR code of `uri`, an SVG image as a `data:` URL. */
  readonly qrCode: string;
}

export interface TwoFactorStatus {
  readonly enrolled: boolean;
  readonly pending: boolean;
  readonly recoveryCodesLeft: number;
}

export interface TwoFactorOptions {
  /** How long a sign-in challenge may be answered. Default 5 minutes. */
  readonly challengeTtlMs?: number;
  /** The clock (tests move it). */
  readonly now?: () => number;
}

/**
 * The second factor: TOTP secrets (stored encrypted), recovery codes (stored hashed, each usable
 * once) and the short-lived, single-use challenges a sign-in that needs a second factor gets
 * instead of a session. Codes are throttled per user and per address like passwords.
 */
export class TwoFactor {
  readonly byUser = new FailureThrottle({ freeAttempts: 5 });
  readonly #store: Store;
  readonly #credentials: Credentials;
  readonly #box: SecretBox;
  readonly #challengeTtlMs: number;
  readonly #now: () => number;

  constructor(store: Store, credentials: Credentials, secrets: SecretBox, options: TwoFactorOptions = {}) {
    this.#store = store;
    this.#credentials = credentials;
    this.#box = secrets;
    this.#challengeTtlMs = options.challengeTtlMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  async status(userId: string): Promise<TwoFactorStatus> {
    const row = await this.#store.database
      .selectFrom('two_factor')
      .select('confirmed_at')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const codes = await this.#store.database
      .selectFrom('two_factor_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
    return {
      enrolled: row !== undefined && row.confirmed_at !== null,
      pending: row !== undefined && row.confirmed_at === null,
      recoveryCodesLeft: row?.confirmed_at == null ? 0 : codes.length,
    };
  }

  async isEnrolled(userId: string): Promise<boolean> {
    return (await this.status(userId)).enrolled;
  }

  // ── challenges ──

  async createChallenge(user: User, purpose: ChallengePurpose): Promise<Challenge> {
    const challenge = newSecret(CHALLENGE_PREFIX);
    const now = this.#now();
    const expiresAt = new Date(now + this.#challengeTtlMs).toISOString();
    const database = this.#store.database;
    await database.deleteFrom('sign_in_challenges').where('expires_at', '<', new Date(now).toISOString()).execute();
    await database
      .insertInto('sign_in_challenges')
      .values({
        token_hash: secretHash(challenge),
        user_id: user.id,
        purpose,
        created_at: new Date(now).toISOString(),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    return { challenge, expiresAt, purpose };
  }

  /** The user and purpose of a live challenge; `two-factor-challenge-invalid` when unknown, used or expired. */
  async readChallenge(challenge: string): Promise<{ user: User; purpose: ChallengePurpose }> {
    const row = await this.#store.database
      .selectFrom('sign_in_challenges')
      .selectAll()
      .where('token_hash', '=', secretHash(challenge))
      .executeTakeFirst();
    const user = row === undefined ? undefined : this.#store.engine.user(row.user_id);
    if (
      row === undefined ||
      row.used_at !== null ||
      Date.parse(row.expires_at) <= this.#now() ||
      user === undefined ||
      user.id !== row.user_id ||
      user.status !== 'active'
    )
      throw invalidChallenge();
    return { user, purpose: row.purpose === 'enrol' ? 'enrol' : 'verify' };
  }

  /** Marks a challenge used; only one caller succeeds, even under races. */
  async consumeChallenge(challenge: string): Promise<void> {
    const updated = await this.#store.database
      .updateTable('sign_in_challenges')
      .set({ used_at: new Date(this.#now()).toISOString() })
      .where('token_hash', '=', secretHash(challenge))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw invalidChallenge();
  }

  // ── enrolment ──

  /** A new secret, not yet asked at sign-in: a first valid code confirms it. Replaces an unconfirmed one. */
  async startEnrolment(user: User): Promise<Enrolment> {
    if (await this.isEnrolled(user.id))
      throw new HttpProblem(
        'two-factor-state',
        'a second factor is enrolled already: remove it (or ask an administrator to reset it) first',
      );
    const { Secret } = await import('otpauth');
    const secret = new Secret({ size: 20 });
    const sealed = this.#box.encrypt(secret.base32);
    const at = new Date(this.#now()).toISOString();
    await this.#store.transact(async (tx) => {
      await tx.deleteFrom('two_factor').where('user_id', '=', user.id).where('confirmed_at', 'is', null).execute();
      await tx
        .insertInto('two_factor')
        .values({ user_id: user.id, secret: sealed, created_at: at, confirmed_at: null, last_step: null })
        .execute();
    });
    const uri = (await totpOf(secret.base32, qualifiedUserName(user))).toString();
    const { default: QRCode } = await import('qrcode');
    const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret: secret.base32, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  /** Confirms a pending enrolment with a first valid code; answers the recovery codes, shown once. */
  async confirmEnrolment(user: User, code: string, address: string, audit: AuditContext): Promise<string[]> {
    return this.#throttled(user.id, address, async () => {
      const row = await this.#store.database
        .selectFrom('two_factor')
        .selectAll()
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      if (row === undefined || row.confirmed_at !== null)
        throw new HttpProblem('two-factor-state', 'there is no enrolment waiting for its first code: start one first');
      const step = await this.#totpStep(this.#secretOf(row.secret), user, code);
      if (step === null) throw wrongCode();
      const codes = recoveryCodes();
      const at = new Date(this.#now()).toISOString();
      await this.#store.transact(
        async (tx) => {
          const updated = await tx
            .updateTable('two_factor')
            .set({ confirmed_at: at, last_step: step })
            .where('user_id', '=', user.id)
            .where('confirmed_at', 'is', null)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1)
            throw new HttpProblem('two-factor-state', 'the enrolment was confirmed or removed meanwhile');
          await this.#replaceRecoveryCodes(tx, user.id, codes, at);
        },
        { ...audit, effects: [{ kind: 'twoFactor', key: user.id, before: null, after: { confirmedAt: at } }] },
      );
      return codes;
    });
  }

  // ── verification ──

  /**
   * Checks a second-factor code: a TOTP code of the current step (±1), never one of a step used
   * before (a replay), or an unused recovery code, which is then spent. Throttled per user and
   * per address; `two-factor-invalid` or `two-factor-code-reused` when refused.
   */
  async verify(user: User, code: string, address: string): Promise<'totp' | 'recovery'> {
    return this.#throttled(user.id, address, async () => {
      const row = await this.#store.database
        .selectFrom('two_factor')
        .selectAll()
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      if (row === undefined || row.confirmed_at === null) throw wrongCode();
      const compact = code.replace(/[\s-]/g, '');
      if (/^\d{6}$/.test(compact)) {
        const step = await this.#totpStep(this.#secretOf(row.secret), user, compact);
        if (step === null) throw wrongCode();
        // Each time step is accepted once: the update succeeds only for a step after the last one used.
        const updated = await this.#store.database
          .updateTable('two_factor')
          .set({ last_step: step })
          .where('user_id', '=', user.id)
          .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw new HttpProblem(
            'two-factor-code-reused',
            'this code was used already (or an earlier one is newer); wait for the next code',
          );
        return 'totp';
      }
      const spent = await this.#store.database
        .updateTable('two_factor_recovery_codes')
        .set({ used_at: new Date(this.#now()).toISOString() })
        .where('user_id', '=', user.id)
        .where('code_hash', '=', recoveryHash(compact))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) throw wrongCode();
      return 'recovery';
    });
  }

  /** New recovery codes (the old ones stop working), after a valid code proves the factor is at hand. */
  async regenerateRecoveryCodes(user: User, code: string, address: string, audit: AuditContext): Promise<string[]> {
    await this.verify(user, code, address);
    const codes = recoveryCodes();
    const at = new Date(this.#now()).toISOString();
    await this.#store.transact((tx) => this.#replaceRecoveryCodes(tx, user.id, codes, at), {
      ...audit,
      effects: [{ kind: 'recoveryCodes', key: user.id, before: null, after: { createdAt: at, count: codes.length } }],
    });
    return codes;
  }

  /**
   * Removes a user's second factor and recovery codes. `endSessions` (an administrator's reset)
   * also ends every session of the user and their pending challenges.
   */
  async remove(userId: string, audit: AuditContext, endSessions: boolean): Promise<boolean> {
    return this.#store.transact(
      async (tx) => {
        const removed = await tx.deleteFrom('two_factor').where('user_id', '=', userId).executeTakeFirst();
        await tx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
        if (endSessions) {
          await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
          await tx.deleteFrom('sign_in_challenges').where('user_id', '=', userId).execute();
        }
        return Number(removed.numDeletedRows) > 0;
      },
      { ...audit, effects: [{ kind: 'twoFactor', key: userId, before: { enrolled: true }, after: null }] },
    );
  }

  async #replaceRecoveryCodes(
    tx: Store['database'],
    userId: string,
    codes: readonly string[],
    at: string,
  ): Promise<void> {
    await tx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
    await tx
      .insertInto('two_factor_recovery_codes')
      .values(codes.map((code) => ({ user_id: userId, code_hash: recoveryHash(code), created_at: at, used_at: null })))
      .execute();
  }

  /** The time step of a valid TOTP code (one step of clock drift either way), or null. */
  /** The plain TOTP secret of a stored row; an error when it was sealed under another key. */
  #secretOf(sealed: string): string {
    const secret = this.#box.decrypt(sealed);
    if (secret === null)
      throw new Error(
        'a two-factor secret was sealed under another secret key: set TESSERA_SECRET_KEY as when it was stored, or reset the factor',
      );
    return secret;
  }

  async #totpStep(secret: string, user: User, code: string): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const totp = await totpOf(secret, qualifiedUserName(user));
    const now = this.#now();
    const delta = totp.validate({ token: code, timestamp: now, window: 1 });
    return delta === null ? null : Math.floor(now / 1000 / PERIOD_S) + delta;
  }

  /** Runs a code check counted against the user's and the address's budget before it runs (as sign-in does). */
  async #throttled<T>(userId: string, address: string, check: () => Promise<T>): Promise<T> {
    const key = `2fa:${userId}`;
    const addresses = this.#credentials.byAddress;
    const wait = Math.max(this.byUser.waitFor(key), addresses.waitFor(address));
    if (wait > 0)
      throw new HttpProblem('too-many-requests', `too many wrong codes; try again in ${Math.ceil(wait / 1000)} s`, {
        retryAfter: Math.ceil(wait / 1000),
      });
    this.byUser.reserve(key);
    addresses.reserve(address);
    try {
      const result = await check();
      this.byUser.succeed(key);
      addresses.release(address);
      return result;
    } catch (error) {
      this.byUser.failed(key);
      addresses.failed(address);
      throw error;
    }
  }
}

/** `otpauth` and `qrcode` are loaded on the first two-factor use, not with the server. */
async function totpOf(secret: string, label: string): Promise<TOTP> {
  const { Secret, TOTP } = await import('otpauth');
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_S,
    secret: Secret.fromBase32(secret),
  });
}

/** Ten codes of ten characters (`xxxxx-xxxxx`, ~50 bits each), from an alphabet without look-alikes. */
function recoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODES }, () => {
    const bytes = randomBytes(10);
    const text = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

function recoveryHash(code: string): string {
  return secretHash(`recovery:${code.replace(/[\s-]/g, '').toLowerCase()}`);
}

function wrongCode(): HttpProblem {
  return new HttpProblem('two-factor-invalid', 'the code is wrong or has expired');
}

function invalidChallenge(): HttpProblem {
  return new HttpProblem(
    'two-factor-challenge-invalid',
    'the sign-in challenge is unknown, used or expired: sign in again',
  );
}

const services = new WeakMap<object, TwoFactor>();

/** The second-factor service of a running server. */
export function twoFactorOf(context: {
  readonly store: Store;
  readonly credentials: Credentials;
  readonly settings: { readonly database: string };
}): TwoFactor {
  let service = services.get(context);
  if (service === undefined) {
    service = new TwoFactor(context.store, context.credentials, secretBoxFor(context.settings.database));
    services.set(context, service);
  }
  return service;
}
