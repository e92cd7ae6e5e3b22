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
  constraint: 'sod_constraints',
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

/** An approval request (docs/approvals.md); `payload` is the JSON of what approving it creates. */
export interface ApprovalRow {
  readonly id: string;
  readonly flow: string;
  readonly status: string;
  readonly organization: string;
  /** Where the approver permission is judged: `api` and the API's id, or `organization`. */
  readonly target_type: string;
  readonly target_id: string;
  readonly requester: string;
  readonly requested_at: string;
  readonly payload: string;
  readonly decided_by: string | null;
  readonly decided_at: string | null;
  readonly reason: string | null;
  /** `kind:key` of the record approving it created. */
  readonly effect: string | null;
}

/** An organization's choice for one approval flow (it and the organizations below it). */
export interface ApprovalWorkflowRow {
  readonly organization: string;
  readonly flow: string;
  /** 1 on, 0 off. */
  readonly enabled: number;
  readonly updated_by: string | null;
  readonly updated_at: string;
}

/** A SCIM provisioning token (docs/scim.md): only its hash is stored. */
export interface ScimTokenRow {
  readonly id: string;
  readonly name: string;
  readonly token_hash: string;
  readonly prefix: string;
  /** The organization whose groups it provisions; null: users only. */
  readonly organization: string | null;
  /** The user store its users live in. */
  readonly store: string;
  /** The administrator who created it: the token acts with at most their rights. */
  readonly created_by: string;
  readonly created_at: string;
  readonly last_used_at: string | null;
  readonly revoked_at: string | null;
}

/** SCIM attributes the model does not keep, per provisioned user or group. */
export interface ScimResourceRow {
  /** `User` or `Group`. */
  readonly kind: string;
  readonly id: string;
  readonly external_id: string | null;
  /** JSON object: the SCIM attributes as last provisioned. */
  readonly attributes: string;
  /** Bumped by every SCIM write of the resource: part of its ETag. */
  readonly revision: number;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A user's membership of an organization (docs/administration.md#organization-members). */
export interface OrganizationMemberRow {
  readonly organization: string;
  readonly user_id: string;
  readonly joined_at: string;
}

export interface TwoFactorRow {
  readonly user_id: string;
  readonly secret: string;
  readonly created_at: string;
  readonly confirmed_at: string | null;
  readonly last_step: number | null;
}

export interface RecoveryCodeRow {
  readonly user_id: string;
  readonly code_hash: string;
  readonly created_at: string;
  readonly used_at: string | null;
}

export interface SignInChallengeRow {
  readonly token_hash: string;
  readonly user_id: string;
  readonly purpose: string;
  readonly created_at: string;
  readonly expires_at: string;
  readonly used_at: string | null;
}

export interface OAuthClientProfileRow {
  readonly client_id: string;
  readonly public: number;
  readonly first_party: number;
  readonly updated_at: string;
}

export interface OAuthConsentRow {
  readonly user_id: string;
  readonly client_id: string;
  readonly scope: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A temporary elevation (break glass): a role requested for a bounded time, and what became of it. */
export interface ElevationRow {
  readonly id: string;
  readonly requester: string;
  readonly role: string;
  readonly target_level: string;
  readonly target_id: string;
  readonly reason: string;
  readonly duration_seconds: number;
  /** `pending`, `approved`, `rejected` or `self-granted`. */
  readonly status: string;
  readonly created_at: string;
  readonly decided_by: string | null;
  readonly decided_at: string | null;
  /** The expiring mapping the grant made. */
  readonly mapping_id: string | null;
  readonly expires_at: string | null;
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
  'approvals',
  'approval_workflows',
  'scim_tokens',
  'scim_resources',
  'organization_members',
  'two_factor',
  'two_factor_recovery_codes',
  'sign_in_challenges',
  'oauth_client_profiles',
  'oauth_consents',
  'ldap_stores',
  'elevations',
  'mail_outbox',
  'sign_up_settings',
  'sign_ups',
  'password_resets',
  'ldap_user_status',
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
  readonly approvals: ApprovalRow;
  readonly approval_workflows: ApprovalWorkflowRow;
  readonly scim_tokens: ScimTokenRow;
  readonly scim_resources: ScimResourceRow;
  readonly organization_members: OrganizationMemberRow;
  readonly two_factor: TwoFactorRow;
  readonly two_factor_recovery_codes: RecoveryCodeRow;
  readonly sign_in_challenges: SignInChallengeRow;
  readonly oauth_client_profiles: OAuthClientProfileRow;
  readonly oauth_consents: OAuthConsentRow;
  readonly elevations: ElevationRow;
  readonly mail_outbox: MailOutboxRow;
  readonly sign_up_settings: SignUpSettingRow;
  readonly sign_ups: SignUpRow;
  readonly password_resets: PasswordResetRow;
};

/** For code that writes any entity table: they all share one row type. */
export type AnyEntityTable = 'organizations';
