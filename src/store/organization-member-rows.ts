import type { Kysely, Transaction } from 'kysely';
import type { Change } from '../core/changes.js';
import type { AccessEngine } from '../core/engine.js';
import type { Database } from './schema.js';

/**
 * Keeps the organization membership rows (docs/administration.md#organization-members) in step
 * with a batch, in its transaction, after the engine applied it: a user added to a group of an
 * organization, or given a role at it (or at one of its projects or resources), becomes a member
 * of it; a user deleted by the batch is a member of nothing. Written by the paths that apply a
 * whole batch the caller did not compose itself (documents, `tessera apply`).
 */
export async function recordOrganizationMembers(
  tx: Kysely<Database> | Transaction<Database>,
  engine: AccessEngine,
  changes: readonly Change[],
): Promise<void> {
  const deleted = new Set<string>();
  for (const change of changes) if (change.op === 'user.delete') deleted.add(change.id);
  let projects: Map<string, string> | undefined;
  let resources: Map<string, string> | undefined;
  const organizationOf = (target: { level: string; id: string }): string | undefined => {
    if (target.level === 'organization') return target.id;
    if (target.level === 'project') {
      projects ??= new Map(engine.projects().map((p) => [p.id, p.organization]));
      return projects.get(target.id);
    }
    resources ??= new Map(engine.resources().map((r) => [r.id, r.organization]));
    return resources.get(target.id);
  };
  const at = new Date().toISOString();
  const rows = new Map<string, { organization: string; user_id: string; joined_at: string }>();
  for (const change of changes) {
    let organization: string | undefined;
    let user: string;
    if (change.op === 'member.add') {
      organization = engine.group(change.membership.group)?.organization;
      user = change.membership.user;
    } else if (change.op === 'mapping.add' && change.mapping.subject.kind === 'user') {
      organization = organizationOf(change.mapping.target);
      user = change.mapping.subject.id;
    } else continue;
    if (organization === undefined || deleted.has(user) || engine.user(user)?.id !== user) continue;
    rows.set(`${organization}\u0000${user}`, { organization, user_id: user, joined_at: at });
  }
  const all = [...rows.values()];
  for (let i = 0; i < all.length; i += 500)
    await tx
      .insertInto('organization_members')
      .values(all.slice(i, i + 500))
      .onConflict((c) => c.columns(['organization', 'user_id']).doNothing())
      .execute();
  const gone = [...deleted];
  for (let i = 0; i < gone.length; i += 500)
    await tx
      .deleteFrom('organization_members')
      .where('user_id', 'in', gone.slice(i, i + 500))
      .execute();
}

/** `alongside` followed by the membership rows of the batch. */
export function withOrganizationMembers(
  engine: () => AccessEngine,
  changes: readonly Change[],
  alongside: ((tx: Kysely<Database>) => Promise<void>) | undefined,
): (tx: Kysely<Database>) => Promise<void> {
  return async (tx) => {
    await alongside?.(tx);
    await recordOrganizationMembers(tx, engine(), changes);
  };
}
