/**
 * The entities of Tessera's access-control model (docs/concepts.md#the-model). Plain records keyed by stable ids;
 * the engine derives its decision index from them.
 */

export const LEVELS = ['organization', 'project', 'resource'] as const;
/** Where a role mapping sits: an organization, a project, or one resource. */
export type Level = (typeof LEVELS)[number];

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** The user store every installation has; read-write. */
export const PRIMARY_STORE = 'PRIMARY';

/** A tenant. `parent` is null for a root organization. */
export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly parent: string | null;
  /** Sign-in requires TOTP unless the user holds a role flagged `exemptFromTwoFactor` here. */
  readonly requireTwoFactor: boolean;
  /** Overrides the installation's admin role for this organization (for the no-lock-out rule). */
  readonly adminRole: string | null;
}

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
}

/** A typed object (`api`, `application`, `component`, …) inside a project or directly in an organization. */
export interface Resource {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly organization: string;
  /** null when the resource sits directly in the organization. */
  readonly project: string | null;
  /** A private resource does not inherit visibility-gated permissions from its ancestors. */
  readonly private: boolean;
  /**
   * Whether the anonymous guest's grants of anonymous-gated permissions (Akana's Test Client,
   * `api:test`) count on this resource. Absent: false, the default.
   */
  readonly anonymousAccess?: boolean;
}

export interface UserStore {
  readonly name: string;
  readonly readOnly: boolean;
  readonly description: string | null;
}

/** A person. The id is stable and never reused, even after the user is deleted. */
export interface User {
  readonly id: string;
  readonly username: string;
  /** The user store (domain) the user lives in: `PRIMARY/alice`. */
  readonly store: string;
  readonly email: string | null;
  readonly status: UserStatus;
}

export interface Group {
  readonly id: string;
  readonly organization: string;
  readonly name: string;
  readonly store: string;
  readonly description: string | null;
}

export interface Membership {
  readonly group: string;
  readonly user: string;
}

/** A node of the permission tree. `api` grants `api:create`, `api:publish`, … (its subtree). */
export interface Permission {
  readonly key: string;
  readonly description: string | null;
  /** The levels a mapping may grant this permission at; a grant elsewhere does not count. */
  readonly levels: readonly Level[];
  /** Reading or listing: not inherited by a private resource from its ancestors. */
  readonly visibilityGated: boolean;
  /**
   * The anonymous guest holds it on a resource only where the resource allows anonymous access
   * (`Resource.anonymousAccess`). Absent: false.
   */
  readonly anonymousGated?: boolean;
}

export interface Role {
  readonly id: string;
  /** May carry a domain: `Internal/creator`, `Application/alice_pizza_PRODUCTION`. */
  readonly name: string;
  /** null: defined at the root, usable in every organization; otherwise usable only in that one. */
  readonly organization: string | null;
  readonly description: string | null;
  /** Permission-tree keys; each grants its subtree. */
  readonly permissions: readonly string[];
  /** Role ids this role includes (composite roles, WSO2 role mappings). */
  readonly includes: readonly string[];
  readonly aliases: readonly string[];
  /** Ships with a preset; cannot be deleted. */
  readonly predefined: boolean;
  /** Existing mappings keep working; no new assignment. */
  readonly deprecated: boolean;
  /** false for infrastructure roles, which the API and console never assign. */
  readonly assignable: boolean;
  /** false when the preset forbids editing this role's permissions. */
  readonly editable: boolean;
  /** Holders are excused from the organization's two-factor requirement. */
  readonly exemptFromTwoFactor: boolean;
  /** The user store the role lives in (a read-only store's roles cannot be edited); null: internal. */
  readonly store: string | null;
  /** For application roles: the stable id of the owning user. */
  readonly owner: string | null;
}

/** A custom role's record: defined at the root, no permissions, assignable and editable, unless given. */
export function roleRecord(fields: Pick<Role, 'id' | 'name'> & Partial<Role>): Role {
  return {
    organization: null,
    description: null,
    permissions: [],
    includes: [],
    aliases: [],
    predefined: false,
    deprecated: false,
    assignable: true,
    editable: true,
    exemptFromTwoFactor: false,
    store: null,
    owner: null,
    ...fields,
  };
}

/** An OAuth 2.0 scope and the roles allowed it (WSO2 `tenant-conf.json`). */
export interface Scope {
  readonly name: string;
  readonly description: string | null;
  readonly roles: readonly string[];
}

export type Subject =
  | { readonly kind: 'user'; readonly id: string }
  | { readonly kind: 'group'; readonly id: string }
  | { readonly kind: 'everyone' }
  | { readonly kind: 'anonymous' };

export interface Target {
  readonly level: Level;
  readonly id: string;
}

/**
 * role × subject × level, optionally limited in time (docs/concepts.md#grants-with-limits): it counts
 * from `notBefore` (inclusive) until `expiresAt` (exclusive), both ISO 8601 instants; absent or null:
 * no limit on that side.
 */
export interface RoleMapping {
  readonly id: string;
  readonly role: string;
  readonly subject: Subject;
  readonly target: Target;
  readonly notBefore?: string | null;
  readonly expiresAt?: string | null;
}

/** Whether a mapping carries a time limit (then the decision index keeps it apart from the others). */
export function isTimed(mapping: Pick<RoleMapping, 'notBefore' | 'expiresAt'>): boolean {
  return (
    (mapping.notBefore !== undefined && mapping.notBefore !== null) ||
    (mapping.expiresAt !== undefined && mapping.expiresAt !== null)
  );
}

export const CONSTRAINT_KINDS = ['static', 'dynamic'] as const;
/** `static` (NIST SSD): never held together by one user; `dynamic` (NIST DSD): never used together in one session. */
export type ConstraintKind = (typeof CONSTRAINT_KINDS)[number];

