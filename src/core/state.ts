import type { Change } from './changes.js';
import { type Effect, SETTINGS_KEY, membershipKey } from './effects.js';
import { ENTRY_STRIDE, type Entry, EntryList } from './entries.js';
import { RunPool } from './run-pool.js';
import { RoleBits } from './role-bits.js';
import { TargetTree } from './targets.js';
import { ACTIVE, DISABLED, INVITED, NO_OWN_ENTRIES, type UserSlot, UserTable } from './user-table.js';
import { TesseraError } from './errors.js';
import {
  ALL_PERMISSIONS,
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
  type Subject,
  type UserStore,
  LEVELS,
  NO_ORGANIZATION_DEFAULTS,
  PRIMARY_STORE,
  mappingKey,
  permissionParent,
  qualifiedUserName,
} from './model.js';

const STATUS_CODE = { active: ACTIVE, invited: INVITED, disabled: DISABLED } as const;

const LEVEL_INDEX: Readonly<Record<Level, number>> = { organization: 0, project: 1, resource: 2 };

/**
 * How to take back one applied step: a closure, or — for steps that only created something — the
 * change itself, which costs no allocation in large batches.
 */
type Undo = (() => void) | Change;

function invalid(message: string, details?: Record<string, unknown>): TesseraError {
  return new TesseraError('INVALID', message, details);
}
function notFound(what: string, id: string): TesseraError {
  return new TesseraError('NOT_FOUND', `${what} "${id}" does not exist`, { entity: what, id });
}
function duplicate(what: string, name: string): TesseraError {
  return new TesseraError('DUPLICATE', `${what} "${name}" already exists`, { entity: what, name });
}
function referenced(what: string, id: string, by: string): TesseraError {
  return new TesseraError('REFERENCED', `${what} "${id}" is still referenced by ${by}`, { entity: what, id, by });
}

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

  // ── lookups by name ──
  readonly organizationByName = new Map<string, string>();
  /** `org/project` → project id. */
  readonly projectByPath = new Map<string, string>();
  /** `org/project/type/name` or `org/type/name` → resource id. */
  readonly resourceByPath = new Map<string, string>();
  /** `store/username` → user id. */
  readonly userByName = new Map<string, string>();
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
  readonly #mappingKeys = new Set<string>();
  readonly anonymousEntries = new EntryList();

  /**
   * Where the batch being applied reports its effects (every record put or deleted, cascades
   * included), or null when nobody asked: each primitive put or delete pushes one with `?.`, so an
   * untracked batch pays one null check per record.
   */
  #effects: Effect[] | null = null;

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
    this.#effects = effects ?? null;
    try {
      for (const change of changes) this.#apply(change, undo);
    } catch (error) {
      this.#effects = null;
      if (effects !== undefined) effects.length = reported;
      for (let i = undo.length - 1; i >= 0; i--) {
        const step = undo[i]!;
        if (typeof step === 'function') step();
        else this.#revertCreation(step);
      }
      throw error;
    } finally {
      this.#effects = null;
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
    this.#effects = effects;
    try {
      for (const change of changes) this.#apply(change, undo);
      this.#effects = null;
      return inspect(effects);
    } finally {
      this.#effects = null;
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
        return this.#setSettings(change.settings, undo);
      case 'organization.put':
        return this.#putOrganization(change.organization, undo);
      case 'organization.delete':
        return this.#deleteOrganization(change.id, change.cascade ?? false, undo);
      case 'project.put':
        return this.#putProject(change.project, undo);
      case 'project.delete':
        return this.#deleteProject(change.id, change.cascade ?? false, undo);
      case 'resource.put':
        return this.#putResource(change.resource, undo);
      case 'resource.delete':
        return this.#deleteResource(change.id, change.cascade ?? false, undo);
      case 'userStore.put':
        return this.#putUserStore(change.userStore, undo);
      case 'userStore.delete':
        return this.#deleteUserStore(change.name, undo);
      case 'user.put':
        return this.#putUser(change, undo);
      case 'user.delete':
        return this.#deleteUser(change.id, undo);
      case 'group.put':
        return this.#putGroup(change.group, undo);
      case 'group.delete':
        return this.#deleteGroup(change.id, change.cascade ?? false, undo);
      case 'member.add':
        return this.#addMember(change, undo);
      case 'member.remove':
        return this.#removeMember(change.membership.group, change.membership.user, undo);
      case 'permission.put':
        return this.#putPermission(change.permission, undo);
      case 'permission.delete':
        return this.#deletePermission(change.key, undo);
      case 'role.put':
        return this.#putRole(change.role, undo);
      case 'role.delete':
        return this.#deleteRole(change.id, change.cascade ?? false, undo);
      case 'scope.put':
        return this.#putScope(change.scope, undo);
      case 'scope.delete':
        return this.#deleteScope(change.name, undo);
      case 'mapping.add':
        return this.#addMapping(change.mapping, undo);
      case 'mapping.remove':
        return this.#removeMapping(change.id, undo);
      default: {
        const unknown: { op?: unknown } = change;
        throw invalid(`unknown change "${String(unknown.op)}"`);
      }
    }
  }

  // ── settings ──

  #setSettings(settings: Settings, undo: Undo[]): void {
    if (settings.adminRole !== null && !this.roles.has(settings.adminRole)) throw notFound('role', settings.adminRole);
    for (const role of settingsRoles(settings)) if (!this.roles.has(role)) throw notFound('role', role);
    const previous = this.settings;
    this.settings = {
      adminRole: settings.adminRole,
      organizationDefaults: {
        groups: settings.organizationDefaults.groups.map((g) => ({ ...g, roles: [...g.roles] })),
        mappings: settings.organizationDefaults.mappings.map((m) => ({ role: m.role, subject: { ...m.subject } })),
      },
    };
    this.#effects?.push({ kind: 'settings', key: SETTINGS_KEY, record: this.settings, previous });
    undo.push(() => (this.settings = previous));
  }

  // ── targets ──

  #reparent(node: number, parent: number): void {
    this.targets.reparent(node, parent);
    // Entries remember their node's depth; a move changes depths below it.
    this.#reindexEntriesUnder(node);
  }

  #reindexEntriesUnder(node: number): void {
    for (const current of this.targets.subtree(node)) {
      // A copy: re-indexing removes and re-adds each id, which a live Set would visit again.
      for (const id of [...this.targets.mappings[current]!]) {
        const mapping = this.mappings.get(id)!;
        this.#unindexMapping(mapping);
        this.#indexMapping(mapping);
      }
    }
  }

  node(level: Level, id: string): number {
    return this.targets.byId[level].get(id) ?? -1;
  }

  #putOrganization(organization: Organization, undo: Undo[]): void {
    const previous = this.organizations.get(organization.id);
    requireName(organization.name, 'organization name');
    const holder = this.organizationByName.get(organization.name);
    if (holder !== undefined && holder !== organization.id) throw duplicate('organization', organization.name);
    let parentNode = -1;
    if (organization.parent !== null) {
      parentNode = this.node('organization', organization.parent);
      if (parentNode < 0) throw notFound('organization', organization.parent);
      if (previous !== undefined) {
        const self = this.node('organization', organization.id);
        if (this.targets.chain[parentNode]!.includes(self)) {
          throw invalid(`organization "${organization.name}" cannot be its own ancestor`);
        }
      }
    }
    if (organization.adminRole !== null && !this.roles.has(organization.adminRole)) {
      throw notFound('role', organization.adminRole);
    }
    const record: Organization = { ...organization };
    this.organizations.set(organization.id, record);
    this.#effects?.push({ kind: 'organization', key: record.id, record, previous: previous ?? null });
    if (previous === undefined) {
      this.targets.add(organization.id, 'organization', 'organization', parentNode, false);
      undo.push(() => {
        this.organizations.delete(organization.id);
        this.targets.drop(this.node('organization', organization.id));
      });
    } else {
      this.organizationByName.delete(previous.name);
      const node = this.node('organization', organization.id);
      if (previous.parent !== organization.parent) this.#reparent(node, parentNode);
      undo.push(() => {
        this.organizationByName.delete(record.name);
        this.organizationByName.set(previous.name, previous.id);
        this.organizations.set(previous.id, previous);
        if (previous.parent !== record.parent) {
          this.#reparent(node, previous.parent === null ? -1 : this.node('organization', previous.parent));
        }
        this.#renamePaths(organization.id);
      });
    }
    this.organizationByName.set(organization.name, organization.id);
    if (previous !== undefined && previous.name !== organization.name) this.#renamePaths(organization.id);
    if (previous !== undefined && previous.parent !== organization.parent) {
      // A group's mappings must stay at or below the group's organization after the move.
      for (const node of this.targets.subtree(this.node('organization', organization.id))) {
        for (const id of this.targets.mappings[node]!) this.#checkSubject(this.mappings.get(id)!.subject, node);
      }
    }
  }

  /** Re-keys the path lookups of an organization's projects and resources after a rename. */
  #renamePaths(organizationId: string): void {
    for (const project of this.projects.values()) {
      if (project.organization !== organizationId) continue;
      for (const [path, id] of this.projectByPath) if (id === project.id) this.projectByPath.delete(path);
      this.projectByPath.set(this.projectPath(project), project.id);
    }
    for (const resource of this.resources.values()) {
      if (resource.organization !== organizationId) continue;
      this.#unindexResourcePath(resource);
      this.#indexResourcePath(resource);
    }
  }

  #deleteOrganization(id: string, cascade: boolean, undo: Undo[]): void {
    const organization = this.organizations.get(id);
    if (organization === undefined) throw notFound('organization', id);
    const node = this.node('organization', id);
    const children = [...this.organizations.values()].filter((o) => o.parent === id);
    const projects = [...this.projects.values()].filter((p) => p.organization === id);
    const resources = [...this.resources.values()].filter((r) => r.organization === id && r.project === null);
    const groups = [...this.groups.values()].filter((g) => g.organization === id);
    const roles = [...this.roles.values()].filter((r) => r.organization === id);
    const mappings = [...this.targets.mappings[node]!];
    const dependents =
      children.length + projects.length + resources.length + groups.length + roles.length + mappings.length;
    if (dependents > 0 && !cascade) {
      throw referenced(
        'organization',
        organization.name,
        'child organizations, projects, resources, groups, roles or mappings',
      );
    }
    for (const mapping of mappings) this.#removeMapping(mapping, undo);
    for (const child of children) this.#deleteOrganization(child.id, true, undo);
    for (const project of projects) this.#deleteProject(project.id, true, undo);
    for (const resource of resources) this.#deleteResource(resource.id, true, undo);
    for (const group of groups) this.#deleteGroup(group.id, true, undo);
    for (const role of roles) this.#deleteRole(role.id, true, undo);
    this.organizations.delete(id);
    this.organizationByName.delete(organization.name);
    this.targets.drop(node);
    this.#effects?.push({ kind: 'organization', key: id, record: null, previous: organization });
    undo.push(() => {
      this.organizations.set(id, organization);
      this.organizationByName.set(organization.name, id);
      this.targets.restore(node, organization.parent === null ? -1 : this.node('organization', organization.parent));
    });
  }

  projectPath(project: Project): string {
    return `${this.organizations.get(project.organization)?.name ?? project.organization}/${project.name}`;
  }

  #putProject(project: Project, undo: Undo[]): void {
    requireName(project.name, 'project name');
    const previous = this.projects.get(project.id);
    const organizationNode = this.node('organization', project.organization);
    if (organizationNode < 0) throw notFound('organization', project.organization);
    if (previous !== undefined && previous.organization !== project.organization) {
      throw invalid(`project "${previous.name}" cannot move to another organization`);
    }
    const path = this.projectPath(project);
    const holder = this.projectByPath.get(path);
    if (holder !== undefined && holder !== project.id) throw duplicate('project', path);
    const record: Project = { ...project };
    this.projects.set(project.id, record);
    this.#effects?.push({ kind: 'project', key: record.id, record, previous: previous ?? null });
    if (previous === undefined) {
      this.targets.add(project.id, 'project', 'project', organizationNode, false);
      this.projectByPath.set(path, project.id);
      undo.push(() => {
        this.projects.delete(project.id);
        this.projectByPath.delete(path);
        this.targets.drop(this.node('project', project.id));
      });
      return;
    }
    const previousPath = this.projectPath(previous);
    this.projectByPath.delete(previousPath);
    this.projectByPath.set(path, project.id);
    const resources = [...this.resources.values()].filter((r) => r.project === project.id);
    for (const resource of resources) this.#unindexResourcePath(resource);
    for (const resource of resources) this.#indexResourcePath(resource);
    undo.push(() => {
      this.projects.set(project.id, previous);
      this.projectByPath.delete(path);
      this.projectByPath.set(previousPath, project.id);
      for (const resource of resources) this.#unindexResourcePath(resource);
      for (const resource of resources) this.#indexResourcePath(resource);
    });
  }

  #deleteProject(id: string, cascade: boolean, undo: Undo[]): void {
    const project = this.projects.get(id);
    if (project === undefined) throw notFound('project', id);
    const node = this.node('project', id);
    const resources = [...this.resources.values()].filter((r) => r.project === id);
    const mappings = [...this.targets.mappings[node]!];
    if (resources.length + mappings.length > 0 && !cascade) {
      throw referenced('project', this.projectPath(project), 'resources or mappings');
    }
    for (const mapping of mappings) this.#removeMapping(mapping, undo);
    for (const resource of resources) this.#deleteResource(resource.id, true, undo);
    const path = this.projectPath(project);
    this.projects.delete(id);
    this.projectByPath.delete(path);
    this.targets.drop(node);
    this.#effects?.push({ kind: 'project', key: id, record: null, previous: project });
    undo.push(() => {
      this.projects.set(id, project);
      this.projectByPath.set(path, id);
      this.targets.restore(node, this.node('organization', project.organization));
    });
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

  #indexResourcePath(resource: Resource): void {
    for (const path of this.resourcePaths(resource)) this.resourceByPath.set(path, resource.id);
  }

  #unindexResourcePath(resource: Resource): void {
    for (const path of this.resourcePaths(resource)) {
      if (this.resourceByPath.get(path) === resource.id) this.resourceByPath.delete(path);
    }
  }

  #putResource(resource: Resource, undo: Undo[]): void {
    requireName(resource.name, 'resource name');
    if (!/^[a-z][a-z0-9_-]*$/.test(resource.type) || resource.type === 'organization' || resource.type === 'project') {
      throw invalid(
        `resource type "${resource.type}" must be lowercase letters, digits, "-" or "_" and not a level name`,
      );
    }
    const previous = this.resources.get(resource.id);
    if (!this.organizations.has(resource.organization)) throw notFound('organization', resource.organization);
    let parentNode = this.node('organization', resource.organization);
    if (resource.project !== null) {
      const project = this.projects.get(resource.project);
      if (project === undefined) throw notFound('project', resource.project);
      if (project.organization !== resource.organization) {
        throw invalid(`project "${project.name}" is not in organization "${resource.organization}"`);
      }
      parentNode = this.node('project', resource.project);
    }
    if (previous !== undefined) {
      if (
        previous.organization !== resource.organization ||
        previous.project !== resource.project ||
        previous.type !== resource.type
      ) {
        throw invalid(`resource "${previous.name}" cannot move or change type`);
      }
    }
    const [path] = this.resourcePaths(resource);
    const holder = this.resourceByPath.get(path!);
    if (holder !== undefined && holder !== resource.id) throw duplicate('resource', path!);
    const record: Resource = { ...resource };
    this.resources.set(resource.id, record);
    this.#effects?.push({ kind: 'resource', key: record.id, record, previous: previous ?? null });
    if (previous === undefined) {
      const node = this.targets.add(resource.id, 'resource', resource.type, parentNode, resource.private);
      this.#indexResourcePath(record);
      undo.push(() => {
        this.resources.delete(resource.id);
        this.#unindexResourcePath(record);
        this.targets.drop(node);
      });
      return;
    }
    const node = this.node('resource', resource.id);
    this.#unindexResourcePath(previous);
    this.#indexResourcePath(record);
    this.targets.isPrivate[node] = resource.private;
    undo.push(() => {
      this.resources.set(resource.id, previous);
      this.#unindexResourcePath(record);
      this.#indexResourcePath(previous);
      this.targets.isPrivate[node] = previous.private;
    });
  }

  #deleteResource(id: string, cascade: boolean, undo: Undo[]): void {
    const resource = this.resources.get(id);
    if (resource === undefined) throw notFound('resource', id);
    const node = this.node('resource', id);
    const mappings = [...this.targets.mappings[node]!];
    if (mappings.length > 0 && !cascade) throw referenced('resource', this.resourcePaths(resource)[0]!, 'mappings');
    for (const mapping of mappings) this.#removeMapping(mapping, undo);
    this.resources.delete(id);
    this.#effects?.push({ kind: 'resource', key: id, record: null, previous: resource });
    this.#unindexResourcePath(resource);
    this.targets.drop(node);
    undo.push(() => {
      this.resources.set(id, resource);
      this.#indexResourcePath(resource);
      const parent =
        resource.project === null
          ? this.node('organization', resource.organization)
          : this.node('project', resource.project);
      this.targets.restore(node, parent);
    });
  }

  // ── user stores, users, groups ──

  #putUserStore(store: UserStore, undo: Undo[]): void {
    requireName(store.name, 'user store name');
    if (store.name.includes('/')) throw invalid(`user store name "${store.name}" cannot contain "/"`);
    if (store.name === PRIMARY_STORE && store.readOnly) throw invalid('the PRIMARY user store is always read-write');
    const previous = this.userStores.get(store.name);
    const record: UserStore = { ...store };
    this.userStores.set(store.name, record);
    this.#effects?.push({ kind: 'userStore', key: record.name, record, previous: previous ?? null });
    undo.push(() =>
      previous === undefined ? this.userStores.delete(store.name) : this.userStores.set(store.name, previous),
    );
  }

  #deleteUserStore(name: string, undo: Undo[]): void {
    const store = this.userStores.get(name);
    if (store === undefined) throw notFound('user store', name);
    if (name === PRIMARY_STORE) throw invalid('the PRIMARY user store cannot be deleted');
    const used =
      [...this.users.values()].some((u) => u.record.store === name) ||
      [...this.groups.values()].some((g) => g.store === name) ||
      [...this.roles.values()].some((r) => r.store === name);
    if (used) throw referenced('user store', name, 'users, groups or roles');
    this.userStores.delete(name);
    this.#effects?.push({ kind: 'userStore', key: name, record: null, previous: store });
    undo.push(() => this.userStores.set(name, store));
  }

  #putUser(change: Extract<Change, { op: 'user.put' }>, undo: Undo[]): void {
    const user = change.user;
    requireName(user.username, 'username');
    if (user.username.includes('/')) throw invalid(`username "${user.username}" cannot contain "/"`);
    if (this.deletedUserIds.has(user.id)) {
      throw new TesseraError('USER_ID_REUSED', `user id "${user.id}" belonged to a deleted user and is never reused`, {
        id: user.id,
      });
    }
    if (!this.userStores.has(user.store)) throw notFound('user store', user.store);
    const status = STATUS_CODE[user.status];
    if (status === undefined) throw invalid(`unknown user status "${String(user.status)}"`);
    const name = qualifiedUserName(user);
    const holder = this.userByName.get(name);
    if (holder !== undefined && holder !== user.id) throw duplicate('user', name);
    const previous = this.users.get(user.id);
    const index = previous?.index ?? this.userTable.newRow(user.id);
    const slot: UserSlot = {
      record: user,
      status,
      groups: previous?.groups ?? [],
      entries: previous?.entries ?? NO_OWN_ENTRIES,
      index,
    };
    this.users.set(user.id, slot);
    this.#effects?.push({ kind: 'user', key: user.id, record: user, previous: previous?.record ?? null });
    this.userTable.refresh(slot);
    if (previous !== undefined) this.userByName.delete(qualifiedUserName(previous.record));
    this.userByName.set(name, user.id);
    if (previous === undefined) {
      undo.push(change);
      return;
    }
    undo.push(() => {
      this.userByName.delete(name);
      this.users.set(user.id, previous);
      this.userByName.set(qualifiedUserName(previous.record), user.id);
      this.userTable.refresh(previous);
    });
  }

  #deleteUser(id: string, undo: Undo[]): void {
    const slot = this.users.get(id);
    if (slot === undefined) throw notFound('user', id);
    for (const group of [...slot.groups]) this.#removeMember(this.groupIds[group]!, id, undo);
    for (const entry of [...slot.entries]) this.#removeMapping(entry.mapping.id, undo);
    for (const role of [...this.roles.values()]) if (role.owner === id) this.#deleteRole(role.id, true, undo);
    const current = this.users.get(id)!;
    this.users.delete(id);
    this.userTable.retire(current);
    this.userByName.delete(qualifiedUserName(current.record));
    this.deletedUserIds.add(id);
    this.#effects?.push(
      { kind: 'user', key: id, record: null, previous: current.record },
      { kind: 'deletedUserId', key: id, record: { id }, previous: null },
    );
    undo.push(() => {
      this.deletedUserIds.delete(id);
      this.users.set(id, current);
      this.userTable.refresh(current);
      this.userByName.set(qualifiedUserName(current.record), id);
    });
  }

  #putGroup(group: Group, undo: Undo[]): void {
    requireName(group.name, 'group name');
    if (!this.organizations.has(group.organization)) throw notFound('organization', group.organization);
    if (!this.userStores.has(group.store)) throw notFound('user store', group.store);
    const previous = this.groups.get(group.id);
    if (previous !== undefined && previous.organization !== group.organization) {
      throw invalid(`group "${previous.name}" cannot move to another organization`);
    }
    const key = `${group.organization}\u0000${group.name}`;
    const holder = this.groupByName.get(key);
    if (holder !== undefined && holder !== group.id) throw duplicate('group', group.name);
    const record: Group = { ...group };
    this.groups.set(group.id, record);
    this.#effects?.push({ kind: 'group', key: record.id, record, previous: previous ?? null });
    if (previous === undefined) {
      let index = this.groupIndex.get(group.id);
      if (index === undefined) {
        index = this.groupIds.length;
        this.groupIndex.set(group.id, index);
        this.groupIds.push(group.id);
        this.groupEntries.push(new EntryList());
        this.groupRuns.ensureOwner(index);
        this.groupMembers.push(new Set());
      }
    } else {
      this.groupByName.delete(`${previous.organization}\u0000${previous.name}`);
    }
    this.groupByName.set(key, group.id);
    undo.push(() => {
      this.groupByName.delete(key);
      if (previous === undefined) {
        this.groups.delete(group.id);
      } else {
        this.groups.set(group.id, previous);
        this.groupByName.set(`${previous.organization}\u0000${previous.name}`, group.id);
      }
    });
  }

  #deleteGroup(id: string, cascade: boolean, undo: Undo[]): void {
    const group = this.groups.get(id);
    if (group === undefined) throw notFound('group', id);
    const index = this.groupIndex.get(id)!;
    const entries = [...this.groupEntries[index]!];
    if (entries.length > 0 && !cascade) throw referenced('group', group.name, 'mappings');
    for (const entry of entries) this.#removeMapping(entry.mapping.id, undo);
    for (const user of [...this.groupMembers[index]!]) this.#removeMember(id, user, undo);
    this.groups.delete(id);
    this.#effects?.push({ kind: 'group', key: id, record: null, previous: group });
    this.groupByName.delete(`${group.organization}\u0000${group.name}`);
    undo.push(() => {
      this.groups.set(id, group);
      this.groupByName.set(`${group.organization}\u0000${group.name}`, id);
    });
  }

  #addMember(change: Extract<Change, { op: 'member.add' }>, undo: Undo[]): void {
    const { group: groupId, user: userId } = change.membership;
    if (!this.groups.has(groupId)) throw notFound('group', groupId);
    const slot = this.users.get(userId);
    if (slot === undefined) throw notFound('user', userId);
    const index = this.groupIndex.get(groupId)!;
    const members = this.groupMembers[index]!;
    if (members.has(userId)) throw duplicate('membership', `${groupId}/${userId}`);
    members.add(userId);
    slot.groups.push(index);
    this.userTable.refresh(slot);
    this.#effects?.push({
      kind: 'membership',
      key: membershipKey(groupId, userId),
      record: { group: groupId, user: userId },
      previous: null,
    });
    undo.push(change);
  }

  /** Takes back a step that only created something (see `Undo`). */
  #revertCreation(change: Change): void {
    if (change.op === 'member.add') {
      const { group, user } = change.membership;
      const index = this.groupIndex.get(group)!;
      const slot = this.users.get(user)!;
      this.groupMembers[index]!.delete(user);
      removeValue(slot.groups, index);
      this.userTable.refresh(slot);
    } else if (change.op === 'mapping.add') {
      const record = this.mappings.get(change.mapping.id)!;
      this.#unindexMapping(record);
      this.mappings.delete(record.id);
    } else if (change.op === 'user.put') {
      const slot = this.users.get(change.user.id)!;
      this.users.delete(change.user.id);
      this.userTable.retire(slot);
      this.userByName.delete(qualifiedUserName(slot.record));
    } else {
      throw new Error(`no creation to revert for ${change.op}`);
    }
  }

  #removeMember(groupId: string, userId: string, undo: Undo[]): void {
    const index = this.groupIndex.get(groupId);
    const slot = this.users.get(userId);
    if (index === undefined || !this.groups.has(groupId)) throw notFound('group', groupId);
    if (slot === undefined) throw notFound('user', userId);
    const members = this.groupMembers[index]!;
    if (!members.delete(userId)) throw notFound('membership', `${groupId}/${userId}`);
    removeValue(slot.groups, index);
    this.userTable.refresh(slot);
    this.#effects?.push({
      kind: 'membership',
      key: membershipKey(groupId, userId),
      record: null,
      previous: { group: groupId, user: userId },
    });
    undo.push(() => {
      members.add(userId);
      slot.groups.push(index);
      this.userTable.refresh(slot);
    });
  }

  // ── permissions ──

  #putPermission(permission: Permission, undo: Undo[]): void {
    const key = permission.key;
    if (!/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*$/.test(key)) {
      throw invalid(`permission key "${key}" must be segments of letters, digits, ".", "_" or "-" joined by ":"`);
    }
    const parent = permissionParent(key);
    if (parent !== null && !this.permissions.has(parent)) throw notFound('permission', parent);
    if (permission.levels.length === 0) throw invalid(`permission "${key}" must be grantable at one level at least`);
    for (const level of permission.levels)
      if (!LEVELS.includes(level)) throw invalid(`unknown level "${String(level)}"`);
    const previous = this.permissions.get(key);
    const record: Permission = { ...permission, levels: [...permission.levels] };
    this.permissions.set(key, record);
    this.#effects?.push({ kind: 'permission', key, record, previous: previous ?? null });
    const known = this.bits.permissionIndex.get(key);
    const index = known ?? this.bits.addPermission(key, parent);
    this.bits.setFlags(index, permission.levels, permission.visibilityGated);
    undo.push(() => {
      if (previous === undefined) {
        this.permissions.delete(key);
        this.bits.removeLastPermission(key, parent);
      } else {
        this.permissions.set(key, previous);
        this.bits.setFlags(index, previous.levels, previous.visibilityGated);
      }
    });
  }

  #deletePermission(key: string, undo: Undo[]): void {
    const permission = this.permissions.get(key);
    if (permission === undefined) throw notFound('permission', key);
    if ((this.bits.permissionChildren.get(key)?.size ?? 0) > 0)
      throw referenced('permission', key, 'child permissions');
    for (const role of this.roles.values()) {
      if (role.permissions.includes(key)) throw referenced('permission', key, `role "${role.name}"`);
    }
    const index = this.bits.permissionIndex.get(key)!;
    const parent = permissionParent(key);
    this.permissions.delete(key);
    this.bits.forgetPermission(key, parent);
    this.#effects?.push({ kind: 'permission', key, record: null, previous: permission });
    undo.push(() => {
      this.permissions.set(key, permission);
      this.bits.rememberPermission(key, index, parent);
    });
  }

  // ── roles ──

  #roleNameKeys(role: Role): string[] {
    return [role.name, ...role.aliases].map((name) => `${role.organization ?? ''}\u0000${name}`);
  }

  /** A role's name and aliases must not clash with a role usable in the same place. */
  #checkRoleNames(role: Role): void {
    const names = [role.name, ...role.aliases];
    if (new Set(names).size !== names.length) throw invalid(`role "${role.name}" repeats a name among its aliases`);
    for (const name of names) {
      requireName(name, 'role name');
      for (const other of this.roles.values()) {
        if (other.id === role.id) continue;
        const overlap =
          role.organization === null || other.organization === null || other.organization === role.organization;
        if (overlap && (other.name === name || other.aliases.includes(name))) throw duplicate('role', name);
      }
    }
  }

  #putRole(role: Role, undo: Undo[]): void {
    const previous = this.roles.get(role.id);
    if (previous !== undefined && previous.organization !== role.organization) {
      throw invalid(`role "${previous.name}" cannot move to another organization`);
    }
    if (role.organization !== null && !this.organizations.has(role.organization))
      throw notFound('organization', role.organization);
    if (role.store !== null && !this.userStores.has(role.store)) throw notFound('user store', role.store);
    if (role.owner !== null && !this.users.has(role.owner)) throw notFound('user', role.owner);
    this.#checkRoleNames(role);
    for (const key of role.permissions) {
      if (key !== ALL_PERMISSIONS && !this.permissions.has(key)) {
        throw new TesseraError('NOT_FOUND', `unknown permission "${key}"`, { entity: 'permission', id: key });
      }
    }
    for (const included of role.includes) {
      const other = this.roles.get(included);
      if (other === undefined) throw notFound('role', included);
      if (other.organization !== null && other.organization !== role.organization) {
        throw new TesseraError('ROLE_NOT_USABLE_HERE', `role "${other.name}" is defined in another organization`);
      }
      if (included === role.id || this.#reaches(included, role.id)) {
        throw new TesseraError('ROLE_CYCLE', `role "${role.name}" would include itself through "${other.name}"`);
      }
    }
    const record: Role = {
      ...role,
      permissions: [...role.permissions],
      includes: [...role.includes],
      aliases: [...role.aliases],
    };
    this.#setRole(record, previous);
    this.#effects?.push({ kind: 'role', key: record.id, record, previous: previous ?? null });
    undo.push(() => (previous === undefined ? this.#unsetRole(record) : this.#setRole(previous, record)));
  }

  #reaches(from: string, to: string): boolean {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current === to) return true;
      if (seen.has(current)) continue;
      seen.add(current);
      stack.push(...(this.roles.get(current)?.includes ?? []));
    }
    return false;
  }

  #setRole(record: Role, previous: Role | undefined): void {
    if (previous !== undefined) {
      for (const key of this.#roleNameKeys(previous)) this.roleByName.delete(key);
      for (const included of previous.includes) this.includedBy.get(included)?.delete(previous.id);
    }
    this.roles.set(record.id, record);
    for (const key of this.#roleNameKeys(record)) this.roleByName.set(key, record.id);
    for (const included of record.includes) {
      let set = this.includedBy.get(included);
      if (set === undefined) this.includedBy.set(included, (set = new Set()));
      set.add(record.id);
    }
    this.bits.recomputeFrom(record.id);
  }

  #unsetRole(record: Role): void {
    for (const key of this.#roleNameKeys(record)) this.roleByName.delete(key);
    for (const included of record.includes) this.includedBy.get(included)?.delete(record.id);
    this.roles.delete(record.id);
    this.bits.clearRole(record.id);
  }

  #deleteRole(id: string, cascade: boolean, undo: Undo[]): void {
    const role = this.roles.get(id);
    if (role === undefined) throw notFound('role', id);
    if (this.settings.adminRole === id) throw referenced('role', role.name, 'the installation settings (admin role)');
    if (settingsRoles(this.settings).includes(id)) throw referenced('role', role.name, 'the organization defaults');
    for (const organization of this.organizations.values()) {
      if (organization.adminRole === id)
        throw referenced('role', role.name, `organization "${organization.name}" (admin role)`);
    }
    const mappings = [...(this.roleMappings.get(id) ?? [])];
    const includers = [...(this.includedBy.get(id) ?? [])];
    const scopes = [...this.scopes.values()].filter((s) => s.roles.includes(id));
    if (mappings.length + includers.length + scopes.length > 0 && !cascade) {
      throw referenced('role', role.name, 'mappings, roles that include it, or scopes');
    }
    for (const mapping of mappings) this.#removeMapping(mapping, undo);
    for (const includer of includers) {
      const other = this.roles.get(includer)!;
      this.#putRole({ ...other, includes: other.includes.filter((r) => r !== id) }, undo);
    }
    for (const scope of scopes) this.#putScope({ ...scope, roles: scope.roles.filter((r) => r !== id) }, undo);
    this.#unsetRole(role);
    this.#effects?.push({ kind: 'role', key: id, record: null, previous: role });
    undo.push(() => this.#setRole(role, undefined));
  }

  // ── scopes ──

  #putScope(scope: Scope, undo: Undo[]): void {
    requireName(scope.name, 'scope name');
    for (const role of scope.roles) if (!this.roles.has(role)) throw notFound('role', role);
    const previous = this.scopes.get(scope.name);
    const record: Scope = { ...scope, roles: [...new Set(scope.roles)] };
    this.scopes.set(scope.name, record);
    this.#effects?.push({ kind: 'scope', key: record.name, record, previous: previous ?? null });
    undo.push(() => (previous === undefined ? this.scopes.delete(scope.name) : this.scopes.set(scope.name, previous)));
  }

  #deleteScope(name: string, undo: Undo[]): void {
    const scope = this.scopes.get(name);
    if (scope === undefined) throw notFound('scope', name);
    this.scopes.delete(name);
    this.#effects?.push({ kind: 'scope', key: name, record: null, previous: scope });
    undo.push(() => this.scopes.set(name, scope));
  }

  // ── mappings ──

  #addMapping(mapping: RoleMapping, undo: Undo[]): void {
    if (this.mappings.has(mapping.id)) throw duplicate('mapping', mapping.id);
    const role = this.roles.get(mapping.role);
    if (role === undefined) throw notFound('role', mapping.role);
    const node = this.node(mapping.target.level, mapping.target.id);
    if (node < 0) throw notFound(mapping.target.level, mapping.target.id);
    const organization = this.targets.organizationOf(node);
    if (role.organization !== null && role.organization !== organization) {
      throw new TesseraError('ROLE_NOT_USABLE_HERE', `role "${role.name}" is defined in another organization`, {
        role: role.id,
        organization,
      });
    }
    this.#checkSubject(mapping.subject, node);
    if (this.#mappingKeys.has(mappingKey(mapping))) {
      throw duplicate('mapping', `${role.name} for this subject at this ${mapping.target.level}`);
    }
    const record = mapping;
    this.mappings.set(record.id, record);
    this.#indexMapping(record);
    this.#effects?.push({ kind: 'mapping', key: record.id, record, previous: null });
    undo.push({ op: 'mapping.add', mapping: record });
  }

  #checkSubject(subject: Subject, node: number): void {
    if (subject.kind === 'user') {
      if (!this.users.has(subject.id)) throw notFound('user', subject.id);
    } else if (subject.kind === 'group') {
      const group = this.groups.get(subject.id);
      if (group === undefined) throw notFound('group', subject.id);
      const groupNode = this.node('organization', group.organization);
      if (!this.targets.chain[node]!.includes(groupNode)) {
        throw invalid(`group "${group.name}" belongs to another organization`, { group: group.id });
      }
    } else if (subject.kind !== 'everyone' && subject.kind !== 'anonymous') {
      throw invalid(`unknown subject kind "${String((subject as { kind?: unknown }).kind)}"`);
    }
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

  /** Mirrors a subject's entries into the decision path's arrays after they changed. */
  #refreshSubject(subject: Subject): void {
    if (subject.kind === 'user') {
      const slot = this.users.get(subject.id);
      if (slot !== undefined) this.userTable.refresh(slot);
    } else if (subject.kind === 'group') {
      const index = this.groupIndex.get(subject.id)!;
      const list = this.groupEntries[index]!;
      this.groupRuns.set(index, list.packed, list.length * ENTRY_STRIDE);
    }
  }

  #indexMapping(mapping: RoleMapping): void {
    const node = this.node(mapping.target.level, mapping.target.id);
    const entry: Entry = {
      node,
      depth: this.targets.chain[node]!.length - 1,
      level: LEVEL_INDEX[mapping.target.level],
      role: this.bits.roleIndex.get(mapping.role)!,
      mapping,
    };
    this.entriesOf(mapping.subject).push(entry);
    this.#refreshSubject(mapping.subject);
    this.targets.mappings[node]!.add(mapping.id);
    this.#mappingKeys.add(mappingKey(mapping));
    let byRole = this.roleMappings.get(mapping.role);
    if (byRole === undefined) this.roleMappings.set(mapping.role, (byRole = new Set()));
    byRole.add(mapping.id);
  }

  #unindexMapping(mapping: RoleMapping): void {
    this.entriesOf(mapping.subject).remove(mapping.id);
    this.#refreshSubject(mapping.subject);
    const node = this.node(mapping.target.level, mapping.target.id);
    if (node >= 0) this.targets.mappings[node]!.delete(mapping.id);
    this.#mappingKeys.delete(mappingKey(mapping));
    this.roleMappings.get(mapping.role)?.delete(mapping.id);
  }

  #removeMapping(id: string, undo: Undo[]): void {
    const mapping = this.mappings.get(id);
    if (mapping === undefined) throw notFound('mapping', id);
    this.#unindexMapping(mapping);
    this.mappings.delete(id);
    this.#effects?.push({ kind: 'mapping', key: id, record: null, previous: mapping });
    undo.push(() => {
      this.mappings.set(id, mapping);
      this.#indexMapping(mapping);
    });
  }
}

function settingsRoles(settings: Settings): string[] {
  const defaults = settings.organizationDefaults;
  return [...defaults.groups.flatMap((g) => g.roles), ...defaults.mappings.map((m) => m.role)];
}

function requireName(name: string, what: string): void {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 256) {
    throw invalid(`${what} must be a non-empty string of at most 256 characters`);
  }
}

function removeValue(values: number[], value: number): void {
  const at = values.indexOf(value);
  if (at >= 0) values.splice(at, 1);
}

export function sameSubject(a: Subject, b: Subject): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'user' || a.kind === 'group') return a.id === (b as { id: string }).id;
  return true;
}
