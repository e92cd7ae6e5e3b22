import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

/**
 * Read-write LDAP user stores (docs/user-stores.md#read-write-stores): whether the store is
 * read-only (1, the default and what every store added before was), and where and how Tessera
 * writes new users and groups into the directory. Null bases: the search bases.
 */
export const ldapWrite: Migration = {
  name: '0012-ldap-write',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    // One column per statement: SQLite adds one column per ALTER TABLE.
    await db.schema
      .alterTable('ldap_stores')
      .addColumn('read_only', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable('ldap_stores').addColumn('write_user_base_dn', 'text').execute();
    await db.schema.alterTable('ldap_stores').addColumn('write_group_base_dn', 'text').execute();
    /** Comma-separated object classes of new entries. */
    await db.schema
      .alterTable('ldap_stores')
      .addColumn('user_object_classes', 'text', (c) => c.notNull().defaultTo('inetOrgPerson'))
      .execute();
    await db.schema
      .alterTable('ldap_stores')
      .addColumn('group_object_classes', 'text', (c) => c.notNull().defaultTo('groupOfNames'))
      .execute();
  },
};
