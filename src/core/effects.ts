import type {
  Group,
  Membership,
  Organization,
  Permission,
  Project,
  Resource,
  Role,
  RoleMapping,
  Scope,
  Settings,
  SodConstraint,
  User,
  UserStore,
} from './model.js';

/** The records a batch can put or delete, by kind; the key of each is given in `Effect`. */
export interface EffectRecords {
  readonly settings: Settings;
  readonly organization: Organization;
  readonly project: Project;
  readonly resource: Resource;
  readonly userStore: UserStore;
  readonly user: User;
  /** A deleted user's id, kept so it is never reused: put when the user is deleted, never deleted. */
  readonly deletedUserId: { readonly id: string };
  readonly group: Group;
  readonly membership: Membership;
  readonly permission: Permission;
  readonly role: Role;
  readonly scope: Scope;
  readonly mapping: RoleMapping;
  readonly constraint: SodConstraint;
}

export type EffectKind = keyof EffectRecords;

/**
 * One record a batch put or deleted, cascades included. `record` is the record as the engine now
 * holds it, null when deleted; `previous` is the one it replaced, null when there was none.
 * Keys: the record's `id`, except `settings` (always `"settings"`), `userStore` and `scope`
 * (`name`), `permission` (`key`) and `membership` (`membershipKey(group, user)`).
 */
export type Effect = {
  readonly [K in EffectKind]: {
    readonly kind: K;
    readonly key: string;
    readonly record: EffectRecords[K] | null;
    readonly previous: EffectRecords[K] | null;
  };
}[EffectKind];

/** What `AccessEngine.applyWithEffects` returns: the batch's revision and its effects, in the order they happened. */
export interface AppliedBatch {
  readonly revision: number;
  readonly effects: readonly Effect[];
}

export const SETTINGS_KEY = 'settings';

/** The key of a group membership. */
export function membershipKey(group: string, user: string): string {
  return JSON.stringify([group, user]);
}
