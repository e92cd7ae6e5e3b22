import type { Change } from './changes.js';
import type { AccessEngine } from './engine.js';
import { OK, type RuleResult, fail } from './errors.js';
import {
  ALL_PERMISSIONS,
  ESCALATE_PERMISSION,
  type Level,
  type Role,
  type RoleMapping,
  type Target,
  type User,
  TAKEOVER_PERMISSION,
  qualifiedUserName,
  roleRecord,
} from './model.js';

/**
 * The administration rules (docs/administration.md) as pure functions over the engine's current state.
 * Each returns `OK` or a typed error with a stable code; the server turns them into problem+json.
 */

const TARGET_TYPE: Readonly<Record<Level, 'organization' | 'project' | null>> = {
  organization: 'organization',
  project: 'project',
  resource: null,
};

function targetRef(engine: AccessEngine, target: Target): { type: string; id: string } {
  const type = TARGET_TYPE[target.level] ?? engine.resource(target.id)?.type ?? 'resource';
  return { type, id: target.id };
}

/** The permissions of a role that a mapping at `level` would actually grant. */
function involvedPermissions(engine: AccessEngine, roleId: string, level: Level): string[] {
  return engine.rolePermissions(roleId).filter((key) => engine.permission(key)?.levels.includes(level) ?? false);
}

/** No privilege escalation: the actor holds every permission it would grant there, or `role:escalate`. */
export function checkNoEscalation(engine: AccessEngine, actor: string, roleId: string, target: Target): RuleResult {
  const ref = targetRef(engine, target);
  if (engine.allowed(actor, ESCALATE_PERMISSION, ref.type, ref.id)) return OK;
  const missing = involvedPermissions(engine, roleId, target.level).filter(
    (key) => !engine.allowed(actor, key, ref.type, ref.id),
  );
  if (missing.length === 0) return OK;
  const role = engine.role(roleId);
  return fail(
    'PRIVILEGE_ESCALATION',
    `granting "${role?.name ?? roleId}" here would give permissions the actor does not hold: ${missing.join(', ')}`,
    {
      role: roleId,
      missing,
    },
  );
}

/** A new role mapping: the role must be assignable and not deprecated, and granting it no escalation. */
export function canCreateMapping(
  engine: AccessEngine,
  actor: string,
  mapping: Pick<RoleMapping, 'role' | 'subject' | 'target'>,
): RuleResult {
  const role = engine.role(mapping.role);
  if (role === undefined) return fail('NOT_FOUND', `role "${mapping.role}" does not exist`);
  if (!role.assignable)
    return fail('ROLE_NOT_ASSIGNABLE', `"${role.name}" is an infrastructure role and cannot be assigned`, {
      role: role.id,
    });
  if (role.deprecated)
    return fail(
      'ROLE_DEPRECATED',
      `"${role.name}" is deprecated: existing mappings keep working, new ones cannot be made`,
      { role: role.id },
    );
  return checkNoEscalation(engine, actor, role.id, mapping.target);
}

/**
 * Joining a group gives the new member every mapping of the group: the actor must be able to
 * grant each of them (deprecated roles included: the mapping exists already).
 */
export function canAddMember(engine: AccessEngine, actor: string, groupId: string): RuleResult {
  const group = engine.group(groupId);
  if (group === undefined) return fail('NOT_FOUND', `group "${groupId}" does not exist`);
  const store = engine.userStore(group.store);
  if (store?.readOnly === true) return readOnly('group', group.name, group.store);
  for (const mapping of engine.mappingsOf({ kind: 'group', id: groupId })) {
    const result = checkNoEscalation(engine, actor, mapping.role, mapping.target);
    if (!result.ok) return result;
  }
  return OK;
}

/**
 * Where a role's permissions are judged for escalation: its own organization, or for a root role
 * the organizations given (the server passes its home organization, where root roles are managed),
 * by default every root organization.
 */
