import type { AccessEngine } from '../../core/engine.js';
import type { Role } from '../../core/model.js';
import { type KeyType, applicationRoleName } from '../../core/rules.js';
import type { ApiKeyRow, ApplicationKeyRow, ApplicationRow } from '../../store/schema.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { secretHash } from '../passwords.js';

/** How many characters of an API key are kept in clear, to tell keys apart (`tak_` and 8 random ones). */
export const API_KEY_PREFIX_LENGTH = 12;

export async function findApplication(database: Kysely<Database>, id: string): Promise<ApplicationRow | undefined> {
  return database.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Whether an application still belongs to someone: its owner's stable id must name an existing
 * user. A deleted owner's applications authenticate nothing, and a user created later with the
 * same username is a different id, so it never becomes their owner.
 */
export function hasLiveOwner(engine: AccessEngine, application: Pick<ApplicationRow, 'owner'>): boolean {
  const owner = engine.user(application.owner);
  return owner !== undefined && owner.id === application.owner;
}

/**
 * The application role of one key type: a role bound to the owner's id in the application's
 * organization, found by its name (as `applicationRole` made it) or, when the owner was renamed
 * since, by the description `applicationRole` gave it.
 */
export function applicationRoleOf(
  engine: AccessEngine,
  application: ApplicationRow,
  keyType: KeyType,
): Role | undefined {
  const candidates = engine
    .roles()
    .filter((r) => r.owner === application.owner && r.organization === application.organization);
  const owner = engine.user(application.owner);
  if (owner !== undefined) {
    const name = applicationRoleName(owner, application.name, keyType);
    const byName = candidates.find((r) => r.name === name);
    if (byName !== undefined) return byName;
  }
  const description = `Sees the key-manager entry of application "${application.name}" (${keyType})`;
  return candidates.find((r) => r.description === description);
}

/**
 * The active client of an OAuth `client_id` and its application, when the secret (if given)
 * matches: unrevoked, and its application's owner still exists. For the token endpoint.
 */
export async function activeClient(
  database: Kysely<Database>,
  engine: AccessEngine,
  clientId: string,
  clientSecret?: string,
): Promise<{ key: ApplicationKeyRow; application: ApplicationRow } | undefined> {
  const key = await database
    .selectFrom('application_keys')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (key === undefined) return undefined;
  if (clientSecret !== undefined && secretHash(clientSecret) !== key.secret_hash) return undefined;
  const application = await findApplication(database, key.application);
  if (application === undefined || !hasLiveOwner(engine, application)) return undefined;
  return { key, application };
}

/** An API key's row and application when the key is valid now: unrevoked, unexpired, owner alive. */
export async function activeApiKey(
  database: Kysely<Database>,
  engine: AccessEngine,
  key: string,
  now: Date = new Date(),
): Promise<{ row: ApiKeyRow; application: ApplicationRow } | undefined> {
  const row = await database
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', secretHash(key))
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null) return undefined;
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return undefined;
  const application = await findApplication(database, row.application);
  if (application === undefined || !hasLiveOwner(engine, application)) return undefined;
  return { row, application };
}

/** Redirect URIs for the authorization code flow: https, or http on the loopback only; no fragment. */
export function redirectUriProblem(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.hash !== '' || uri.includes('#')) return 'must not have a fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null;
  return 'must be https (or http on 127.0.0.1 / localhost)';
}

/** Deletes an application, or every application of an owner, with their keys, subscriptions and API keys, in the caller's transaction. */
export async function deleteApplicationRows(
  tx: Kysely<Database>,
  which: { readonly id: string } | { readonly owner: string },
): Promise<void> {
  const ids =
    'id' in which
      ? [which.id]
      : (await tx.selectFrom('applications').select('id').where('owner', '=', which.owner).execute()).map((r) => r.id);
  if (ids.length === 0) return;
  await tx.deleteFrom('application_keys').where('application', 'in', ids).execute();
  await tx.deleteFrom('subscriptions').where('application', 'in', ids).execute();
  await tx.deleteFrom('api_keys').where('application', 'in', ids).execute();
  await tx.deleteFrom('applications').where('id', 'in', ids).execute();
}

/**
 * What a deleted user leaves outside the model, deleted in the same transaction as the user: the
 * password, sessions, access tokens, OAuth grants and the applications the user owned. A user
 * later created with the same username finds none of it.
 */
export async function deleteUserRows(tx: Kysely<Database>, userId: string): Promise<void> {
  await tx.deleteFrom('accounts').where('user_id', '=', userId).execute();
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await tx.deleteFrom('access_tokens').where('user_id', '=', userId).execute();
  await tx.deleteFrom('oauth_refresh_tokens').where('user_id', '=', userId).execute();
  await tx.deleteFrom('oauth_codes').where('user_id', '=', userId).execute();
  await tx.deleteFrom('organization_members').where('user_id', '=', userId).execute();
  await deleteApplicationRows(tx, { owner: userId });
}
