import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

/** LDAP user stores: how each reads its directory (the bind secret sealed), and its last synchronisation. */
export const ldapStores: Migration = {
  name: '0009-ldap-stores',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('ldap_stores')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('bind_dn', 'text', (c) => c.notNull())
      /** AES-256-GCM under the server's secret key (src/server/secret-box.ts), never in clear. */
      .addColumn('bind_secret', 'text', (c) => c.notNull())
      .addColumn('user_base_dn', 'text', (c) => c.notNull())
      .addColumn('group_base_dn', 'text', (c) => c.notNull())
      .addColumn('user_filter', 'text', (c) => c.notNull())
      .addColumn('group_filter', 'text', (c) => c.notNull())
      .addColumn('username_attribute', 'text', (c) => c.notNull())
      .addColumn('email_attribute', 'text', (c) => c.notNull())
      .addColumn('group_name_attribute', 'text', (c) => c.notNull())
      .addColumn('member_attribute', 'text', (c) => c.notNull())
      /** The organization the directory's groups live in. */
      .addColumn('organization', 'text', (c) => c.notNull())
      .addColumn('sync_interval_s', 'integer', (c) => c.notNull())
      .addColumn('timeout_ms', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      /** The last synchronisation's outcome (JSON), null before the first. */
      .addColumn('last_sync', 'text')
      .execute();
  },
};
