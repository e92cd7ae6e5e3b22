import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isPostgresUrl } from '../store/open.js';

/**
 * Secrets Tessera must use again (two-factor TOTP secrets, an LDAP store's bind password) are
 * stored encrypted at rest with AES-256-GCM, under one key that is not in the database, so a
 * backup of the database alone does not reveal them:
 *
 * 1. `TESSERA_SECRET_KEY`, when set (any string; its SHA-256 is the key); servers sharing a
 *    database must all have the same one;
 * 2. otherwise the file `TESSERA_SECRET_KEY_FILE`, by default `secret.key` next to the SQLite
 *    database (`./tessera-data/secret.key` for PostgreSQL), created with 32 random bytes and mode
 *    0600 the first time a secret is stored.
 *
 * Stored form: `v1:<iv>:<tag>:<ciphertext>`, base64url. A secret is never answered by any API.
 * The key is read (and the file created) at the first use, not at start.
 */
export class SecretBox {
  readonly #key: () => Buffer;

  constructor(key: () => Buffer) {
    this.#key = key;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key(), iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(
      ':',
    );
  }

  /** The plain secret, or null when it was sealed under another key (or is not a sealed secret). */
  decrypt(sealed: string): string | null {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || iv === undefined || tag === undefined || data === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key(), Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

/** Where the key file is by default, for a database setting (a SQLite path or a PostgreSQL URL). */
export function defaultKeyFile(database: string): string {
  if (isPostgresUrl(database) || database === ':memory:') return join('tessera-data', 'secret.key');
  return join(dirname(database), 'secret.key');
}

/** The secret box of a server or a CLI command, by the rule above. */
export function secretBoxFor(database: string, env: NodeJS.ProcessEnv = process.env): SecretBox {
  let key: Buffer | undefined;
  return new SecretBox(() => {
    if (key !== undefined) return key;
    const configured = env.TESSERA_SECRET_KEY;
    if (configured !== undefined && configured !== '') {
      key = createHash('sha256').update(configured).digest();
      return key;
    }
    const file = env.TESSERA_SECRET_KEY_FILE || defaultKeyFile(database);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    }
    key = createHash('sha256').update(readFileSync(file, 'utf8').trim()).digest();
    return key;
  });
}
