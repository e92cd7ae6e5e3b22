import type { Change } from './changes.js';
import type { Effect } from './effects.js';
import type { AccessEngine } from './engine.js';
import { type ErrorCode, TesseraError } from './errors.js';
import {
  ADMINISTRATION_PERMISSIONS,
  ESCALATE_PERMISSION,
  type Level,
  type Resource,
  type Role,
  type RoleMapping,
  type Target,
} from './model.js';
import { provisioningViolations } from './provisioning.js';
import { readOnlyStoreViolations } from './read-only-stores.js';
import { administratorMappings, administratorRole, resourcePermission, subjectExists } from './resource-types.js';
import { adminRoleOf, canManageUser, missingForRole, roleScope } from './rules.js';
import { describePath, staticViolations } from './separation.js';

/**
 * The administration gate: every write of the model passes it, whichever path it takes (a route,
 * a document, the CLI, a batch, an invitation accepted later). Fed the actor and the batch, it
 * judges the state the batch would leave against the state it starts from, and answers the
 * violations of the administration rules (docs/administration.md): no privilege escalation, no lock-out, assignability (through
 * included roles too), deprecated, predefined and non-editable roles, and user takeover.
 *
 * It judges only what the batch touched: the engine applies the batch as a dry run
 * (`AccessEngine.probe`), the gate reads the effects on the state after, then judges the actor's
 * rights on the state before. Pure: no I/O.
 */

/** Who makes a write, as the gate judges it. */
export type GateActor =
  /** A signed-in user: every rule. `rootScope`: where root roles and installation-wide rights are judged (the home organization). */
  | { readonly kind: 'user'; readonly id: string; readonly rootScope?: readonly string[] }
  /**
   * The operator of the machine (the CLI on the database): the invariants (no lock-out,
   * assignability, non-editable roles) but no escalation, having no identity of its own.
   * `force` (audited by the caller) skips the lock-out rule only, for recovery.
   */
  | { readonly kind: 'operator'; readonly force?: boolean }
  /** Bootstrap, presets, user-store synchronisation: integrity only. */
  | { readonly kind: 'system' }
  /**
   * A SCIM provisioning token (docs/scim.md): only users of its user store and groups of its
   * organization (with their members) may change, and otherwise every rule applies as to the
   * administrator who created the token, on the rights that administrator holds now.
   */
  | {
      readonly kind: 'provisioner';
      readonly token: string;
      readonly organization: string | null;
      readonly store: string;
      readonly creator: string;
      readonly rootScope?: readonly string[];
    };

export const SYSTEM_ACTOR: GateActor = Object.freeze({ kind: 'system' });
export const OPERATOR_ACTOR: GateActor = Object.freeze({ kind: 'operator' });

