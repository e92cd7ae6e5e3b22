import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

const TABLES = [
  'settings',
  'organizations',
  'projects',
  'resources',
  'user_stores',
  'users',
  'deleted_user_ids',
  'groups',
  'memberships',
  'permissions',
  'roles',
  'scopes',
  'mappings',
];

export const initial: Migration = {
  name: '0001-initial',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    for (const table of TABLES) {
      await db.schema
        .createTable(table)
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('name_key', 'text', (c) => c.unique())
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
    }
    await db.schema
      .createTable('change_log')
      .addColumn('revision', 'integer', (c) => c.primaryKey())
      .addColumn('changes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
