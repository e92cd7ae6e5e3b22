import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

/**
 * Separation-of-duties constraints (one more entity table of the usual shape) and the server's
 * temporary-elevation (break-glass) requests.
 */
export const separationOfDuties: Migration = {
  name: '0010-separation-of-duties',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('sod_constraints')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('name_key', 'text', (c) => c.unique())
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('elevations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('requester', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('target_level', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('duration_seconds', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('mapping_id', 'text')
      .addColumn('expires_at', 'text')
      .execute();
    await db.schema.createIndex('elevations_requester').on('elevations').column('requester').execute();
  },
};