export function roleScope(
  engine: AccessEngine,
  organization: string | null,
  rootScope?: readonly string[],
): readonly string[] {
  if (organization !== null) return [organization];
  return (
    rootScope ??
    engine
      .organizations()
      .filter((o) => o.parent === null)
      .map((o) => o.id)
  );
}

/** The keys (expanded) the actor does not hold where a role carrying them would be defined. */
export function missingForRole(
  engine: AccessEngine,
  actor: string,
  organizations: readonly string[],
  keys: readonly string[],
): string[] {
  const missing = new Set<string>();
  for (const organization of organizations) {
    if (engine.allowed(actor, ESCALATE_PERMISSION, 'organization', organization)) continue;
    for (const key of expand(engine, keys)) if (!holdsAnyLevel(engine, actor, key, organization)) missing.add(key);
  }
  return [...missing];
}

/** Adding permissions to a role: the role must be editable, and the actor must hold each added permission where the role is defined. */
export function canAddRolePermissions(
  engine: AccessEngine,
  actor: string,
  roleId: string,
  added: readonly string[],
  rootScope?: readonly string[],
): RuleResult {
  const role = engine.role(roleId);
  if (role === undefined) return fail('NOT_FOUND', `role "${roleId}" does not exist`);
  const editable = canEditRole(engine, roleId);
  if (!editable.ok) return editable;
  const missing = missingForRole(engine, actor, roleScope(engine, role.organization, rootScope), added);
  if (missing.length === 0) return OK;
  return fail(
    'PRIVILEGE_ESCALATION',
    `adding these permissions to "${role.name}" would give more than the actor holds: ${missing.join(', ')}`,
    {
      role: roleId,
      missing,
    },
  );
}

/**
 * Creating a role: the actor must hold every permission it carries (its own and those of the roles
 * it includes) where it is defined, or `role:escalate` there.
 */
export function canCreateRole(
  engine: AccessEngine,
  actor: string,
  role: Pick<Role, 'name' | 'organization'>,
  permissions: readonly string[],
  rootScope?: readonly string[],
): RuleResult {
  const missing = missingForRole(engine, actor, roleScope(engine, role.organization, rootScope), permissions);
  if (missing.length === 0) return OK;
  return fail(
    'PRIVILEGE_ESCALATION',
    `creating "${role.name}" would give more than the actor holds: ${missing.join(', ')}`,
    { missing },
  );
}

/** Every declared key under the given ones (a node grants its subtree). */
function expand(engine: AccessEngine, keys: readonly string[]): string[] {
  const all = engine.permissions().map((p) => p.key);
  if (keys.includes(ALL_PERMISSIONS)) return all;
  return all.filter((key) => keys.some((k) => key === k || key.startsWith(`${k}:`)));
}

/**
 * For role edits the level is the role's organization; a permission grantable only lower down
 * (on a single API) counts as held when the actor holds it there through a role mapped at or above
 * the organization — ignoring where it may be granted, not what it covers.
 */
function holdsAnyLevel(engine: AccessEngine, actor: string, key: string, organization: string): boolean {
  if (engine.allowed(actor, key, 'organization', organization)) return true;
  const chain = new Set(engine.organizationChain({ type: 'organization', id: organization }));
  const user = engine.user(actor);
  if (user === undefined || user.status === 'disabled') return false;
  return heldMappings(engine, user).some(
    (m) => m.target.level === 'organization' && chain.has(m.target.id) && engine.rolePermissions(m.role).includes(key),
  );
}

/**
 * The mappings a user holds, read by subject from the index: their own, their groups', and
 * everyone's when active (never anonymous's).
 */
function heldMappings(engine: AccessEngine, user: User): RoleMapping[] {
  const held = engine.mappingsOf({ kind: 'user', id: user.id });
  for (const group of engine.groupsOf(user.id)) held.push(...engine.mappingsOf({ kind: 'group', id: group }));
  if (user.status === 'active') held.push(...engine.mappingsOf({ kind: 'everyone' }));
  return held;
}

