import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/index.js';

const META_KEY = 'encryption-key';
const VERSION = 'v1';

/**
 * Encrypts small secrets kept in the database (TOTP secrets) with AES-256-GCM. The key comes from
 * `TESSERA_ENCRYPTION_KEY` (any string; its SHA-256 is the key) or, when that is not set, from a
 * random key the first use stores in `server_meta`: then a copy of the database alone is enough to
 * read the secrets, so production sets the variable and keeps it out of the database's backups.
 */
export class SecretBox {
  readonly #store: Store;
  readonly #configured: Buffer | null;
  #key: Promise<Buffer> | null = null;

  constructor(store: Store, configuredKey: string | null | undefined = process.env.TESSERA_ENCRYPTION_KEY) {
    this.#store = store;
    this.#configured =
      configuredKey === undefined || configuredKey === null || configuredKey === ''
        ? null
        : createHash('sha256').update(configuredKey).digest();
  }

  async seal(plain: string): Promise<string> {
    const key = await this.#keyOf();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join(':');
  }

  async open(sealed: string): Promise<string> {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined)
      throw new Error('an encrypted secret is malformed');
    const decipher = createDecipheriv('aes-256-gcm', await this.#keyOf(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  #keyOf(): Promise<Buffer> {
    if (this.#configured !== null) return Promise.resolve(this.#configured);
    this.#key ??= this.#storedKey().catch((error: unknown) => {
      this.#key = null;
      throw error;
    });
    return this.#key;
  }

  async #storedKey(): Promise<Buffer> {
    const database = this.#store.database;
    await database
      .insertInto('server_meta')
      .values({ key: META_KEY, value: randomBytes(32).toString('base64url') })
      .onConflict((c) => c.column('key').doNothing())
      .execute();
    const row = await database
      .selectFrom('server_meta')
      .select('value')
      .where('key', '=', META_KEY)
      .executeTakeFirstOrThrow();
    return Buffer.from(row.value, 'base64url');
  }
}
