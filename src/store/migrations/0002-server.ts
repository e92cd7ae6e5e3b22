import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

/** The server's own tables: the audit log, credentials, sessions, access tokens, invitations. */
export const server: Migration = {
  name: '0002-server',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('revision', 'integer')
      .addColumn('actor', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('effects', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'id']).execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    // Every record an entry touched, so the log can be filtered by any of them.
    await db.schema
      .createTable('audit_targets')
      .addColumn('audit_id', 'integer', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_targets_pk', ['target', 'audit_id'])
      .execute();
    await db.schema
      .createTable('accounts')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('access_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('access_tokens_user').on('access_tokens').column('user_id').execute();
    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('organization', 'text', (c) => c.notNull())
      .addColumn('group_id', 'text')
      .addColumn('role', 'text')
      .addColumn('target_level', 'text')
      .addColumn('target_id', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text')
      .addColumn('accepted_by', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createTable('server_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};
