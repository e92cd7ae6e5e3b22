import type { Level, Subject, Target } from './model.js';

/** A target as callers name it: `{ type: 'organization' | 'project' | <resource type>, id: <id or path or name> }`. */
export interface TargetRef {
  readonly type: string;
  readonly id: string;
}

export interface CheckRequest {
  /** A user id or domain-qualified username; absent or null for a guest (anonymous). */
  readonly user?: string | null;
  readonly permission: string;
  readonly resource: TargetRef;
  readonly explain?: boolean;
  /** The instant to decide at, in ms since the epoch (time-limited mappings); absent: the engine's clock. */
  readonly now?: number;
  /**
   * Roles (ids or names) the session has already used (dynamic separation of duties): a role a
   * dynamic constraint pairs with one of them does not count for this decision.
   */
  readonly activeRoles?: readonly string[];
}

/** One role mapping that grants (or would grant) a permission. */
export interface Grant {
  readonly mapping: string;
  readonly role: { readonly id: string; readonly name: string };
  readonly subject: Subject;
  readonly target: Target & { readonly name: string };
  /** The group through which the user is the mapping's subject. */
  readonly group: { readonly id: string; readonly name: string } | null;
  /** The permission-tree node, granted by a role, that covers the permission. */
  readonly node: string;
  /** Role names from the mapped role to the one that holds `node` (composite roles). */
  readonly through: readonly string[];
  /** When the mapping is time-limited: the instant it stops counting (exclusive). */
  readonly expiresAt?: string;
  /** When the mapping is time-limited: the instant it starts counting (inclusive). */
  readonly notBefore?: string;
}

export const DENIAL_CODES = [
  'UNKNOWN_USER',
  'USER_DISABLED',
  'UNKNOWN_PERMISSION',
  'UNKNOWN_TARGET',
  'NO_GRANT',
  'LEVEL_NOT_GRANTABLE',
  'PRIVATE_NOT_INVITED',
  'ANONYMOUS_NOT_ALLOWED',
  'GRANT_EXPIRED',
  'GRANT_NOT_YET_VALID',
  'SEPARATION_OF_DUTIES',
] as const;
export type DenialCode = (typeof DENIAL_CODES)[number];

export interface ExcludedGrant {
  readonly grant: Grant;
  readonly code:
    | 'LEVEL_NOT_GRANTABLE'
    | 'PRIVATE_NOT_INVITED'
    | 'ANONYMOUS_NOT_ALLOWED'
    | 'GRANT_EXPIRED'
    | 'GRANT_NOT_YET_VALID'
    | 'SEPARATION_OF_DUTIES';
  readonly reason: string;
}

export interface Explanation {
  readonly user: { readonly id: string; readonly name: string } | null;
  readonly permission: string;
  readonly target: (Target & { readonly name: string }) | null;
  /** When allowed: the highest-level mapping that grants the permission. */
  readonly grant: Grant | null;
  /** When allowed: every mapping that grants it, highest level first. */
  readonly grants: readonly Grant[];
  /** When denied: why, in a stable code and in words. */
  readonly denial: { readonly code: DenialCode; readonly reason: string } | null;
  /** Mappings that hold the permission but do not count at this target, and why. */
  readonly excluded: readonly ExcludedGrant[];
}

export interface Decision {
  readonly allowed: boolean;
  readonly revision: number;
  readonly explanation?: Explanation;
}

export interface Page<T> {
  readonly revision: number;
  readonly items: readonly T[];
  /** Pass as `after` for the next page; null when this page is the last. */
  readonly next: string | null;
}

export interface LookupRequest {
  /** The instant to decide at (ms since the epoch); absent: the engine's clock. */
  readonly now?: number;
  readonly user?: string | null;
  readonly permission: string;
  /** `organization`, `project` or a resource type. */
  readonly type: string;
  readonly limit?: number;
  readonly after?: string | null;
  /** Attach to each item the highest-level mapping that grants the permission there. */
  readonly explain?: boolean;
}

export interface LookupItem {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  /** `org/project/type/name`-style path. */
  readonly path: string;
  readonly grant?: Grant;
}

export interface ReverseLookupRequest {
  /** The instant to decide at (ms since the epoch); absent: the engine's clock. */
  readonly now?: number;
  readonly permission: string;
  readonly resource: TargetRef;
  readonly limit?: number;
  readonly after?: string | null;
}

export interface ReverseLookupItem {
  /** null for the anonymous guest. */
  readonly user: { readonly id: string; readonly name: string } | null;
  readonly grant: Grant;
}

export interface PermissionsAtRequest {
  /** The instant to decide at (ms since the epoch); absent: the engine's clock. */
  readonly now?: number;
  readonly user?: string | null;
  readonly resource: TargetRef;
  readonly explain?: boolean;
}

export interface HeldPermission {
  readonly key: string;
  readonly grant?: Grant;
}

export interface ScopeRequest {
  /** The instant to decide at (ms since the epoch); absent: the engine's clock. */
  readonly now?: number;
  readonly user?: string | null;
  readonly requested: readonly string[];
  /** Where the roles must be held: mappings at this target or above it count (usually the organization). */
  readonly resource: TargetRef;
}

export interface ScopeAnswer {
  readonly revision: number;
  readonly granted: readonly string[];
  /** For each granted scope, a held role that allows it (by name). */
  readonly grantedBy: Readonly<Record<string, string>>;
  /** Each refused scope and why: unknown, or none of its roles held. */
  readonly refused: readonly { readonly scope: string; readonly reason: string }[];
}

export const LEVEL_RANK: Readonly<Record<Level, number>> = { organization: 0, project: 1, resource: 2 };
