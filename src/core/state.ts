import type { Change } from './changes.js';
import type { Effect } from './effects.js';
import { EntryList } from './entries.js';
import { TesseraError } from './errors.js';
import {
  type Group,
  type Level,
  type Organization,
  type Permission,
  type Project,
  type Resource,
  type Role,
  type RoleMapping,
  type Scope,
  type Settings,
  type SodConstraint,
  type Subject,
  type UserStore,
  NO_ORGANIZATION_DEFAULTS,
  PRIMARY_STORE,
} from './model.js';
import { RoleBits } from './role-bits.js';
import { RunPool } from './run-pool.js';
import { addMember, deleteGroup, putGroup, removeMember, revertAddMember } from './state/groups.js';
import { deleteConstraint, putConstraint } from './state/constraints.js';
import { addMapping, removeMapping, revertAddMapping } from './state/mappings.js';
import { deleteOrganization, putOrganization } from './state/organizations.js';
import { deletePermission, putPermission } from './state/permissions.js';
import { deleteProject, putProject } from './state/projects.js';
import { deleteResource, putResource } from './state/resources.js';
import { deleteRole, putRole } from './state/roles.js';
import { deleteScope, putScope } from './state/scopes.js';
import { setSettings } from './state/settings.js';
import { type Undo, invalid } from './state/shared.js';
import { deleteUser, deleteUserStore, putUser, putUserStore, revertCreateUser } from './state/users.js';
import { TargetTree } from './targets.js';
import { TimedEntries } from './timed.js';
import { NO_OWN_ENTRIES, type UserSlot, UserTable } from './user-table.js';

// The state is split by entity: this class keeps the shared fields (the decision path reads them
// directly, so they stay plain fields here) and the batch loop; `./state/<entity>.ts` validate and
// apply each entity's changes against it.

/**
 * The model's records and the decision index derived from them, kept current change by change.
 * Internal to the core: `AccessEngine` is the public face.
 */
export class ModelState {
  revision = 0;
  settings: Settings = { adminRole: null, organizationDefaults: NO_ORGANIZATION_DEFAULTS };

  readonly organizations = new Map<string, Organization>();
  readonly projects = new Map<string, Project>();
  readonly resources = new Map<string, Resource>();
  readonly userStores = new Map<string, UserStore>([
    [PRIMARY_STORE, { name: PRIMARY_STORE, readOnly: false, description: 'Built-in read-write user store' }],
  ]);
  readonly users = new Map<string, UserSlot>();
  readonly userTable = new UserTable();
  /** Per group index: the group's mapping entries, packed. Small, so it stays in cache. */
  readonly groupRuns = new RunPool();
  readonly deletedUserIds = new Set<string>();
  readonly groups = new Map<string, Group>();
  readonly permissions = new Map<string, Permission>();
  readonly roles = new Map<string, Role>();
  readonly scopes = new Map<string, Scope>();
  readonly mappings = new Map<string, RoleMapping>();
  readonly constraints = new Map<string, SodConstraint>();

  // ── lookups by name ──
  readonly organizationByName = new Map<string, string>();
  /** `org/project` → project id. */
  readonly projectByPath = new Map<string, string>();
  /** `org/project/type/name` or `org/type/name` → resource id. */
  readonly resourceByPath = new Map<string, string>();
  /** `store/username` → user id. */
  readonly userByName = new Map<string, string>();
  /**
   * `store\u0000lowercased username` → user ids: the names that differ only in case. Null until the
   * gate first asks (`state/lookups.ts`), then kept by the user changes.
   */
  foldedUserNames: Map<string, Set<string>> | null = null;
  /** `organizationId\u0000name` → group id. */
  readonly groupByName = new Map<string, string>();
  /** `organizationId-or-empty\u0000name-or-alias` → role id. */
  readonly roleByName = new Map<string, string>();

  // ── decision index ──
  readonly targets = new TargetTree();

  readonly includedBy = new Map<string, Set<string>>();
  readonly bits = new RoleBits(this.roles, this.includedBy);
  readonly roleMappings = new Map<string, Set<string>>();

  readonly groupIndex = new Map<string, number>();
  readonly groupIds: string[] = [];
  readonly groupEntries: EntryList[] = [];
  readonly groupMembers: Set<string>[] = [];
  readonly everyoneEntries = new EntryList();
  /** `mappingKey` of every mapping: one mapping per role, subject and target. */
  readonly mappingKeys = new Set<string>();
  readonly anonymousEntries = new EntryList();
  /** Mappings with a time limit, kept out of the lists above so the decision path never reads a clock for the others. */
  readonly timed = new TimedEntries();

  /**
   * Where the batch being applied reports its effects (every record put or deleted, cascades
   * included), or null when nobody asked: each primitive put or delete pushes one with `?.`, so an
   * untracked batch pays one null check per record. Public because the entity modules push to it.
   */
  effects: Effect[] | null = null;

