import type { Kysely } from 'kysely';
import type { Change } from '../core/changes.js';
import type { AccessEngine } from '../core/engine.js';
import { organizationOfTarget } from '../core/organization-members.js';
import type { AlongsideRow, Database } from '../store/index.js';

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

/**
 * `addOrganizationMember` as a row the store inserts with the write (`WriteOptions.alongsideRows`):
 * batched with the other writes of a group commit.
 */
export function organizationMemberRow(
  organization: string,
  userId: string,
  at: string = new Date().toISOString(),
): AlongsideRow {
  return {
    table: 'organization_members',
    row: { organization, user_id: userId, joined_at: at },
    key: ['organization', 'user_id'],
  };
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

/**
 * The memberships a batch makes: a user added to a group of an organization, or given a role at
 * an organization (or one of its projects or resources), becomes a member of it. Groups and
 * organizations created in the same batch count.
 */
export function membershipsOfBatch(
  engine: AccessEngine,
  changes: readonly Change[],
): { organization: string; user: string }[] {
  const groups = new Map<string, string>();
  for (const change of changes) if (change.op === 'group.put') groups.set(change.group.id, change.group.organization);
  const found: { organization: string; user: string }[] = [];
  for (const change of changes) {
    if (change.op === 'member.add') {
      const { group, user } = change.membership;
      const organization = groups.get(group) ?? engine.group(group)?.organization;
      if (organization !== undefined) found.push({ organization, user });
    } else if (change.op === 'mapping.add' && change.mapping.subject.kind === 'user') {
      const organization = organizationOfTarget(engine, change.mapping.target);
      if (organization !== undefined) found.push({ organization, user: change.mapping.subject.id });
    }
  }
  return found;
}

/** Records the memberships a batch makes (`membershipsOfBatch`), in the batch's transaction. */
export async function addMembersOfBatch(
  tx: Kysely<Database>,
  engine: AccessEngine,
  changes: readonly Change[],
): Promise<void> {
  for (const { organization, user } of membershipsOfBatch(engine, changes))
    await addOrganizationMember(tx, organization, user);
}