/**
 * A separation-of-duties constraint between two roles (docs/concepts.md#separation-of-duties).
 * `organization` null: installation-wide; otherwise it holds in that organization and the ones below it.
 */
export interface SodConstraint {
  readonly id: string;
  readonly name: string;
  readonly kind: ConstraintKind;
  /** Two distinct role ids. */
  readonly roles: readonly [string, string];
  readonly organization: string | null;
  readonly description: string | null;
}

/** A group every new organization gets, with roles mapped to it at organization level (role ids). */
export interface DefaultGroup {
  readonly name: string;
  readonly description: string | null;
  readonly roles: readonly string[];
}

/** A mapping every new organization gets at organization level. */
export interface DefaultMapping {
  readonly role: string;
  readonly subject:
    | { readonly kind: 'everyone' }
    | { readonly kind: 'anonymous' }
    | { readonly kind: 'group'; readonly name: string };
}

/** What every organization starts with: Choreo's predefined groups, WSO2's everyone role, Akana's guest. */
export interface OrganizationDefaults {
  readonly groups: readonly DefaultGroup[];
  readonly mappings: readonly DefaultMapping[];
  /**
   * The role (id) a self-signed-up user gets at the organization they signed up to, unless the
   * organization names its own (WSO2's `SelfSignUp.SignUpRoles`, Akana's API Platform Users).
   * Absent: none, and an organization must name one to allow sign-up.
   */
  readonly signUpRole?: string;
}

/**
 * What a preset says about one resource type (`api`, `app`, …): the permissions its create, edit
 * and delete need (null: `resource:manage`), the role its creator gets on a new resource, whose
 * holders there are the resource's administrators (Akana: API Administrator), and the permission
 * that lets a holder at the resource add and remove them (Akana: `api:admins:manage`).
 */
export interface ResourceTypeRules {
  readonly create: string | null;
  readonly edit: string | null;
  readonly delete: string | null;
  /** Role id; null: the type has no administrators and its creator gets no role. */
  readonly administratorRole: string | null;
  readonly manageAdministrators: string | null;
}

export interface Settings {
  /** The installation's admin role (role id): the no-lock-out rule protects its last holder. */
  readonly adminRole: string | null;
  readonly organizationDefaults: OrganizationDefaults;
  /**
   * A permission-tree key a user must hold (at some organization) to sign in: WSO2's
   * `/permission/admin/login`. Absent or null: every active user with a password may sign in.
   */
  readonly signInPermission?: string | null;
  /** Every user needs a second factor to sign in, unless they hold a role flagged `exemptFromTwoFactor`. */
  readonly requireTwoFactor?: boolean;
  /** Per resource type, by type; absent or missing types fall back to `resource:manage` (see `ResourceTypeRules`). */
  readonly resourceTypes?: Readonly<Record<string, ResourceTypeRules>>;
}

export const NO_ORGANIZATION_DEFAULTS: OrganizationDefaults = Object.freeze({ groups: [], mappings: [] });

/** A role holding this key holds the whole permission tree. */
export const ALL_PERMISSIONS = '*';
/** The permission that lets a holder see private resources without an invitation. */
export const VIEW_PRIVATE_PERMISSION = 'resource:view-private';
/** Holding it lets an actor grant what it does not hold itself. */
export const ESCALATE_PERMISSION = 'role:escalate';

/**
 * The permissions Tessera's own API is guarded by (`presets/tessera.yaml` declares them). Deleting one,
 * or changing where it may be granted, would lock every administrator out of that operation, so only
 * the system (presets, bootstrap) may change them.
 */
export const ADMINISTRATION_PERMISSIONS: ReadonlySet<string> = new Set([
  'organization',
  'organization:view',
  'organization:create',
  'organization:update',
  'organization:delete',
  'project',
  'project:view',
  'project:create',
  'project:edit',
  'project:delete',
  'resource',
  'resource:view',
  'resource:view-private',
  'resource:manage',
  'user',
  'user:view',
  'user:invite',
  'user:manage',
  'user:takeover',
  'group',
  'group:view',
  'group:manage',
  'role',
  'role:view',
  'role:manage',
  'role:assign',
  'role:escalate',
  'role:approve-elevation',
  'scope',
  'scope:view',
  'scope:manage',
  'decision',
  'decision:check',
  'audit',
  'audit:view',
  'settings',
  'settings:manage',
]);

/** Changing any user's credentials, status or existence, whatever they hold: the super admin's role only. */
export const TAKEOVER_PERMISSION = 'user:takeover';
/** Separator between a permission key and its children. */
export const PERMISSION_SEPARATOR = ':';

export function permissionParent(key: string): string | null {
  const at = key.lastIndexOf(PERMISSION_SEPARATOR);
  return at < 0 ? null : key.slice(0, at);
}

export function qualifiedUserName(user: Pick<User, 'store' | 'username'>): string {
  return `${user.store}/${user.username}`;
}

/** Splits `PRIMARY/alice` into store and name; a bare name lives in PRIMARY. */
export function splitQualifiedName(name: string): { store: string; name: string } {
  const at = name.indexOf('/');
  if (at <= 0) return { store: PRIMARY_STORE, name };
  return { store: name.slice(0, at), name: name.slice(at + 1) };
}

/** role × subject × target: two mappings with the same key would grant the same thing twice. */
export function mappingKey(mapping: Pick<RoleMapping, 'role' | 'subject' | 'target'>): string {
  const subject =
    mapping.subject.kind === 'user' || mapping.subject.kind === 'group'
      ? `${mapping.subject.kind}:${mapping.subject.id}`
      : mapping.subject.kind;
  return `${mapping.role}\u0000${subject}\u0000${mapping.target.level}\u0000${mapping.target.id}`;
}
