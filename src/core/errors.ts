/** Stable error codes of the core. The server maps each to a problem+json `type`; the CLI to one line. */
export const ERROR_CODES = {
  NOT_FOUND: 'a referenced entity does not exist',
  DUPLICATE: 'an entity with this name or id already exists',
  INVALID: 'the change is malformed',
  REFERENCED: 'the entity is still referenced',
  USER_ID_REUSED: 'a deleted user id cannot be used again',
  ROLE_CYCLE: 'a role cannot include itself',
  ROLE_NOT_USABLE_HERE: 'the role is not available here: a role is available in its organization and those below it',
  PRIVILEGE_ESCALATION: 'the actor does not hold every permission it would grant',
  LAST_ADMIN: 'the last active admin cannot be removed, disabled or demoted',
  ROLE_DEPRECATED: 'a deprecated role cannot be newly assigned',
  ROLE_NOT_ASSIGNABLE: 'an infrastructure role cannot be assigned',
  PREDEFINED_ROLE: 'a predefined role cannot be deleted',
  ROLE_NOT_EDITABLE: "the preset does not allow editing this role's permissions",
  SOD_CONFLICT: 'a user would hold two roles a static separation-of-duties constraint keeps apart',
  SELF_GRANT_NOT_ALLOWED: 'no policy allows self-granting this role in an emergency',
  PERMISSION_RESERVED: "Tessera's own administration permissions cannot be deleted or regranted elsewhere",
  PERMISSION_REQUIRED: 'the actor lacks the permission the preset requires for this write on a resource',
  LAST_RESOURCE_ADMIN: 'the last administrator of a resource cannot be removed',
  READ_ONLY_STORE: 'the entity lives in a read-only user store',
  PROVISIONING_SCOPE: 'a provisioning token changes only the users and groups it provisions',
  USER_DISABLED: 'the user is disabled',
  STALE_REVISION: 'the revision is not newer than the current one',
  CONFLICT: 'the entity changed since the version the update was made against',
  REVISION_TIMEOUT: 'the index did not reach the requested revision in time',
  MIGRATION_FAILED: 'the database schema could not be brought up to date',
  UNAVAILABLE: 'the database is unavailable; decisions are still answered from memory, try writes again shortly',
  LOCK_TIMEOUT: "the database's write lock was not free in time; try again shortly",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A typed failure of the core. Carries no HTTP status: the edges decide how to present it. */
export class TesseraError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message?: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'TesseraError';
    this.code = code;
    this.details = details;
  }
}

/** Denial is a value: administration rules return this rather than throwing. */
export type RuleResult = { readonly ok: true } | { readonly ok: false; readonly error: TesseraError };

export const OK: RuleResult = Object.freeze({ ok: true });

export function fail(code: ErrorCode, message?: string, details?: Record<string, unknown>): RuleResult {
  return { ok: false, error: new TesseraError(code, message, details) };
}
