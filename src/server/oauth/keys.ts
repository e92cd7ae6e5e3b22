import { type KeyObject, createPrivateKey, randomBytes } from 'node:crypto';
import { type CryptoKey, type JSONWebKeySet, type JWK, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { Store } from '../../store/index.js';

export const SIGNING_ALGORITHM = 'ES256';

export interface SigningKeyOptions {
  /** How long a key signs before a newer one takes over. Default 24 hours. */
  readonly rotationAgeMs?: number;
  /** The longest lifetime of anything a key signs: a retired key stays published this long. Default 900 s. */
  readonly maxTokenLifetimeS?: number;
  /** The clock, in milliseconds (tests move it). */
  readonly now?: () => number;
}

interface PublishedKey {
  readonly kid: string;
  readonly jwk: JWK;
  readonly key: CryptoKey;
  readonly createdAt: number;
  /** After this the key signs nothing. */
  readonly retireAt: number;
}

/** The JWKS is read again when older than this. */
const RELOAD_INTERVAL_MS = 1_000;
/** Unknown kids make the keys be read again, but at most this often, so garbage tokens cannot flood the database. */
const MIN_RELOAD_GAP_MS = 10;
/** A kid still unknown after reading the table is not looked for again this long. */
const MISSING_KID_MEMORY_MS = 1_000;

/**
 * The token-signing keys (ES256) of `signing_keys`, kept in memory. The active key is the newest
 * not past its rotation age; when there is none a new one is made. A retired key stays in the JWKS
 * until every token it signed has expired. Several servers share the table: a kid one of them has
 * not seen makes it read the table again.
 */
export class SigningKeys {
  readonly rotationAgeMs: number;
  readonly maxTokenLifetimeS: number;
  readonly now: () => number;
  readonly #store: Store;
  #keys = new Map<string, PublishedKey>();
  #active: { readonly kid: string; readonly privateKey: KeyObject; readonly retireAt: number } | null = null;
  #loadedAt = Number.NEGATIVE_INFINITY;
  /** performance.now() of the last read (a real clock, whatever `now` says). */
  #readAt = Number.NEGATIVE_INFINITY;
  readonly #missing = new Map<string, number>();
  #rotating: Promise<void> | null = null;
  #reloading: Promise<void> | null = null;

  constructor(store: Store, options: SigningKeyOptions = {}) {
    this.#store = store;
    this.rotationAgeMs = options.rotationAgeMs ?? 24 * 3600_000;
    this.maxTokenLifetimeS = options.maxTokenLifetimeS ?? 900;
    this.now = options.now ?? Date.now;
  }

  /** The key to sign with now, rotating when the active one has reached its age. */
  async signingKey(): Promise<{ readonly kid: string; readonly privateKey: KeyObject }> {
    const active = this.#active;
    if (active !== null && this.now() < active.retireAt) return active;
    this.#rotating ??= this.#activate().finally(() => (this.#rotating = null));
    await this.#rotating;
    return this.#active!;
  }

  /** The public key of `kid`, reading the table again when it is unknown (another server rotated). */
  async verificationKey(kid: string): Promise<CryptoKey | undefined> {
    let found = this.#keys.get(kid);
    if (found === undefined) {
      const missingSince = this.#missing.get(kid);
      if (missingSince !== undefined && performance.now() - missingSince < MISSING_KID_MEMORY_MS) return undefined;
      await this.#reloadSoon();
      found = this.#keys.get(kid);
      if (found === undefined) {
        if (this.#missing.size >= 10_000) this.#missing.clear();
        this.#missing.set(kid, performance.now());
      }
    }
    if (found === undefined || !this.#published(found)) return undefined;
    return found.key;
  }

  /** The JWKS: every key that signs or may still have signed an unexpired token. */
  async jwks(): Promise<JSONWebKeySet> {
    if (this.now() - this.#loadedAt >= RELOAD_INTERVAL_MS) await this.#reload();
    if (this.#keys.size === 0) await this.signingKey();
    const keys = [...this.#keys.values()].filter((k) => this.#published(k)).sort((a, b) => b.createdAt - a.createdAt);
    return { keys: keys.map((k) => ({ ...k.jwk, kid: k.kid, alg: SIGNING_ALGORITHM, use: 'sig' })) };
  }

  #published(key: PublishedKey): boolean {
    return this.now() < key.retireAt + this.maxTokenLifetimeS * 1000;
  }

  /** Reads the table again, waiting first when the last read was only a moment ago. */
  async #reloadSoon(): Promise<void> {
    const wait = this.#readAt + MIN_RELOAD_GAP_MS - performance.now();
    if (wait > 0 && this.#reloading === null) await new Promise((resolve) => setTimeout(resolve, wait));
    await this.#reload();
  }

  async #reload(): Promise<void> {
    this.#reloading ??= this.#read().finally(() => (this.#reloading = null));
    await this.#reloading;
  }

  async #read(): Promise<void> {
    const rows = await this.#store.database.selectFrom('signing_keys').selectAll().execute();
    const keys = new Map<string, PublishedKey>();
    for (const row of rows) {
      const known = this.#keys.get(row.kid);
      if (known !== undefined) {
        keys.set(row.kid, known);
        continue;
      }
      const jwk = JSON.parse(row.public_jwk) as JWK;
      keys.set(row.kid, {
        kid: row.kid,
        jwk,
        key: (await importJWK(jwk, row.algorithm)) as CryptoKey,
        createdAt: Date.parse(row.created_at),
        retireAt: Date.parse(row.retire_at),
      });
    }
    this.#keys = keys;
    this.#loadedAt = this.now();
    this.#readAt = performance.now();
  }

  /** Makes the newest unretired key active, creating one when every key is retired. */
  async #activate(): Promise<void> {
    await this.#reload();
    let newest = this.#newestActive();
    if (newest === undefined) {
      await this.#create();
      await this.#reload();
      newest = this.#newestActive();
      if (newest === undefined) throw new Error('no signing key is active right after creating one');
    }
    const row = await this.#store.database
      .selectFrom('signing_keys')
      .select(['private_jwk', 'algorithm'])
      .where('kid', '=', newest.kid)
      .executeTakeFirstOrThrow();
    // node:crypto signs ES256 about twice as fast as WebCrypto: the token endpoint signs with it directly.
    const privateKey = createPrivateKey({
      key: JSON.parse(row.private_jwk) as import('node:crypto').JsonWebKey,
      format: 'jwk',
    });
    this.#active = { kid: newest.kid, privateKey, retireAt: this.#signsUntil(newest) };
  }

  /** A key signs until its recorded retirement or until it reaches this instance's rotation age, whichever comes first. */
  #signsUntil(key: PublishedKey): number {
    return Math.min(key.retireAt, key.createdAt + this.rotationAgeMs);
  }

  #newestActive(): PublishedKey | undefined {
    const now = this.now();
    let newest: PublishedKey | undefined;
    for (const key of this.#keys.values()) {
      if (this.#signsUntil(key) > now && (newest === undefined || key.createdAt > newest.createdAt)) newest = key;
    }
    return newest;
  }

  async #create(): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const now = this.now();
    const kid = randomBytes(12).toString('base64url');
    const expiredBefore = new Date(now - this.maxTokenLifetimeS * 1000).toISOString();
    await this.#store.transact(async (tx) => {
      // Keys whose every token has expired are of no use to anyone.
      await tx.deleteFrom('signing_keys').where('retire_at', '<', expiredBefore).execute();
      await tx
        .insertInto('signing_keys')
        .values({
          kid,
          algorithm: SIGNING_ALGORITHM,
          private_jwk: JSON.stringify(await exportJWK(privateKey)),
          public_jwk: JSON.stringify(await exportJWK(publicKey)),
          created_at: new Date(now).toISOString(),
          retire_at: new Date(now + this.rotationAgeMs).toISOString(),
        })
        .execute();
    });
  }
}
