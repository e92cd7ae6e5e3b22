import type { MailOutboxRow, PasswordResetRow, SignUpRow, SignUpSettingRow } from './mail-schema.js';
import type { EntityKind } from './store.js';

/** Every entity table has this shape: the record as JSON text, its version and its natural key. */
export interface EntityRow {
  readonly key: string;
  /** The name that must be unique (`UNIQUE`), as a JSON array; null when the kind has none. */
  readonly name_key: string | null;
  /** The record, as JSON text. */
  readonly record: string;
  /** The revision of the write that last changed the row. */
  readonly version: number;
}

export interface ChangeLogRow {
  readonly revision: number;
  /** The batch of `Change`s, as JSON text. */
  readonly changes: string;
  /** ISO 8601. */
  readonly created_at: string;
}

export interface MigrationRow {
  readonly name: string;
  readonly applied_at: string;
}

export const ENTITY_TABLES = {
  settings: 'settings',
  organization: 'organizations',
  project: 'projects',
  resource: 'resources',
  userStore: 'user_stores',
  user: 'users',
  deletedUserId: 'deleted_user_ids',
  group: 'groups',
  membership: 'memberships',
  permission: 'permissions',
  role: 'roles',
  scope: 'scopes',
  mapping: 'mappings',
} as const satisfies Record<EntityKind, string>;

export type EntityTable = (typeof ENTITY_TABLES)[EntityKind];

export interface AuditLogRow {
  readonly id: number;
  /** The revision of the model write; null for a write outside the model (a token, an invitation). */
  readonly revision: number | null;
  /** The acting user's id; null for the system (bootstrap, the CLI on the database). */
  readonly actor: string | null;
  readonly actor_name: string | null;
  /** ISO 8601. */
  readonly at: string;
  readonly action: string;
  readonly target: string | null;
  /** `AuditEffect[]` as JSON text. */
  readonly effects: string;
}

export interface AuditTargetRow {
  readonly audit_id: number;
  /** `kind:key` of a record the entry touched. */
  readonly target: string;
}

export interface AccountRow {
  readonly user_id: string;
  readonly password_hash: string;
  readonly updated_at: string;
}

export interface SessionRow {
  readonly token_hash: string;
  readonly user_id: string;
  readonly csrf: string;
  readonly created_at: string;
  readonly expires_at: string;
}

export interface AccessTokenRow {
  readonly id: string;
  readonly token_hash: string;
  readonly user_id: string;
  readonly name: string;
  /** The token's first characters, to tell tokens apart in a list. */
  readonly prefix: string;
  readonly created_at: string;
  readonly expires_at: string | null;
  readonly revoked_at: string | null;
}

export interface InvitationRow {
  readonly id: string;
  readonly token_hash: string;
  readonly email: string;
  readonly organization: string;
  readonly group_id: string | null;
  readonly role: string | null;
  readonly target_level: string | null;
  readonly target_id: string | null;
  readonly created_by: string | null;
  readonly created_at: string;
  readonly expires_at: string;
  readonly accepted_at: string | null;
  readonly accepted_by: string | null;
  readonly revoked_at: string | null;
}

export interface ServerMetaRow {
  readonly key: string;
  readonly value: string;
}

export interface ApplicationRow {
  readonly id: string;
  /** The owning user's stable id (never a username: a re-created username owns nothing of this). */
  readonly owner: string;
  readonly organization: string;
  readonly name: string;
  readonly description: string | null;
  readonly created_at: string;
}

export interface ApplicationKeyRow {
  readonly id: string;
  readonly application: string;
  /** `PRODUCTION` or `SANDBOX`. */
  readonly key_type: string;
  readonly client_id: string;
  readonly secret_hash: string;
  /** JSON array of the redirect URIs allowed for the authorization code flow. */
  readonly redirect_uris: string;
  readonly created_at: string;
  readonly revoked_at: string | null;
}

export interface SubscriptionRow {
  readonly id: string;
  readonly application: string;
  /** The subscribed API (a resource id). */
  readonly resource: string;
  readonly created_by: string | null;
  readonly created_at: string;
}

export interface ApiKeyRow {
  readonly id: string;
  readonly application: string;
  readonly name: string;
  readonly prefix: string;
  readonly key_hash: string;
  readonly created_at: string;
  readonly expires_at: string | null;
  readonly revoked_at: string | null;
}

export interface SigningKeyRow {
  readonly kid: string;
  readonly algorithm: string;
  readonly private_jwk: string;
  readonly public_jwk: string;
  readonly created_at: string;
  readonly retire_at: string;
}

export interface OAuthCodeRow {
  readonly code_hash: string;
  readonly client_id: string;
  readonly user_id: string;
  readonly redirect_uri: string;
  readonly scope: string;
  readonly code_challenge: string;
  readonly nonce: string | null;
  readonly created_at: string;
  readonly expires_at: string;
  readonly used_at: string | null;
}

export interface OAuthRefreshTokenRow {
  readonly token_hash: string;
  readonly client_id: string;
  readonly user_id: string;
  readonly scope: string;
  readonly created_at: string;
  readonly expires_at: string;
  readonly revoked_at: string | null;
}

export interface OAuthRevokedTokenRow {
  readonly jti: string;
  readonly expires_at: string;
}

export const MIGRATIONS_TABLE = 'tessera_migrations';

/** The tables outside the model, created by `0002-server`. */
export const SERVER_TABLES = [
  'audit_log',
  'audit_targets',
  'accounts',
  'sessions',
  'access_tokens',
  'invitations',
  'server_meta',
  'applications',
  'application_keys',
  'subscriptions',
  'api_keys',
  'signing_keys',
  'oauth_codes',
  'oauth_refresh_tokens',
  'oauth_revoked_tokens',
  'mail_outbox',
  'sign_up_settings',
  'sign_ups',
  'password_resets',
] as const;

/** The Kysely database type shared by every adapter. */
export type Database = { readonly [T in EntityTable]: EntityRow } & {
  readonly change_log: ChangeLogRow;
  readonly tessera_migrations: MigrationRow;
  readonly audit_log: AuditLogRow;
  readonly audit_targets: AuditTargetRow;
  readonly accounts: AccountRow;
  readonly sessions: SessionRow;
  readonly access_tokens: AccessTokenRow;
  readonly invitations: InvitationRow;
  readonly server_meta: ServerMetaRow;
  readonly applications: ApplicationRow;
  readonly application_keys: ApplicationKeyRow;
  readonly subscriptions: SubscriptionRow;
  readonly api_keys: ApiKeyRow;
  readonly signing_keys: SigningKeyRow;
  readonly oauth_codes: OAuthCodeRow;
  readonly oauth_refresh_tokens: OAuthRefreshTokenRow;
  readonly oauth_revoked_tokens: OAuthRevokedTokenRow;
  readonly mail_outbox: MailOutboxRow;
  readonly sign_up_settings: SignUpSettingRow;
  readonly sign_ups: SignUpRow;
  readonly password_resets: PasswordResetRow;
};

/** For code that writes any entity table: they all share one row type. */
export type AnyEntityTable = 'organizations';
