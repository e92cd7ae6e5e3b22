import * as crypto from 'node:crypto';
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt's cost parameter N is 2^cost: 2^15 with r=8 (32 MB, ~50 ms here) unless TESSERA_PASSWORD_COST says otherwise. */
export const DEFAULT_PASSWORD_COST = 15;
/** Below 2^10 a hash is cheap enough to guess offline; above 2^20 one takes seconds and 1 GB. */
export const PASSWORD_COST_RANGE = { min: 10, max: 20 } as const;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/**
 * The configured cost (log2 of scrypt's N): `TESSERA_PASSWORD_COST`, an integer in PASSWORD_COST_RANGE,
 * or DEFAULT_PASSWORD_COST. Read at each hash, so the server and the CLI on one database agree.
 */
export function passwordCost(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.TESSERA_PASSWORD_COST;
  if (text === undefined || text === '') return DEFAULT_PASSWORD_COST;
  const cost = Number(text);
  if (!Number.isInteger(cost) || cost < PASSWORD_COST_RANGE.min || cost > PASSWORD_COST_RANGE.max)
    throw new Error(
      `TESSERA_PASSWORD_COST must be an integer from ${PASSWORD_COST_RANGE.min} to ${PASSWORD_COST_RANGE.max} (scrypt's N = 2^cost), not "${text}"`,
    );
  return cost;
}

/** `scrypt$N$r$p$salt$hash`, salt and hash base64url: the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const N = 2 ** passwordCost();
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 256 * N * R });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether a stored hash was made with other parameters than a new one would be: then it is made again at sign-in. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== 2 ** passwordCost() || Number(r) !== R || Number(p) !== P;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const actual = await scryptAsync(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    ...cost,
    maxmem: 256 * cost.N * cost.r,
  });
  return timingSafeEqual(actual, expected);
}

/** A password of 24 random characters (~143 bits), for the admin account when none is configured. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** A bearer secret: `<prefix>_` and 32 random bytes. Only its SHA-256 is stored. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** `crypto.hash` (Node 20.12 and later): the same digest in one call, without a Hash object. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

/** Secrets are random and long, so a fast hash is enough to keep them useless if the database leaks. */
export function secretHash(secret: string): string {
  if (oneShotHash !== undefined) return oneShotHash('sha256', secret, 'base64url');
  return createHash('sha256').update(secret).digest('base64url');
}
