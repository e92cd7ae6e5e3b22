import type { Kysely } from 'kysely';
import { initial } from './0001-initial.js';
import { server } from './0002-server.js';
import { oauth } from './0003-oauth.js';
import { approvals } from './0004-approvals.js';
import { organizationMembers } from './0005-organization-members.js';
import { scim } from './0006-scim.js';
import { oauthConsent } from './0007-oauth-consent.js';
import { twoFactor } from './0008-two-factor.js';
import { ldapStores } from './0009-ldap-stores.js';
import { separationOfDuties } from './0010-separation-of-duties.js';
import { mail } from './0011-mail.js';
import { ldapWrite } from './0012-ldap-write.js';
import { ldapUserStatus } from './0013-ldap-user-status.js';

/**
 * A forward-only schema step. Steps run in array order, each once per database, and are recorded
 * by name in `tessera_migrations`. Never edit or reorder a released step: add a new one.
 */
export interface Migration {
  readonly name: string;
  // Kysely<any>: a step sees the schema as it was when the step was written, not today's types.
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when each step was written
  up(db: Kysely<any>): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  initial,
  server,
  oauth,
  approvals,
  organizationMembers,
  scim,
  oauthConsent,
  twoFactor,
  ldapStores,
  separationOfDuties,
  mail,
  ldapWrite,
  ldapUserStatus,
];

export { migrateToLatest, type MigrationResult } from './migrator.js';
