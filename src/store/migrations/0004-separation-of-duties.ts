import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

/** Separation-of-duties constraints: one more entity table of the usual shape. */
export const separationOfDuties: Migration = {
  name: '0004-separation-of-duties',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('sod_constraints')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('name_key', 'text', (c) => c.unique())
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
  },
};
