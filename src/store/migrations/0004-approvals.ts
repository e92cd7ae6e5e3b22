import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

/** Approval workflows: the requests, and each organization's choice of which flows need approval. */
export const approvals: Migration = {
  name: '0004-approvals',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('approvals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('flow', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('organization', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('requester', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('reason', 'text')
      .addColumn('effect', 'text')
      .execute();
    await db.schema.createIndex('approvals_status').on('approvals').columns(['status', 'id']).execute();
    await db.schema.createIndex('approvals_requester').on('approvals').columns(['requester', 'id']).execute();
    await db.schema
      .createTable('approval_workflows')
      .addColumn('organization', 'text', (c) => c.notNull())
      .addColumn('flow', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('approval_workflows_pk', ['organization', 'flow'])
      .execute();
  },
};
