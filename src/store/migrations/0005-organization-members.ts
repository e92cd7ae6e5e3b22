import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

interface Row {
  readonly record: string;
}

/**
 * The people of each organization (docs/administration.md#organization-members). Existing data:
 * every user who holds anything in an organization (a group of it, or a role mapped at it, one of
 * its projects or one of its resources) becomes a member of it.
 */
export const organizationMembers: Migration = {
  name: '0005-organization-members',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('organization_members')
      .addColumn('organization', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('joined_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('organization_members_pk', ['organization', 'user_id'])
      .execute();
    await db.schema.createIndex('organization_members_user').on('organization_members').column('user_id').execute();

    const records = async <T>(table: string): Promise<T[]> =>
      ((await db.selectFrom(table).select('record').execute()) as Row[]).map((row) => JSON.parse(row.record) as T);
    const users = new Set((await records<{ id: string }>('users')).map((u) => u.id));
    const groups = new Map((await records<{ id: string; organization: string }>('groups')).map((g) => [g.id, g]));
    const organizations = new Set((await records<{ id: string }>('organizations')).map((o) => o.id));
    const projects = new Map(
      (await records<{ id: string; organization: string }>('projects')).map((p) => [p.id, p.organization]),
    );
    const resources = new Map(
      (await records<{ id: string; organization: string }>('resources')).map((r) => [r.id, r.organization]),
    );
    const pairs = new Set<string>();
    const add = (organization: string | undefined, user: string): void => {
      if (organization !== undefined && organizations.has(organization) && users.has(user))
        pairs.add(`${organization}\u0000${user}`);
    };
    for (const membership of await records<{ group: string; user: string }>('memberships'))
      add(groups.get(membership.group)?.organization, membership.user);
    type Mapping = { subject: { kind: string; id?: string }; target: { level: string; id: string } };
    for (const mapping of await records<Mapping>('mappings')) {
      if (mapping.subject.kind !== 'user' || mapping.subject.id === undefined) continue;
      const { level, id } = mapping.target;
      const organization = level === 'organization' ? id : level === 'project' ? projects.get(id) : resources.get(id);
      add(organization, mapping.subject.id);
    }
    const at = new Date().toISOString();
    const rows = [...pairs].map((pair) => {
      const [organization, user] = pair.split('\u0000') as [string, string];
      return { organization, user_id: user, joined_at: at };
    });
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('organization_members')
        .values(rows.slice(i, i + 500))
        .execute();
  },
};