/**
 * Changing another user's credentials, status or existence (no takeover, docs/administration.md): the actor
 * must hold every permission the target holds, where the target holds it (as for escalation), or
 * `user:takeover` in the root scope (the home organization; by default every root organization),
 * which only the super admin's role carries. Everyone's and anonymous mappings are held by the
 * actor too, so they are not compared.
 */
export function canManageUser(
  engine: AccessEngine,
  actor: string,
  targetId: string,
  rootScope?: readonly string[],
): RuleResult {
  if (actor === targetId) return OK;
  const target = engine.user(targetId);
  if (target === undefined) return OK;
  const scope = rootScope ?? roleScope(engine, null);
  if (scope.some((organization) => engine.allowed(actor, TAKEOVER_PERMISSION, 'organization', organization))) return OK;
  const held = engine.mappingsOf({ kind: 'user', id: target.id });
  for (const group of engine.groupsOf(target.id)) held.push(...engine.mappingsOf({ kind: 'group', id: group }));
  for (const mapping of held) {
    const result = checkNoEscalation(engine, actor, mapping.role, mapping.target);
    if (!result.ok) {
      const missing = (result.error.details.missing as string[] | undefined) ?? [];
      return fail(
        'PRIVILEGE_ESCALATION',
        `"${qualifiedUserName(target)}" holds permissions the actor does not hold: ${missing.join(', ')}`,
        { user: target.id, missing },
      );
    }
  }
  return OK;
}

export function canEditRole(engine: AccessEngine, roleId: string): RuleResult {
  const role = engine.role(roleId);
  if (role === undefined) return fail('NOT_FOUND', `role "${roleId}" does not exist`);
  if (isReadOnlyStore(engine, role.store)) return readOnly('role', role.name, role.store!);
  if (!role.editable)
    return fail('ROLE_NOT_EDITABLE', `the permissions of "${role.name}" cannot be edited`, { role: roleId });
  return OK;
}

/** Predefined roles ship with a preset and cannot be deleted; roles of a read-only store neither. */
export function canDeleteRole(engine: AccessEngine, roleId: string): RuleResult {
  const role = engine.role(roleId);
  if (role === undefined) return fail('NOT_FOUND', `role "${roleId}" does not exist`);
  if (role.predefined)
    return fail('PREDEFINED_ROLE', `"${role.name}" is predefined: copy it into a custom role instead`, {
      role: roleId,
    });
  if (isReadOnlyStore(engine, role.store)) return readOnly('role', role.name, role.store!);
  return OK;
}

/** Users of a read-only store can be viewed and mapped to roles, never edited or deleted. */
export function canEditUser(engine: AccessEngine, userId: string): RuleResult {
  const user = engine.user(userId);
  if (user === undefined) return fail('NOT_FOUND', `user "${userId}" does not exist`);
  return isReadOnlyStore(engine, user.store) ? readOnly('user', user.username, user.store) : OK;
}

export function canEditGroup(engine: AccessEngine, groupId: string): RuleResult {
  const group = engine.group(groupId);
  if (group === undefined) return fail('NOT_FOUND', `group "${groupId}" does not exist`);
  return isReadOnlyStore(engine, group.store) ? readOnly('group', group.name, group.store) : OK;
}

function isReadOnlyStore(engine: AccessEngine, store: string | null): boolean {
  return store !== null && engine.userStore(store)?.readOnly === true;
}

function readOnly(entity: string, name: string, store: string): RuleResult {
  return fail('READ_ONLY_STORE', `${entity} "${name}" lives in the read-only user store "${store}"`, { entity, store });
}

// ── no lock-out ──

/** The role whose last active holder must stay: the organization's own, else the installation's. */
export function adminRoleOf(engine: AccessEngine, organizationId: string): Role | undefined {
  for (const id of engine.organizationChain({ type: 'organization', id: organizationId })) {
    const own = engine.organization(id)?.adminRole;
    if (own !== null && own !== undefined) return engine.role(own);
  }
  const fallback = engine.settings.adminRole;
  return fallback === null ? undefined : engine.role(fallback);
}

