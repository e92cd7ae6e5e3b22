import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

/**
 * The status an administrator gave a user of a read-write LDAP store (docs/user-stores.md#a-users-status):
 * directories have no standard attribute for it, so Tessera keeps it, and a synchronisation leaves
 * a user listed here disabled even while the directory has their entry. One row per disabled user;
 * enabling or deleting the user removes it.
 */
export const ldapUserStatus: Migration = {
  name: '0013-ldap-user-status',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('ldap_user_status')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('store', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ldap_user_status_store').on('ldap_user_status').column('store').execute();
  },
};
