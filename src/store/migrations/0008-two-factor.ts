import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

/** Two-factor sign-in: TOTP secrets (encrypted), recovery codes (hashed) and sign-in challenges. */
export const twoFactor: Migration = {
  name: '0008-two-factor',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('two_factor')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      /** The TOTP secret, AES-256-GCM encrypted (`v1:iv:tag:ciphertext`). */
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      /** Null until a first valid code confirms the enrolment; only confirmed secrets are asked for. */
      .addColumn('confirmed_at', 'text')
      /** The last TOTP time step accepted: a code of this step or an earlier one is a replay. */
      .addColumn('last_step', 'integer')
      .execute();
    await db.schema
      .createTable('two_factor_recovery_codes')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addPrimaryKeyConstraint('two_factor_recovery_codes_pk', ['user_id', 'code_hash'])
      .execute();
    await db.schema
      .createTable('sign_in_challenges')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      /** `verify` (a code gives the session) or `enrol` (the user must enrol first). */
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
  },
};