/** What a pending batch takes away, as far as role holding is concerned. */
interface Removals {
  readonly mappings: Set<string>;
  readonly memberships: Set<string>;
  readonly users: Set<string>;
  readonly groups: Set<string>;
}

function removalsOf(engine: AccessEngine, changes: readonly Change[]): Removals {
  const removals: Removals = { mappings: new Set(), memberships: new Set(), users: new Set(), groups: new Set() };
  for (const change of changes) {
    if (change.op === 'mapping.remove') removals.mappings.add(change.id);
    else if (change.op === 'member.remove')
      removals.memberships.add(`${change.membership.group}\u0000${change.membership.user}`);
    else if (change.op === 'user.delete') removals.users.add(change.id);
    else if (change.op === 'user.put' && change.user.status !== 'active') removals.users.add(change.user.id);
    else if (change.op === 'group.delete') removals.groups.add(change.id);
    else if (change.op === 'role.delete' && change.cascade === true) {
      // Deleting a mapped role (a cascade) demotes every holder.
      for (const m of engine.mappingsOfRole(change.id)) removals.mappings.add(m.id);
    }
  }
  return removals;
}

/** Active users who hold the admin role at the organization (directly, through a group, or as everyone). */
export function adminHolders(
  engine: AccessEngine,
  organizationId: string,
  removals?: Removals,
  adminRole?: string | null,
): Set<string> {
  const role =
    adminRole === undefined
      ? adminRoleOf(engine, organizationId)
      : adminRole === null
        ? undefined
        : engine.role(adminRole);
  const holders = new Set<string>();
  if (role === undefined) return holders;
  const chain = new Set(engine.organizationChain({ type: 'organization', id: organizationId }));
  const active = (id: string): boolean => engine.user(id)?.status === 'active' && !(removals?.users.has(id) ?? false);
  for (const mapping of [...chain].flatMap((id) => engine.mappingsAt('organization', id))) {
    if (removals?.mappings.has(mapping.id) === true) continue;
    if (!engine.roleClosure(mapping.role).includes(role.id)) continue;
    const subject = mapping.subject;
    if (subject.kind === 'user') {
      if (active(subject.id)) holders.add(subject.id);
    } else if (subject.kind === 'group') {
      if (removals?.groups.has(subject.id) === true) continue;
      for (const user of engine.members(subject.id)) {
        if (removals?.memberships.has(`${subject.id}\u0000${user}`) === true) continue;
        if (active(user)) holders.add(user);
      }
    } else if (subject.kind === 'everyone') {
      for (const user of engine.userSlots()) if (active(user.record.id)) holders.add(user.record.id);
    }
  }
  return holders;
}

/**
 * No lock-out: a batch that would leave an organization that has an active admin with none
 * (removing, disabling, deleting or demoting its last holder) is refused.
 */
export function checkNoLockout(engine: AccessEngine, changes: readonly Change[]): RuleResult {
  const removals = removalsOf(engine, changes);
  // Naming another admin role demotes every holder of the current one that does not hold the new one.
  let newAdminRole: string | null | undefined;
  for (const change of changes)
    if (change.op === 'settings.set' && change.settings.adminRole !== engine.settings.adminRole)
      newAdminRole = change.settings.adminRole;
  if (
    removals.mappings.size + removals.memberships.size + removals.users.size + removals.groups.size === 0 &&
    newAdminRole === undefined
  )
    return OK;
  for (const organization of engine.organizations()) {
    if (adminHolders(engine, organization.id).size === 0) continue;
    // An organization (or an ancestor) naming its own admin role is not affected by the installation's.
    const ownRole = engine
      .organizationChain({ type: 'organization', id: organization.id })
      .some((id) => engine.organization(id)?.adminRole != null);
    const after = adminHolders(engine, organization.id, removals, ownRole ? undefined : newAdminRole);
    if (after.size === 0) {
      const role =
        newAdminRole !== undefined && newAdminRole !== null && !ownRole
          ? engine.role(newAdminRole)
          : adminRoleOf(engine, organization.id);
      return fail(
        'LAST_ADMIN',
        `this would leave organization "${organization.name}" without an active "${role?.name}"`,
        {
          organization: organization.id,
          role: role?.id,
        },
      );
    }
  }
  return OK;
}

