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

/**
 * One mutation of the model. A batch of changes is applied atomically and yields one revision;
 * the store appends the same changes to its change log, so every server replays them in order.
 * Records are values: the engine may keep the objects it is given, so callers must not mutate
 * them afterwards.
 */
export type Change =
  | { readonly op: 'settings.set'; readonly settings: Settings }
  | { readonly op: 'organization.put'; readonly organization: Organization }
  | { readonly op: 'organization.delete'; readonly id: string; readonly cascade?: boolean }
  | { readonly op: 'project.put'; readonly project: Project }
  | { readonly op: 'project.delete'; readonly id: string; readonly cascade?: boolean }
  | { readonly op: 'resource.put'; readonly resource: Resource }
  | { readonly op: 'resource.delete'; readonly id: string; readonly cascade?: boolean }
  | { readonly op: 'userStore.put'; readonly userStore: UserStore }
  | { readonly op: 'userStore.delete'; readonly name: string }
  | { readonly op: 'user.put'; readonly user: User }
  /** Removes the user's memberships, direct mappings and application roles with it. */
  | { readonly op: 'user.delete'; readonly id: string }
  | { readonly op: 'group.put'; readonly group: Group }
  | { readonly op: 'group.delete'; readonly id: string; readonly cascade?: boolean }
  | { readonly op: 'member.add'; readonly membership: Membership }
  | { readonly op: 'member.remove'; readonly membership: Membership }
  | { readonly op: 'permission.put'; readonly permission: Permission }
  | { readonly op: 'permission.delete'; readonly key: string }
  | { readonly op: 'role.put'; readonly role: Role }
  | { readonly op: 'role.delete'; readonly id: string; readonly cascade?: boolean }
  | { readonly op: 'scope.put'; readonly scope: Scope }
  | { readonly op: 'scope.delete'; readonly name: string }
  | { readonly op: 'mapping.add'; readonly mapping: RoleMapping }
  | { readonly op: 'mapping.remove'; readonly id: string }
  | { readonly op: 'constraint.put'; readonly constraint: SodConstraint }
  | { readonly op: 'constraint.delete'; readonly id: string };

export type ChangeOp = Change['op'];