  /**
   * Applies a batch atomically: on any error every change of the batch is undone and the error thrown.
   * When `effects` is given, the batch's effects are appended to it in order; a failed batch appends none.
   */
  applyBatch(changes: readonly Change[], revision?: number, effects?: Effect[]): number {
    const next = revision ?? this.revision + 1;
    if (!Number.isSafeInteger(next) || next <= this.revision) {
      throw new TesseraError('STALE_REVISION', `revision ${next} is not newer than ${this.revision}`, {
        current: this.revision,
        given: next,
      });
    }
    const undo: Undo[] = [];
    const reported = effects?.length ?? 0;
    this.effects = effects ?? null;
    try {
      for (const change of changes) this.#apply(change, undo);
    } catch (error) {
      this.effects = null;
      if (effects !== undefined) effects.length = reported;
      for (let i = undo.length - 1; i >= 0; i--) {
        const step = undo[i]!;
        if (typeof step === 'function') step();
        else this.#revertCreation(step);
      }
      throw error;
    } finally {
      this.effects = null;
    }
    this.revision = next;
    return next;
  }

  /**
   * Applies a batch, hands its effects to `inspect` while the state is the one the batch would
   * leave, then takes the batch back whatever happens: a dry run whose cost follows the batch.
   * The revision does not move. Errors of the batch or of `inspect` are thrown after the undo.
   */
  probe<T>(changes: readonly Change[], inspect: (effects: readonly Effect[]) => T): T {
    const undo: Undo[] = [];
    const effects: Effect[] = [];
    this.effects = effects;
    try {
      for (const change of changes) this.#apply(change, undo);
      this.effects = null;
      return inspect(effects);
    } finally {
      this.effects = null;
      for (let i = undo.length - 1; i >= 0; i--) {
        const step = undo[i]!;
        if (typeof step === 'function') step();
        else this.#revertCreation(step);
      }
    }
  }

  #apply(change: Change, undo: Undo[]): void {
    switch (change.op) {
      case 'settings.set':
        return setSettings(this, change.settings, undo);
      case 'organization.put':
        return putOrganization(this, change.organization, undo);
      case 'organization.delete':
        return deleteOrganization(this, change.id, change.cascade ?? false, undo);
      case 'project.put':
        return putProject(this, change.project, undo);
      case 'project.delete':
        return deleteProject(this, change.id, change.cascade ?? false, undo);
      case 'resource.put':
        return putResource(this, change.resource, undo);
      case 'resource.delete':
        return deleteResource(this, change.id, change.cascade ?? false, undo);
      case 'userStore.put':
        return putUserStore(this, change.userStore, undo);
      case 'userStore.delete':
        return deleteUserStore(this, change.name, undo);
      case 'user.put':
        return putUser(this, change, undo);
      case 'user.delete':
        return deleteUser(this, change.id, undo);
      case 'group.put':
        return putGroup(this, change.group, undo);
      case 'group.delete':
        return deleteGroup(this, change.id, change.cascade ?? false, undo);
      case 'member.add':
        return addMember(this, change, undo);
      case 'member.remove':
        return removeMember(this, change.membership.group, change.membership.user, undo);
      case 'permission.put':
        return putPermission(this, change.permission, undo);
      case 'permission.delete':
        return deletePermission(this, change.key, undo);
      case 'role.put':
        return putRole(this, change.role, undo);
      case 'role.delete':
        return deleteRole(this, change.id, change.cascade ?? false, undo);
      case 'scope.put':
        return putScope(this, change.scope, undo);
      case 'scope.delete':
        return deleteScope(this, change.name, undo);
      case 'mapping.add':
        return addMapping(this, change.mapping, undo);
      case 'mapping.remove':
        return removeMapping(this, change.id, undo);
      case 'constraint.put':
        return putConstraint(this, change.constraint, undo);
      case 'constraint.delete':
        return deleteConstraint(this, change.id, undo);
      default: {
        const unknown: { op?: unknown } = change;
        throw invalid(`unknown change "${String(unknown.op)}"`);
      }
    }
  }

  /** Takes back a step that only created something (see `Undo`). */
  #revertCreation(change: Change): void {
    if (change.op === 'member.add') revertAddMember(this, change);
    else if (change.op === 'mapping.add') revertAddMapping(this, change);
    else if (change.op === 'user.put') revertCreateUser(this, change);
    else throw new Error(`no creation to revert for ${change.op}`);
  }

  // ── lookups shared by the entity modules and the engine ──

  node(level: Level, id: string): number {
    return this.targets.byId[level].get(id) ?? -1;
  }

  projectPath(project: Project): string {
    return `${this.organizations.get(project.organization)?.name ?? project.organization}/${project.name}`;
  }

  resourcePaths(resource: Resource): string[] {
    const organization = this.organizations.get(resource.organization)?.name ?? resource.organization;
    if (resource.project === null) return [`${organization}/${resource.type}/${resource.name}`];
    const project = this.projects.get(resource.project)?.name ?? resource.project;
    return [
      `${organization}/${project}/${resource.type}/${resource.name}`,
      `${organization}/${project}/${resource.name}`,
    ];
  }

  entriesOf(subject: Subject): EntryList {
    switch (subject.kind) {
      case 'user': {
        const slot = this.users.get(subject.id)!;
        if (slot.entries === NO_OWN_ENTRIES) slot.entries = new EntryList();
        return slot.entries;
      }
      case 'group':
        return this.groupEntries[this.groupIndex.get(subject.id)!]!;
      case 'everyone':
        return this.everyoneEntries;
      case 'anonymous':
        return this.anonymousEntries;
    }
  }
}

export function sameSubject(a: Subject, b: Subject): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'user' || a.kind === 'group') return a.id === (b as { id: string }).id;
  return true;
}