export interface Violation {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** A grant the batch makes: a role's permissions at a target, to be judged against the actor's rights before. */
interface Grant {
  readonly role: string;
  readonly roleName: string;
  readonly target: Target;
  readonly type: string;
  readonly keys: readonly string[];
}

/** What the gate reads on the state after the batch. */
interface Observation {
  readonly violations: Violation[];
  readonly grants: Grant[];
  /** Roles whose permissions may have grown: their permissions after, with their definition. */
  readonly roles: { readonly role: Role; readonly keys: readonly string[] }[];
  /** Existing users other than the actor whose status, identity or existence changes. */
  readonly users: string[];
  /** Organizations without an active admin after the batch (existing before it). */
  readonly unadministered: { readonly id: string; readonly name: string; readonly role: string | null }[];
  /** Admin roles and their permissions after the batch, when the batch touched roles. */
  readonly adminRoles: Map<string, ReadonlySet<string>>;
  readonly deletedPermissions: Set<string>;
  readonly created: Set<string>;
  /** Writes of resources and the permission each needs, where (the preset's per-type permission). */
  readonly resourceWrites: {
    readonly permission: string;
    readonly type: string;
    readonly id: string;
    readonly what: string;
  }[];
}

/** How a batch is judged besides its actor. */
export interface GateOptions {
  /**
   * The batch synchronises an external user store from its directory: users, groups, memberships
   * and roles of read-only stores may change. Otherwise such a change is `READ_ONLY_STORE`,
   * whoever the actor (the system and the operator included).
   */
  readonly userStoreSync?: boolean;
}

/** Every violation of the rules by this batch, made by this actor; empty when it may be written. */
export function judge(
  engine: AccessEngine,
  actor: GateActor,
  changes: readonly Change[],
  options: GateOptions = {},
): Violation[] {
  if (changes.length === 0) return [];
  const readOnly = options.userStoreSync === true ? [] : readOnlyStoreViolations(engine, changes);
  if (readOnly.length > 0) return readOnly;
  if (actor.kind === 'provisioner') {
    const outside = engine.probe(changes, (effects) => provisioningViolations(engine, actor, effects));
    const creator: GateActor = {
      kind: 'user',
      id: actor.creator,
      ...(actor.rootScope === undefined ? {} : { rootScope: actor.rootScope }),
    };
    return [
      ...outside.map((v) => ({ code: 'PROVISIONING_SCOPE' as const, message: v.message, details: v.details })),
      ...judge(engine, creator, changes, options),
    ];
  }
  const seen = engine.probe(changes, (effects) => observe(engine, actor, effects));
  const violations = [...seen.violations];
  if (actor.kind === 'system') return violations;

  for (const organization of seen.unadministered)
    if (hasActiveAdmin(engine, organization.id)) {
      const role = organization.role === null ? undefined : engine.role(organization.role);
      violations.push({
        code: 'LAST_ADMIN',
        message: `this would leave organization "${organization.name}" without an active "${role?.name ?? organization.role}"`,
        details: { organization: organization.id, role: organization.role },
      });
    }
  for (const [id, after] of seen.adminRoles) {
    const role = engine.role(id);
    if (role === undefined) continue;
    const lost = engine.rolePermissions(id).filter((key) => !after.has(key) && !seen.deletedPermissions.has(key));
    if (lost.length > 0)
      violations.push({
        code: 'LAST_ADMIN',
        message: `"${role.name}" is an admin role: it cannot lose ${lost.join(', ')}`,
        details: { role: id, lost },
      });
  }
  if (actor.kind !== 'user') return violations;

  for (const write of seen.resourceWrites)
    if (!engine.allowed(actor.id, write.permission, write.type, write.id))
      violations.push({
        code: 'PERMISSION_REQUIRED',
        message: `${write.what} requires the permission "${write.permission}" at ${write.type} "${engine.describeTarget({ type: write.type, id: write.id })?.name ?? write.id}"`,
        details: { permission: write.permission, target: { type: write.type, id: write.id } },
      });
  for (const grant of seen.grants) {
    if (engine.allowed(actor.id, ESCALATE_PERMISSION, grant.type, grant.target.id)) continue;
    const missing = grant.keys.filter((key) => !engine.allowed(actor.id, key, grant.type, grant.target.id));
    if (missing.length > 0)
      violations.push({
        code: 'PRIVILEGE_ESCALATION',
        message: `granting "${grant.roleName}" here would give permissions the actor does not hold: ${missing.join(', ')}`,
        details: { role: grant.role, missing },
      });
  }
  for (const { role, keys } of seen.roles) {
    if (role.organization !== null && seen.created.has(`organization:${role.organization}`)) continue;
    const before = new Set(engine.role(role.id) === undefined ? [] : engine.rolePermissions(role.id));
    const added = keys.filter((key) => !before.has(key));
    if (added.length === 0) continue;
    const missing = missingForRole(engine, actor.id, roleScope(engine, role.organization, actor.rootScope), added);
    if (missing.length > 0)
      violations.push({
        code: 'PRIVILEGE_ESCALATION',
        message: `"${role.name}" would give more than the actor holds: ${missing.join(', ')}`,
        details: { role: role.id, missing },
      });
  }
  for (const user of seen.users) {
    const result = canManageUser(engine, actor.id, user, actor.rootScope);
    if (!result.ok)
      violations.push({ code: result.error.code, message: result.error.message, details: result.error.details });
  }
  return violations;
}

/** Throws the first violation as a `TesseraError`; returns when the batch may be written. */
export function enforceGate(
  engine: AccessEngine,
  actor: GateActor,
  changes: readonly Change[],
  options: GateOptions = {},
): void {
  const [first] = judge(engine, actor, changes, options);
  if (first !== undefined) throw new TesseraError(first.code, first.message, first.details);
}

function observe(engine: AccessEngine, actor: GateActor, effects: readonly Effect[]): Observation {
  const seen: Observation = {
    violations: [],
    grants: [],
    roles: [],
    users: [],
    unadministered: [],
    adminRoles: new Map(),
    deletedPermissions: new Set(),
    created: new Set(),
    resourceWrites: [],
  };
  const judged = actor.kind !== 'system';
  const user = actor.kind === 'user' ? actor : null;
  let lockout = false;
  let rolesTouched = false;
  // Static separation of duties: the users whose roles the batch may have joined (null: every user).
  let sodUsers: Set<string> | null = new Set();
  const sodSubject = (subject: RoleMapping['subject']): void => {
    if (sodUsers === null) return;
    if (subject.kind === 'user') sodUsers.add(subject.id);
    else if (subject.kind === 'group') for (const member of engine.members(subject.id)) sodUsers.add(member);
    else if (subject.kind === 'everyone') sodUsers = null;
  };
  const removedAdministrators: RoleMapping[] = [];

  for (const effect of effects) {
    if (
      (effect.kind === 'organization' || effect.kind === 'project' || effect.kind === 'resource') &&
      effect.previous === null
    )
      seen.created.add(`${effect.kind}:${effect.key}`);
  }
  // A mapping on a target the same batch creates is not judged for escalation: whoever may create
  // the organization, project or resource may be given a role on it, which is how its creator
  // becomes its first administrator (an organization's Admin; Akana's API Administrator on a new
  // API, `settings.resourceTypes`), though they could not assign that role elsewhere. Nothing else
  // can hold a mapping on a target that did not exist, so nothing existing is reached through it;
  // assignability and deprecation still hold.
  const grant = (mapping: Pick<RoleMapping, 'role' | 'target'>): void => {
    if (user === null || seen.created.has(`${mapping.target.level}:${mapping.target.id}`)) return;
    const role = engine.role(mapping.role);
    if (role === undefined) return;
    const keys = engine
      .rolePermissions(role.id)
      .filter((key) => engine.permission(key)?.levels.includes(mapping.target.level) ?? false);
    if (keys.length === 0) return;
    seen.grants.push({
      role: role.id,
      roleName: role.name,
      target: mapping.target,
      type: targetType(engine, mapping.target),
      keys,
    });
  };
  const assignable = (roleId: string): void => {
    const blocked = nonAssignableIn(engine, roleId);
    if (blocked !== undefined)
      seen.violations.push({
        code: 'ROLE_NOT_ASSIGNABLE',
        message:
          blocked.id === roleId
            ? `"${blocked.name}" is an infrastructure role and cannot be assigned`
            : `"${engine.role(roleId)?.name}" includes the infrastructure role "${blocked.name}", which cannot be assigned`,
        details: { role: roleId, ...(blocked.id === roleId ? {} : { includes: blocked.id }) },
      });
  };

  for (const effect of effects) {
    switch (effect.kind) {
      case 'mapping': {
        const { record, previous } = effect;
        if (record === null || (previous !== null && !sameMapping(previous, record))) lockout = true;
        if (record !== null) sodSubject(record.subject);
        if (judged && previous !== null && previous.target.level === 'resource' && record === null)
          removedAdministrators.push(previous);
        if (record === null || (previous !== null && sameMapping(previous, record))) break;
        const role = engine.role(record.role);
        if (judged && role !== undefined) {
          if (role.deprecated)
            seen.violations.push({
              code: 'ROLE_DEPRECATED',
              message: `"${role.name}" is deprecated: existing mappings keep working, new ones cannot be made`,
              details: { role: role.id },
            });
          assignable(role.id);
        }
        grant(record);
        break;
      }
      case 'membership': {
        if (effect.record === null) {
          lockout = true;
          break;
        }
        sodUsers?.add(effect.record.user);
        if (effect.previous !== null || !judged) break;
        for (const mapping of engine.mappingsOf({ kind: 'group', id: effect.record.group })) {
          assignable(mapping.role);
          grant(mapping);
        }
        break;
      }
      case 'role': {
        rolesTouched = true;
        const { record, previous } = effect;
        if (record !== null && (previous === null || !sameSet(previous.includes, record.includes))) sodUsers = null;
        if (record === null) {
          lockout = true;
          if (user !== null && previous?.predefined === true)
            seen.violations.push({
              code: 'PREDEFINED_ROLE',
              message: `"${previous.name}" is predefined: copy it into a custom role instead`,
              details: { role: previous.id },
            });
          break;
        }
        const content = previous === null || !sameContent(previous, record);
        if (previous !== null && !sameSet(previous.includes, record.includes)) lockout = true;
        if (judged && previous !== null && content && (!previous.editable || !previous.assignable))
          seen.violations.push({
            code: 'ROLE_NOT_EDITABLE',
            message: previous.assignable
              ? `the permissions of "${previous.name}" cannot be edited`
              : `"${previous.name}" is an infrastructure role: it cannot be edited or made assignable`,
            details: { role: previous.id },
          });
        if (
          judged &&
          previous !== null &&
          !sameSet(previous.includes, record.includes) &&
          isMapped(engine, record.id)
        ) {
          const blocked = record.includes.map((id) => nonAssignableIn(engine, id)).find((r) => r !== undefined);
          if (blocked !== undefined)
            seen.violations.push({
              code: 'ROLE_NOT_ASSIGNABLE',
              message: `"${record.name}" is assigned: it cannot include the infrastructure role "${blocked.name}"`,
              details: { role: record.id, includes: blocked.id },
            });
        }
        if (user !== null && content) seen.roles.push({ role: record, keys: engine.rolePermissions(record.id) });
        break;
      }
      case 'user': {
        const { record, previous } = effect;
        if (record !== null) {
          const others = engine.usersFoldedAs(record.store, record.username).filter((id) => id !== record.id);
          if (others.length > 0)
            seen.violations.push({
              code: 'DUPLICATE',
              message: `user "${record.store}/${record.username}" differs only in case from an existing user`,
              details: { entity: 'user', name: record.username },
            });
        }
        if (previous === null) break;
        const identity =
          record === null ||
          record.status !== previous.status ||
          record.email !== previous.email ||
          record.username !== previous.username ||
          record.store !== previous.store;
        if (identity) lockout = true;
        if (user !== null && identity && previous.id !== user.id) seen.users.push(previous.id);
        break;
      }
      case 'group':
        if (effect.record === null) lockout = true;
        break;
      case 'resource':
        if (effect.previous !== null && effect.record !== null) sodUsers = null;
        if (user !== null) resourceWrite(engine, effect.record, effect.previous, seen);
        break;
      case 'project':
        if (effect.previous !== null && effect.record !== null) sodUsers = null;
        break;
      case 'constraint':
        if (effect.record !== null) sodUsers = null;
        break;
      case 'settings':
        lockout = true;
        rolesTouched = true;
        break;
      case 'organization':
        // A moved organization may bring mappings under an organization-scoped constraint.
        if (effect.previous !== null && effect.record !== null && effect.record.parent !== effect.previous.parent)
          sodUsers = null;
        if (
          effect.previous !== null &&
          (effect.record === null ||
            effect.record.adminRole !== effect.previous.adminRole ||
            effect.record.parent !== effect.previous.parent)
        ) {
          lockout = true;
          rolesTouched = true;
        }
        break;
      case 'permission': {
        if (effect.record === null) seen.deletedPermissions.add(effect.key);
        const { record, previous } = effect;
        const regranted =
          record === null ||
          (previous !== null &&
            (!sameSet(record.levels, previous.levels) || record.visibilityGated !== previous.visibilityGated));
        if (judged && previous !== null && regranted && ADMINISTRATION_PERMISSIONS.has(effect.key))
          seen.violations.push({
            code: 'PERMISSION_RESERVED',
            message: `"${effect.key}" guards Tessera's own API: it cannot be deleted, and where it may be granted cannot change`,
            details: { permission: effect.key },
          });
        break;
      }
      default:
        break;
    }
  }

  if (sodUsers === null || sodUsers.size > 0) {
    for (const v of staticViolations(engine, sodUsers)) {
      const [a, b] = v.roles;
      seen.violations.push({
        code: 'SOD_CONFLICT',
        message:
          `user "${v.user.name}" would hold both "${a.name}" and "${b.name}", which the separation-of-duties ` +
          `constraint "${v.constraint.name}" keeps apart: "${a.name}" ${describePath(v.paths[0])}; ` +
          `"${b.name}" ${describePath(v.paths[1])}`,
        details: {
          constraint: { id: v.constraint.id, name: v.constraint.name },
          user: v.user,
          roles: v.roles,
          paths: v.paths,
        },
      });
    }
  }

  const force = actor.kind === 'operator' && actor.force === true;
  if (!force) lastResourceAdministrators(engine, removedAdministrators, seen);
  if (judged && !force && lockout) {
    for (const organization of engine.organizations()) {
      if (seen.created.has(`organization:${organization.id}`) || hasActiveAdmin(engine, organization.id)) continue;
      seen.unadministered.push({
        id: organization.id,
        name: organization.name,
        role: adminRoleOf(engine, organization.id)?.id ?? null,
      });
    }
  }
  if (judged && !force && rolesTouched) {
    const ids = new Set<string>();
    if (engine.settings.adminRole !== null) ids.add(engine.settings.adminRole);
    for (const organization of engine.organizations())
      if (organization.adminRole !== null) ids.add(organization.adminRole);
    for (const id of ids) seen.adminRoles.set(id, new Set(engine.rolePermissions(id)));
  }
  return seen;
}

/**
 * A resource created, edited or deleted by a user needs the preset's permission for its type
 * (`settings.resourceTypes`: Akana's `api:create` at the project or organization, `api:modify` and
 * `api:delete` at the API; `resource:manage` for a type the preset does not name), judged on the
 * state before the batch. A resource created under a parent the batch creates, or deleted with its
 * project or organization, is the parent's write, judged as such.
 */
function resourceWrite(
  engine: AccessEngine,
  record: Resource | null,
  previous: Resource | null,
  seen: Observation,
): void {
  const settings = engine.settings;
  if (previous === null && record !== null) {
    const parent =
      record.project === null
        ? { type: 'organization', id: record.organization }
        : { type: 'project', id: record.project };
    if (seen.created.has(`${parent.type}:${parent.id}`)) return;
    seen.resourceWrites.push({
      permission: resourcePermission(settings, record.type, 'create'),
      ...parent,
      what: `creating ${record.type} "${record.name}"`,
    });
  } else if (previous !== null && record !== null) {
    if (record.name === previous.name && record.private === previous.private && record.project === previous.project)
      return;
    seen.resourceWrites.push({
      permission: resourcePermission(settings, previous.type, 'edit'),
      type: previous.type,
      id: previous.id,
      what: `editing ${previous.type} "${previous.name}"`,
    });
  } else if (previous !== null) {
    const parent =
      previous.project === null
        ? { type: 'organization', id: previous.organization }
        : { type: 'project', id: previous.project };
    if (engine.describeTarget(parent) === undefined) return;
    seen.resourceWrites.push({
      permission: resourcePermission(settings, previous.type, 'delete'),
      type: previous.type,
      id: previous.id,
      what: `deleting ${previous.type} "${previous.name}"`,
    });
  }
}

/**
 * A resource whose type has administrators (Akana's API Administrators) keeps at least one: a batch
 * that removes the last administrator mapping of a resource that still exists is refused. A mapping
 * that goes with its user or group, or with the resource, is not judged.
 */
function lastResourceAdministrators(engine: AccessEngine, removed: readonly RoleMapping[], seen: Observation): void {
  if (removed.length === 0 || engine.settings.resourceTypes === undefined) return;
  const judged = new Set<string>();
  for (const mapping of removed) {
    if (judged.has(mapping.target.id) || !subjectExists(engine, mapping.subject)) continue;
    const resource = engine.resource(mapping.target.id);
    if (resource === undefined) continue;
    const role = administratorRole(engine.settings, resource.type);
    if (role === undefined || !engine.roleClosure(mapping.role).includes(role)) continue;
    judged.add(resource.id);
    if (administratorMappings(engine, resource).length > 0) continue;
    seen.violations.push({
      code: 'LAST_RESOURCE_ADMIN',
      message: `this would leave ${resource.type} "${resource.name}" without an administrator ("${engine.role(role)?.name ?? role}"): add another administrator first`,
      details: { resource: resource.id, role },
    });
  }
}

/** Whether an active user holds the organization's admin role there (directly, through a group, or as everyone). */
export function hasActiveAdmin(engine: AccessEngine, organizationId: string): boolean {
  const role = adminRoleOf(engine, organizationId);
  if (role === undefined) return false;
  for (const id of engine.organizationChain({ type: 'organization', id: organizationId })) {
    for (const mapping of engine.mappingsAt('organization', id)) {
      if (!engine.roleClosure(mapping.role).includes(role.id)) continue;
      const subject = mapping.subject;
      if (subject.kind === 'user') {
        if (engine.user(subject.id)?.status === 'active') return true;
      } else if (subject.kind === 'group') {
        if (engine.hasActiveMember(subject.id)) return true;
      } else if (subject.kind === 'everyone') {
        if (engine.hasActiveUser()) return true;
      }
    }
  }
  return false;
}

/** The role itself or the first role it includes (transitively) that cannot be assigned. */
function nonAssignableIn(engine: AccessEngine, roleId: string): Role | undefined {
  for (const id of engine.roleClosure(roleId)) {
    const role = engine.role(id);
    if (role !== undefined && !role.assignable) return role;
  }
  return undefined;
}

/** Whether a mapping grants the role, directly or through a role that includes it. */
function isMapped(engine: AccessEngine, roleId: string): boolean {
  return engine.isRoleMapped(roleId);
}

export function foldName(store: string, username: string): string {
  return `${store}\u0000${username.toLowerCase()}`;
}

const TARGET_TYPE: Readonly<Record<Level, string | null>> = {
  organization: 'organization',
  project: 'project',
  resource: null,
};

function targetType(engine: AccessEngine, target: Target): string {
  return TARGET_TYPE[target.level] ?? engine.resource(target.id)?.type ?? 'resource';
}

function sameMapping(a: RoleMapping, b: RoleMapping): boolean {
  return (
    a.role === b.role &&
    a.target.level === b.target.level &&
    a.target.id === b.target.id &&
    a.subject.kind === b.subject.kind &&
    ('id' in a.subject ? a.subject.id : null) === ('id' in b.subject ? b.subject.id : null)
  );
}

function sameContent(a: Role, b: Role): boolean {
  return (
    sameSet(a.permissions, b.permissions) &&
    sameSet(a.includes, b.includes) &&
    a.assignable === b.assignable &&
    a.editable === b.editable
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}
