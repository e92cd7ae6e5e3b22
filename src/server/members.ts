import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';

/**
 * Organization membership rows (docs/administration.md#organization-members): who belongs to which
 * organization. Written in the same transaction as the model write that makes or ends a membership.
 */

/** Makes `userId` a member of `organization`; a member already stays one (joined when it first did). */
export async function addOrganizationMember(
  tx: Kysely<Database>,
  organization: string,
  userId: string,
  at: string = new Date().toISOString(),
): Promise<void> {
  await tx
    .insertInto('organization_members')
    .values({ organization, user_id: userId, joined_at: at })
    .onConflict((c) => c.columns(['organization', 'user_id']).doNothing())
    .execute();
}

/** Ends a membership; answers whether there was one. */
export async function removeOrganizationMember(
  tx: Kysely<Database>,
  organization: string,
  userId: string,
): Promise<boolean> {
  const result = await tx
    .deleteFrom('organization_members')
    .where('organization', '=', organization)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The members of an organization: user id → when they joined. */
export async function organizationMembers(db: Kysely<Database>, organization: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('organization_members')
    .select(['user_id', 'joined_at'])
    .where('organization', '=', organization)
    .execute();
  return new Map(rows.map((row) => [row.user_id, row.joined_at]));
}

/** The organizations a user is a member of. */
export async function organizationsOfMember(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organization_members')
    .select('organization')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => row.organization);
}

export async function isOrganizationMember(
  db: Kysely<Database>,
  organization: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('organization_members')
    .select('user_id')
    .where('organization', '=', organization)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