// ── two-factor ──

/** Whether signing in to the organization needs TOTP: required there and the user holds no exempting role. */
export function requiresTwoFactor(engine: AccessEngine, userId: string, organizationId: string): boolean {
  const required = engine
    .organizationChain({ type: 'organization', id: organizationId })
    .some((id) => engine.organization(id)?.requireTwoFactor === true);
  if (!required) return false;
  return !heldRoles(engine, userId, organizationId).some((roleId) => engine.role(roleId)?.exemptFromTwoFactor === true);
}

/** Roles (with their included roles) a user holds through mappings at the organization or above. */
export function heldRoles(engine: AccessEngine, userId: string, organizationId: string): string[] {
  const user = engine.user(userId);
  if (user === undefined || user.status === 'disabled') return [];
  const chain = new Set(engine.organizationChain({ type: 'organization', id: organizationId }));
  const held = new Set<string>();
  for (const mapping of heldMappings(engine, user)) {
    if (mapping.target.level !== 'organization' || !chain.has(mapping.target.id)) continue;
    for (const role of engine.roleClosure(mapping.role)) held.add(role);
  }
  return [...held];
}

// ── role mapped to an existing role; application roles ──

export type IdGenerator = () => string;
const randomId: IdGenerator = () => globalThis.crypto.randomUUID();

/**
 * WSO2's "Add Role Permission": a new role mapped to existing roles holds every scope and
 * permission of theirs, now and as they change.
 */
export function roleMappedTo(
  name: string,
  existing: readonly string[],
  options: { organization?: string | null; newId?: IdGenerator } = {},
): { role: Role; changes: Change[] } {
  const role = roleRecord({
    id: (options.newId ?? randomId)(),
    name,
    organization: options.organization ?? null,
    includes: [...existing],
  });
  return { role, changes: [{ op: 'role.put', role }] };
}

export const KEY_TYPES = ['PRODUCTION', 'SANDBOX'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** `Application/<owner>_<application>_<KEYTYPE>`, with WSO2's escaping of the owner part. */
export function applicationRoleName(
  owner: Pick<User, 'username' | 'store'>,
  application: string,
  keyType: KeyType,
): string {
  const user = owner.username.replaceAll('@', '-AT-');
  const qualified = owner.store === 'PRIMARY' ? user : `${owner.store}_${user}`;
  return `Application/${qualified}_${application}_${keyType}`;
}

/**
 * The changes that create an application's role for one key type: no permissions, bound to the
 * owner's stable id (so a re-created username inherits nothing) and held by the owner.
 */
export function applicationRole(
  engine: AccessEngine,
  ownerId: string,
  application: string,
  keyType: KeyType,
  organizationId: string,
  newId: IdGenerator = randomId,
): { role: Role; changes: Change[] } | { error: RuleResult } {
  const owner = engine.user(ownerId);
  if (owner === undefined) return { error: fail('NOT_FOUND', `user "${ownerId}" does not exist`) };
  const role = roleRecord({
    id: newId(),
    name: applicationRoleName(owner, application, keyType),
    organization: organizationId,
    description: `Sees the key-manager entry of application "${application}" (${keyType})`,
    owner: owner.id,
  });
  const mapping: RoleMapping = {
    id: newId(),
    role: role.id,
    subject: { kind: 'user', id: owner.id },
    target: { level: 'organization', id: organizationId },
  };
  return {
    role,
    changes: [
      { op: 'role.put', role },
      { op: 'mapping.add', mapping },
    ],
  };
}

/** Whether a user holds a role at an organization: application roles govern who sees an application's keys. */
export function holdsRole(engine: AccessEngine, userId: string, roleId: string, organizationId: string): boolean {
  return heldRoles(engine, userId, organizationId).includes(roleId);
}
