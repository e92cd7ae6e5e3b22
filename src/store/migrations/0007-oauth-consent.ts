import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

/** OAuth clients' profiles (public or confidential, first- or third-party) and the consents users gave them. */
export const oauthConsent: Migration = {
  name: '0007-oauth-consent',
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('oauth_client_profiles')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      /** 1: a public client (a browser or command-line app): no secret, authorization code with PKCE only. */
      .addColumn('public', 'integer', (c) => c.notNull())
      /** 1: the installation's own client: users are not asked for consent. */
      .addColumn('first_party', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('oauth_consents')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      /** The scopes consented to, space-separated; a request within them is not asked again. */
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('oauth_consents_pk', ['user_id', 'client_id'])
      .execute();
  },
};
