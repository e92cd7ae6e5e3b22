import type { Static } from '@sinclair/typebox';
import type { AccessEngine } from '../core/engine.js';
import type { Change } from '../core/changes.js';
import {
  ALL_PERMISSIONS,
  type DefaultGroup,
  type DefaultMapping,
  type Group,
  type Level,
  type Organization,
  type Permission,
  type Project,
  type Resource,
  type ResourceTypeRules,
  type Role,
  type RoleMapping,
  type SodConstraint,
  type Scope,
  type Settings,
  type Subject,
  type User,
  type UserStore,
  LEVELS,
  PRIMARY_STORE,
  mappingKey,
  permissionParent,
  splitQualifiedName,
} from '../core/model.js';
import { type OrganizationTree, nearestRole, roleNotAvailable } from '../core/role-availability.js';
import type { IdGenerator } from '../core/rules.js';
import { planPrune } from './prune.js';
import { type OrganizationDefaults, type ResourceTypeEntry, TesseraDocument } from './schema.js';
import type { DocumentError } from './validate.js';
import { schemaErrors } from './validate.js';

/** Finds a preset document by name (reading files is the caller's business). */
export type PresetResolver = (name: string) => unknown;

export interface PlanReport {
  readonly created: string[];
  readonly changed: string[];
  readonly unchanged: string[];
  /** With `prune`: what the document does not name in the organizations it declares, deleted. */
  readonly deleted?: string[];
}

/** What a document names (its presets and organization defaults included): prune keeps these. */
export interface NamedRecords {
  /** The organizations the document declares: prune's scope. */
  readonly organizations: Set<string>;
  readonly projects: Set<string>;
  readonly resources: Set<string>;
  readonly groups: Set<string>;
  readonly roles: Set<string>;
  /** `mappingKey`s. */
  readonly mappings: Set<string>;
  /** `group\0user`. */
  readonly members: Set<string>;
  /** Groups whose entry lists `members`: only their memberships are pruned. */
  readonly groupsWithMembers: Set<string>;
}

export type Plan =
  | { readonly ok: true; readonly changes: Change[]; readonly report: PlanReport; readonly named: NamedRecords }
  | { readonly ok: false; readonly errors: DocumentError[] };

export interface PlanOptions {
  readonly presets?: PresetResolver;
  readonly newId?: IdGenerator;
  /** Also delete what the document does not name in the organizations it declares (src/document/prune.ts). */
  readonly prune?: boolean;
}

type Defaults = Static<typeof OrganizationDefaults>;

/**
 * Turns a document (docs/documents.md) into the changes that make the engine's state hold it: create what is
 * missing, update what differs, leave the rest alone. Nothing is applied here; every problem is
 * reported with its path, and then no change is returned.
 */
export function planDocument(engine: AccessEngine, input: unknown, options: PlanOptions = {}): Plan {
  const planner = new Planner(engine, options);
  planner.plan(input, '', []);
  const plan = planner.result();
  if (!plan.ok || options.prune !== true) return plan;
  const pruned = planPrune(engine, plan.named);
  return {
    ...plan,
    changes: [...plan.changes, ...pruned.changes],
    report: { ...plan.report, deleted: pruned.deleted },
  };
}

class Planner {
  readonly #engine: AccessEngine;
  readonly #presets: PresetResolver | undefined;
  readonly #newId: IdGenerator;
  readonly #changes: Change[] = [];
  readonly #errors: DocumentError[] = [];
  readonly #report: PlanReport = { created: [], changed: [], unchanged: [] };
  readonly #named: NamedRecords = {
    organizations: new Set(),
    projects: new Set(),
    resources: new Set(),
    groups: new Set(),
    roles: new Set(),
    mappings: new Set(),
    members: new Set(),
    groupsWithMembers: new Set(),
  };
  /** Put records by label: the state before the plan and the last planned change. */
  readonly #records = new Map<string, { original: unknown; change: Change; indexes: number[] }>();

  // What the state will hold once the planned changes apply: the engine's records, overlaid.
  readonly #stores = new Map<string, UserStore>();
  readonly #permissions = new Map<string, Permission>();
  readonly #organizations = new Map<string, Organization>();
  readonly #organizationByName = new Map<string, string>();
  readonly #projects = new Map<string, Project>();
  readonly #resources = new Map<string, Resource>();
  readonly #roles = new Map<string, Role>();
  readonly #scopes = new Map<string, Scope>();
  readonly #users = new Map<string, User>();
  readonly #groups = new Map<string, Group>();
  /** Indexes of the above by natural key, so resolving a name costs the same for 10 or 200,000 records. */
  readonly #userByName = new Map<string, User>();
  readonly #groupByName = new Map<string, Group>();
  readonly #members = new Set<string>();
  readonly #mappingKeys = new Set<string>();
  /** Existing mappings by `mappingKey`, so a document can change a mapping's time limits. */
  readonly #mappingByKey = new Map<string, RoleMapping>();
  readonly #constraints = new Map<string, SodConstraint>();
  /** The installation settings as planned: the admin role and what every organization starts with. */
  #adminRole: string | null;
  #signInPermission: string | null;
  #requireTwoFactor: boolean;
  #defaults: { groups: DefaultGroup[]; mappings: DefaultMapping[]; signUpRole?: string };
  #resourceTypes: Record<string, ResourceTypeRules>;

  constructor(engine: AccessEngine, options: PlanOptions) {
    this.#engine = engine;
    this.#presets = options.presets;
    this.#newId = options.newId ?? (() => globalThis.crypto.randomUUID());
    for (const store of engine.userStores()) this.#stores.set(store.name, store);
    for (const permission of engine.permissions()) this.#permissions.set(permission.key, permission);
    for (const organization of engine.organizations()) {
      this.#organizations.set(organization.id, organization);
      this.#organizationByName.set(organization.name, organization.id);
    }
    for (const project of engine.projects()) this.#projects.set(project.id, project);
    for (const resource of engine.resources()) this.#resources.set(resource.id, resource);
    for (const role of engine.roles()) this.#roles.set(role.id, role);
    for (const scope of engine.scopes()) this.#scopes.set(scope.name, scope);
    for (const user of engine.users()) this.#setUser(user);
    for (const group of engine.groups()) {
      this.#setGroup(group);
      for (const member of engine.members(group.id)) this.#members.add(`${group.id}\u0000${member}`);
    }
    for (const mapping of engine.mappings()) {
      this.#mappingKeys.add(mappingKey(mapping));
      this.#mappingByKey.set(mappingKey(mapping), mapping);
    }
    for (const constraint of engine.constraints())
      this.#constraints.set(`${constraint.organization ?? ''}\u0000${constraint.name}`, constraint);
    this.#adminRole = engine.settings.adminRole;
    this.#signInPermission = engine.settings.signInPermission ?? null;
    this.#requireTwoFactor = engine.settings.requireTwoFactor === true;
    const defaults = engine.settings.organizationDefaults;
    this.#defaults = {
      groups: [...defaults.groups],
      mappings: [...defaults.mappings],
      ...(defaults.signUpRole === undefined ? {} : { signUpRole: defaults.signUpRole }),
    };
    this.#resourceTypes = { ...(engine.settings.resourceTypes ?? {}) };
  }

  result(): Plan {
    if (this.#errors.length > 0) return { ok: false, errors: this.#errors };
    const settings: Settings = {
      adminRole: this.#adminRole,
      organizationDefaults: this.#defaults,
      ...(this.#signInPermission === null ? {} : { signInPermission: this.#signInPermission }),
      ...(this.#requireTwoFactor ? { requireTwoFactor: true } : {}),
      ...(Object.keys(this.#resourceTypes).length === 0 ? {} : { resourceTypes: this.#resourceTypes }),
    };
    this.#put(this.#engine.settings, 'settings', { op: 'settings.set', settings });
    const unchanged = new Set<number>();
    for (const [label, { original, change, indexes }] of this.#records) {
      if (original === undefined) this.#report.created.push(label);
      else if (!sameRecord(original, recordOf(change))) this.#report.changed.push(label);
      else {
        this.#report.unchanged.push(label);
        for (const index of indexes) unchanged.add(index);
      }
    }
    return {
      ok: true,
      changes: this.#changes.filter((_, i) => !unchanged.has(i)),
      report: this.#report,
      named: this.#named,
    };
  }

  #error(path: string, message: string): void {
    this.#errors.push({ path, message });
  }

  /** Plans one document; a preset it names is planned first, under `preset(<name>)` in paths. */
  plan(input: unknown, prefix: string, presetChain: string[]): void {
    const structural = schemaErrors(TesseraDocument, input);
    if (structural.length > 0) {
      for (const error of structural) this.#error(join(prefix, error.path), error.message);
      return;
    }
    const document = input as TesseraDocument;
    if (document.preset !== undefined) {
      const name = document.preset;
      if (presetChain.includes(name)) {
        this.#error(join(prefix, 'preset'), `preset "${name}" includes itself (${[...presetChain, name].join(' → ')})`);
      } else {
        const preset = this.#presets?.(name);
        if (preset === undefined) this.#error(join(prefix, 'preset'), `unknown preset "${name}"`);
        else this.plan(preset, `preset(${name})`, [...presetChain, name]);
      }
    }
    const at = (path: string): string => join(prefix, path);
    document.userStores?.forEach((entry, i) => this.#userStore(entry, at(`userStores[${i}]`)));
    document.permissions?.forEach((entry, i) => this.#permission(entry, at(`permissions[${i}]`)));
    this.#organizationEntries(document.organizations ?? [], at);
    this.#roleEntries(document.roles ?? [], at);
    document.organizations?.forEach((entry, i) =>
      this.#organizationAdminRole(entry, at(`organizations[${i}].adminRole`)),
    );
    document.scopes?.forEach((entry, i) => this.#scope(entry, at(`scopes[${i}]`)));
    document.users?.forEach((entry, i) => this.#user(entry, at(`users[${i}]`)));
    if (document.organizationDefaults !== undefined)
      this.#collectDefaults(document.organizationDefaults, at('organizationDefaults'));
    // Organization defaults land in the organizations this document declares.
    for (const [i, entry] of (document.organizations ?? []).entries()) {
      const id = this.#organizationByName.get(entry.name);
      if (id !== undefined) this.#applyDefaults(id, at(`organizations[${i}]`));
    }
    document.groups?.forEach((entry, i) => this.#group(entry, at(`groups[${i}]`)));
    document.mappings?.forEach((entry, i) => this.#mapping(entry, at(`mappings[${i}]`)));
    document.constraints?.forEach((entry, i) => this.#constraint(entry, at(`constraints[${i}]`)));
    if (document.settings?.adminRole !== undefined) {
      const name = document.settings.adminRole;
      const role = name === null ? null : this.#findRole(name, null);
      if (role === undefined) this.#error(at('settings.adminRole'), `unknown role "${name}"`);
      else this.#adminRole = role?.id ?? null;
    }
    const signIn = document.settings?.signInPermission;
    if (signIn !== undefined) {
      if (signIn !== null && !this.#permissions.has(signIn))
        this.#error(at('settings.signInPermission'), `unknown permission "${signIn}"`);
      else this.#signInPermission = signIn;
    }
    if (document.settings?.requireTwoFactor !== undefined) this.#requireTwoFactor = document.settings.requireTwoFactor;
    for (const [type, entry] of Object.entries(document.settings?.resourceTypes ?? {}))
      this.#resourceType(type, entry, at(`settings.resourceTypes.${type}`));
  }

  /** A resource type's rules: each permission must be declared, the administrator role a root role. */
  #resourceType(type: string, entry: Static<typeof ResourceTypeEntry>, path: string): void {
    const key = (field: 'create' | 'edit' | 'delete' | 'manageAdministrators'): string | null => {
      const value = entry[field] ?? null;
      if (value !== null && !this.#permissions.has(value))
        this.#error(`${path}.${field}`, `unknown permission "${value}"`);
      return value;
    };
    let administratorRole: string | null = null;
    if (entry.administratorRole !== undefined && entry.administratorRole !== null) {
      const role = this.#findRole(entry.administratorRole, null);
      if (role === undefined)
        this.#error(`${path}.administratorRole`, this.#unknownRole(entry.administratorRole, null));
      administratorRole = role?.id ?? null;
    }
    this.#resourceTypes[type] = {
      create: key('create'),
      edit: key('edit'),
      delete: key('delete'),
      administratorRole,
      manageAdministrators: key('manageAdministrators'),
    };
  }

  #push(change: Change, label: string, kind: 'created' | 'changed' | 'unchanged'): void {
    this.#changes.push(change);
    this.#report[kind].push(label);
  }

  /**
   * Puts a record: created when new, changed when it differs, left alone otherwise. A record put
   * twice (a preset's, then the document's own) is judged by its last version against the state
   * before the plan; every put stays in order, so what came between sees the entity exist.
   */
  #put(previous: unknown, label: string, change: Change): void {
    if (change.op === 'organization.put') this.#named.organizations.add(change.organization.id);
    else if (change.op === 'project.put') this.#named.projects.add(change.project.id);
    else if (change.op === 'resource.put') this.#named.resources.add(change.resource.id);
    else if (change.op === 'group.put') this.#named.groups.add(change.group.id);
    else if (change.op === 'role.put') this.#named.roles.add(change.role.id);
    const seen = this.#records.get(label);
    if (seen === undefined) this.#records.set(label, { original: previous, change, indexes: [this.#changes.length] });
    else {
      seen.change = change;
      seen.indexes.push(this.#changes.length);
    }
    this.#changes.push(change);
  }

  #userStore(entry: NonNullable<TesseraDocument['userStores']>[number], path: string): void {
    if (entry.name.includes('/')) return this.#error(`${path}.name`, 'a user store name cannot contain "/"');
    if (entry.name === PRIMARY_STORE && entry.readOnly === true)
      return this.#error(`${path}.readOnly`, 'PRIMARY is always read-write');
    const record: UserStore = {
      name: entry.name,
      readOnly: entry.readOnly ?? false,
      description: entry.description ?? null,
    };
    const previous = this.#stores.get(entry.name);
    this.#stores.set(entry.name, record);
    this.#put(previous, `user store "${entry.name}"`, { op: 'userStore.put', userStore: record });
  }

  #permission(entry: NonNullable<TesseraDocument['permissions']>[number], path: string): void {
    const parent = permissionParent(entry.key);
    if (parent !== null && !this.#permissions.has(parent)) {
      return this.#error(`${path}.key`, `permission "${entry.key}" needs its parent "${parent}" declared first`);
    }
    const record: Permission = {
      key: entry.key,
      description: entry.description ?? null,
      levels: entry.levels ?? [...LEVELS],
      visibilityGated: entry.visibilityGated ?? false,
      ...(entry.anonymousGated === true ? { anonymousGated: true } : {}),
    };
    const previous = this.#permissions.get(entry.key);
    this.#permissions.set(entry.key, record);
    this.#put(previous, `permission "${entry.key}"`, { op: 'permission.put', permission: record });
  }

  #organizationEntries(entries: NonNullable<TesseraDocument['organizations']>, at: (path: string) => string): void {
    // Parents first, whatever order the document lists them in.
    const pending = entries.map((entry, i) => ({ entry, i }));
    let progress = true;
    while (pending.length > 0 && progress) {
      progress = false;
      for (let k = 0; k < pending.length; k++) {
        const { entry, i } = pending[k]!;
        const parent = entry.parent ?? null;
        if (parent !== null && !this.#organizationByName.has(parent)) continue;
        pending.splice(k--, 1);
        progress = true;
        this.#organization(entry, at(`organizations[${i}]`));
      }
    }
    for (const { entry, i } of pending) {
      this.#error(at(`organizations[${i}].parent`), `unknown parent organization "${String(entry.parent)}"`);
    }
  }

  #organization(entry: NonNullable<TesseraDocument['organizations']>[number], path: string): void {
    const id = this.#organizationByName.get(entry.name);
    const previous = id === undefined ? undefined : this.#organizations.get(id);
    // The admin role may be declared later in the document: resolved after the roles.
    const adminRole = previous?.adminRole ?? null;
    const record: Organization = {
      id: id ?? this.#newId(),
      name: entry.name,
      parent: entry.parent === undefined || entry.parent === null ? null : this.#organizationByName.get(entry.parent)!,
      requireTwoFactor: entry.requireTwoFactor ?? previous?.requireTwoFactor ?? false,
      adminRole,
    };
    this.#organizations.set(record.id, record);
    this.#organizationByName.set(record.name, record.id);
    this.#put(previous, `organization "${entry.name}"`, { op: 'organization.put', organization: record });
    entry.resources?.forEach((resource, i) => this.#resource(resource, record, null, `${path}.resources[${i}]`));
    entry.projects?.forEach((project, i) => {
      const projectPath = `${path}.projects[${i}]`;
      const existing = [...this.#projects.values()].find(
        (p) => p.organization === record.id && p.name === project.name,
      );
      const projectRecord: Project = { id: existing?.id ?? this.#newId(), name: project.name, organization: record.id };
      this.#projects.set(projectRecord.id, projectRecord);
      this.#put(existing, `project "${entry.name}/${project.name}"`, { op: 'project.put', project: projectRecord });
      project.resources?.forEach((resource, j) =>
        this.#resource(resource, record, projectRecord, `${projectPath}.resources[${j}]`),
      );
    });
  }

  #organizationAdminRole(entry: NonNullable<TesseraDocument['organizations']>[number], path: string): void {
    const id = this.#organizationByName.get(entry.name);
    if (entry.adminRole === undefined || id === undefined) return;
    const current = this.#organizations.get(id)!;
    const role = entry.adminRole === null ? null : this.#findRole(entry.adminRole, id);
    if (role === undefined) return this.#error(path, `unknown role "${entry.adminRole}"`);
    if ((role?.id ?? null) === current.adminRole) return;
    const record: Organization = { ...current, adminRole: role?.id ?? null };
    this.#organizations.set(id, record);
    this.#push({ op: 'organization.put', organization: record }, `organization "${entry.name}" admin role`, 'changed');
  }

  #resource(
    entry: { type: string; name: string; private?: boolean; anonymousAccess?: boolean },
    organization: Organization,
    project: Project | null,
    path: string,
  ): void {
    if (entry.type === 'organization' || entry.type === 'project') {
      return this.#error(`${path}.type`, `"${entry.type}" is a level, not a resource type`);
    }
    const existing = [...this.#resources.values()].find(
      (r) =>
        r.organization === organization.id &&
        r.project === (project?.id ?? null) &&
        r.type === entry.type &&
        r.name === entry.name,
    );
    const record: Resource = {
      id: existing?.id ?? this.#newId(),
      type: entry.type,
      name: entry.name,
      organization: organization.id,
      project: project?.id ?? null,
      private: entry.private ?? false,
      ...(entry.anonymousAccess === true ? { anonymousAccess: true } : {}),
    };
    this.#resources.set(record.id, record);
    const label = `resource "${[organization.name, project?.name, entry.type, entry.name].filter((x) => x !== undefined).join('/')}"`;
    this.#put(existing, label, { op: 'resource.put', resource: record });
  }

  #roleEntries(entries: NonNullable<TesseraDocument['roles']>, at: (path: string) => string): void {
    // Included roles first; a role including one that never resolves is reported once, at its include.
    const pending = entries.map((entry, i) => ({ entry, i }));
    const declared = new Set(entries.map((e) => `${e.organization ?? ''}\u0000${e.name}`));
    let progress = true;
    while (pending.length > 0 && progress) {
      progress = false;
      for (let k = 0; k < pending.length; k++) {
        const { entry, i } = pending[k]!;
        const organization = entry.organization ?? null;
        const waiting = (entry.includes ?? []).some((name) => {
          const resolved = this.#findRole(
            name,
            organization === null ? null : (this.#organizationByName.get(organization) ?? null),
          );
          return (
            resolved === undefined &&
            (declared.has(`${organization ?? ''}\u0000${name}`) || declared.has(`\u0000${name}`))
          );
        });
        if (waiting) continue;
        pending.splice(k--, 1);
        progress = true;
        this.#role(entry, at(`roles[${i}]`));
      }
    }
    for (const { entry, i } of pending) {
      this.#error(
        at(`roles[${i}].includes`),
        `role "${entry.name}" includes itself through ${(entry.includes ?? []).join(', ')}`,
      );
    }
  }

  #role(entry: NonNullable<TesseraDocument['roles']>[number], path: string): void {
    let organization: string | null = null;
    if (entry.organization !== undefined && entry.organization !== null) {
      const id = this.#organizationByName.get(entry.organization);
      if (id === undefined) return this.#error(`${path}.organization`, `unknown organization "${entry.organization}"`);
      organization = id;
    }
    if (entry.store !== undefined && entry.store !== null && !this.#stores.has(entry.store)) {
      this.#error(`${path}.store`, `unknown user store "${entry.store}"`);
    }
    (entry.permissions ?? []).forEach((key, i) => {
      if (key !== ALL_PERMISSIONS && !this.#permissions.has(key))
        this.#error(`${path}.permissions[${i}]`, `unknown permission "${key}"`);
    });
    const includes: string[] = [];
    (entry.includes ?? []).forEach((name, i) => {
      const role = this.#findRole(name, organization);
      if (role === undefined) this.#error(`${path}.includes[${i}]`, this.#unknownRole(name, organization));
      else includes.push(role.id);
    });
    const existing = [...this.#roles.values()].find((r) => r.organization === organization && r.name === entry.name);
    const record: Role = {
      id: existing?.id ?? this.#newId(),
      name: entry.name,
      organization,
      description: entry.description ?? existing?.description ?? null,
      permissions: entry.permissions ?? [],
      includes,
      aliases: entry.aliases ?? [],
      predefined: entry.predefined ?? false,
      deprecated: entry.deprecated ?? false,
      assignable: entry.assignable ?? true,
      editable: entry.editable ?? true,
      exemptFromTwoFactor: entry.exemptFromTwoFactor ?? false,
      store: entry.store ?? null,
      owner: existing?.owner ?? null,
    };
    for (const name of [record.name, ...record.aliases]) {
      const clash = this.#findRole(name, organization);
      if (clash !== undefined && clash.id !== record.id)
        this.#error(`${path}.name`, `a role named "${name}" already exists`);
    }
    this.#roles.set(record.id, record);
    this.#put(existing, `role "${entry.name}"`, { op: 'role.put', role: record });
  }

  #scope(entry: NonNullable<TesseraDocument['scopes']>[number], path: string): void {
    const roles: string[] = [];
    entry.roles.forEach((name, i) => {
      const role = this.#findRole(name, null);
      if (role === undefined) this.#error(`${path}.roles[${i}]`, `unknown role "${name}"`);
      else roles.push(role.id);
    });
    const record: Scope = { name: entry.name, description: entry.description ?? null, roles };
    const previous = this.#scopes.get(entry.name);
    this.#scopes.set(entry.name, record);
    this.#put(previous, `scope "${entry.name}"`, { op: 'scope.put', scope: record });
  }

  #user(entry: NonNullable<TesseraDocument['users']>[number], path: string): void {
    const qualified = splitQualifiedName(entry.username);
    const store = entry.store ?? qualified.store;
    if (!this.#stores.has(store)) return this.#error(`${path}.store`, `unknown user store "${store}"`);
    const existing = this.#findUser(`${store}/${qualified.name}`);
    const record: User = {
      id: existing?.id ?? this.#newId(),
      username: qualified.name,
      store,
      email: entry.email === undefined ? (existing?.email ?? null) : entry.email,
      status: entry.status ?? existing?.status ?? 'active',
    };
    this.#setUser(record);
    this.#put(existing, `user "${store}/${qualified.name}"`, { op: 'user.put', user: record });
  }

  /** Merges a document's organization defaults into the installation's, resolving role names. */
  #collectDefaults(defaults: Defaults, path: string): void {
    const roleId = (name: string, at: string): string | undefined => {
      const role = this.#findRole(name, null);
      if (role === undefined) this.#error(at, `unknown role "${name}"`);
      return role?.id;
    };
    defaults.groups?.forEach((entry, i) => {
      const roles = (entry.roles ?? []).flatMap((name, j) => roleId(name, `${path}.groups[${i}].roles[${j}]`) ?? []);
      const at = this.#defaults.groups.findIndex((g) => g.name === entry.name);
      const previous = at < 0 ? undefined : this.#defaults.groups[at]!;
      const group: DefaultGroup = {
        name: entry.name,
        description: entry.description ?? previous?.description ?? null,
        roles: [...new Set([...(previous?.roles ?? []), ...roles])],
      };
      if (at < 0) this.#defaults.groups.push(group);
      else this.#defaults.groups[at] = group;
    });
    defaults.mappings?.forEach((entry, i) => {
      const subjects = [entry.group, entry.everyone, entry.anonymous].filter((x) => x !== undefined).length;
      if (subjects !== 1)
        return this.#error(`${path}.mappings[${i}]`, 'give exactly one of group, everyone, anonymous');
      const role = roleId(entry.role, `${path}.mappings[${i}].role`);
      if (role === undefined) return;
      const subject: DefaultMapping['subject'] =
        entry.group !== undefined
          ? { kind: 'group', name: entry.group }
          : entry.everyone === true
            ? { kind: 'everyone' }
            : { kind: 'anonymous' };
      const mapping: DefaultMapping = { role, subject };
      if (!this.#defaults.mappings.some((m) => sameRecord(m, mapping))) this.#defaults.mappings.push(mapping);
    });
    if (defaults.signUpRole !== undefined) {
      const role = roleId(defaults.signUpRole, `${path}.signUpRole`);
      if (role !== undefined) this.#defaults.signUpRole = role;
    }
  }

  #applyDefaults(organization: string, path: string): void {
    const at = { level: 'organization', id: organization } as const;
    for (const group of this.#defaults.groups) {
      const record = this.#ensureGroup(organization, group.name, group.description, PRIMARY_STORE, path);
      for (const role of group.roles)
        this.#ensureMappingOf(this.#roles.get(role)!, { kind: 'group', id: record.id }, at);
    }
    for (const mapping of this.#defaults.mappings) {
      let subject: Subject | undefined;
      if (mapping.subject.kind === 'group') {
        const group = this.#findGroup(organization, mapping.subject.name);
        if (group === undefined)
          this.#error(path, `organization default mapping names unknown group "${mapping.subject.name}"`);
        else subject = { kind: 'group', id: group.id };
      } else subject = mapping.subject;
      if (subject !== undefined) this.#ensureMappingOf(this.#roles.get(mapping.role)!, subject, at);
    }
  }

  #ensureGroup(organization: string, name: string, description: string | null, store: string, path: string): Group {
    const existing = this.#findGroup(organization, name);
    const record: Group = {
      id: existing?.id ?? this.#newId(),
      organization,
      name,
      store,
      description: description ?? existing?.description ?? null,
    };
    if (!this.#stores.has(store)) this.#error(path, `unknown user store "${store}"`);
    this.#setGroup(record);
    const label = `group "${this.#organizations.get(organization)?.name}/${name}"`;
    this.#put(existing, label, { op: 'group.put', group: record });
    return record;
  }

  #group(entry: NonNullable<TesseraDocument['groups']>[number], path: string): void {
    const organization = this.#organizationByName.get(entry.organization);
    if (organization === undefined)
      return this.#error(`${path}.organization`, `unknown organization "${entry.organization}"`);
    const record = this.#ensureGroup(
      organization,
      entry.name,
      entry.description ?? null,
      entry.store ?? PRIMARY_STORE,
      `${path}.store`,
    );
    if (entry.members !== undefined) this.#named.groupsWithMembers.add(record.id);
    entry.members?.forEach((member, i) => {
      const user = this.#findUser(member);
      if (user === undefined) return this.#error(`${path}.members[${i}]`, `unknown user "${member}"`);
      const key = `${record.id}\u0000${user.id}`;
      this.#named.members.add(key);
      const label = `member "${user.store}/${user.username}" of group "${entry.name}"`;
      if (this.#members.has(key)) return void this.#report.unchanged.push(label);
      this.#members.add(key);
      this.#push({ op: 'member.add', membership: { group: record.id, user: user.id } }, label, 'created');
    });
    entry.roles?.forEach((role, i) =>
      this.#ensureMapping(
        role,
        { kind: 'group', id: record.id },
        { level: 'organization', id: organization },
        `${path}.roles[${i}]`,
      ),
    );
  }

  #mapping(entry: NonNullable<TesseraDocument['mappings']>[number], path: string): void {
    const targets = LEVELS.filter((level) => entry[level] !== undefined);
    if (targets.length !== 1) return this.#error(path, 'give exactly one of organization, project, resource');
    const level = targets[0]!;
    const target = this.#resolveTarget(level, entry[level]!);
    if (target === undefined) return this.#error(`${path}.${level}`, `unknown ${level} "${entry[level]}"`);
    const subjects = (['group', 'user', 'everyone', 'anonymous'] as const).filter((key) => entry[key] !== undefined);
    if (subjects.length !== 1) return this.#error(path, 'give exactly one of group, user, everyone, anonymous');
    let subject: Subject;
    if (entry.user !== undefined) {
      const user = this.#findUser(entry.user);
      if (user === undefined) return this.#error(`${path}.user`, `unknown user "${entry.user}"`);
      subject = { kind: 'user', id: user.id };
    } else if (entry.group !== undefined) {
      const group = this.#findGroupAbove(target.organization, entry.group);
      if (group === undefined)
        return this.#error(`${path}.group`, `unknown group "${entry.group}" in organization of this ${level}`);
      subject = { kind: 'group', id: group.id };
    } else {
      subject = entry.everyone === true ? { kind: 'everyone' } : { kind: 'anonymous' };
    }
    const window = { notBefore: entry.notBefore ?? null, expiresAt: entry.expiresAt ?? null };
    for (const field of ['notBefore', 'expiresAt'] as const) {
      const value = window[field];
      if (value !== null && Number.isNaN(Date.parse(value)))
        return this.#error(`${path}.${field}`, `"${value}" is not an ISO 8601 date-time`);
    }
    if (window.notBefore !== null && window.expiresAt !== null && window.expiresAt <= window.notBefore)
      return this.#error(`${path}.expiresAt`, 'expiresAt must come after notBefore');
    this.#ensureMapping(entry.role, subject, { level, id: target.id }, `${path}.role`, window);
  }

  #ensureMapping(
    roleName: string,
    subject: Subject,
    target: { level: Level; id: string },
    path: string,
    window?: { notBefore: string | null; expiresAt: string | null },
  ): void {
    const organization = this.#organizationOf(target);
    const role = this.#findRole(roleName, organization);
    if (role === undefined) return this.#error(path, this.#unknownRole(roleName, organization));
    this.#ensureMappingOf(role, subject, target, window);
  }

  #ensureMappingOf(
    role: Role,
    subject: Subject,
    target: { level: Level; id: string },
    window?: { notBefore: string | null; expiresAt: string | null },
  ): void {
    const limits = {
      ...(window?.notBefore ? { notBefore: new Date(window.notBefore).toISOString() } : {}),
      ...(window?.expiresAt ? { expiresAt: new Date(window.expiresAt).toISOString() } : {}),
    };
    const mapping: RoleMapping = { id: this.#newId(), role: role.id, subject, target, ...limits };
    const key = mappingKey(mapping);
    this.#named.mappings.add(key);
    const label = `mapping "${role.name}" → ${describeSubject(subject, this.#groups, this.#users)} at ${target.level} ${this.#targetName(target)}`;
    const existing = this.#mappingByKey.get(key);
    if (
      window !== undefined &&
      existing !== undefined &&
      ((existing.notBefore ?? null) !== (limits.notBefore ?? null) ||
        (existing.expiresAt ?? null) !== (limits.expiresAt ?? null))
    ) {
      // Same role, subject and target, other time limits: the mapping is replaced (same id).
      const replaced: RoleMapping = { id: existing.id, role: role.id, subject, target, ...limits };
      this.#mappingByKey.set(key, replaced);
      this.#changes.push({ op: 'mapping.remove', id: existing.id });
      this.#push({ op: 'mapping.add', mapping: replaced }, label, 'changed');
      return;
    }
    if (this.#mappingKeys.has(key)) return void this.#report.unchanged.push(label);
    this.#mappingKeys.add(key);
    this.#push({ op: 'mapping.add', mapping }, label, 'created');
  }

  #constraint(entry: NonNullable<TesseraDocument['constraints']>[number], path: string): void {
    let organization: string | null = null;
    if (entry.organization !== undefined) {
      const id = this.#organizationByName.get(entry.organization);
      if (id === undefined) return this.#error(`${path}.organization`, `unknown organization "${entry.organization}"`);
      organization = id;
    }
    const roles: string[] = [];
    entry.roles.forEach((name, i) => {
      const role = this.#findRole(name, organization);
      if (role === undefined) this.#error(`${path}.roles[${i}]`, `unknown role "${name}"`);
      else roles.push(role.id);
    });
    if (roles.length !== 2) return;
    if (roles[0] === roles[1]) return this.#error(`${path}.roles`, 'a constraint names two different roles');
    const key = `${organization ?? ''}\u0000${entry.name}`;
    const previous = this.#constraints.get(key);
    const record: SodConstraint = {
      id: previous?.id ?? this.#newId(),
      name: entry.name,
      kind: entry.kind,
      roles: [roles[0]!, roles[1]!],
      organization,
      description: entry.description ?? null,
    };
    this.#constraints.set(key, record);
    const where = entry.organization === undefined ? '' : ` in ${entry.organization}`;
    this.#put(previous, `constraint "${entry.name}"${where}`, { op: 'constraint.put', constraint: record });
  }

  // ── resolution against the planned state ──

  #setUser(user: User): void {
    this.#users.set(user.id, user);
    this.#userByName.set(`${user.store}\u0000${user.username}`, user);
  }

  #setGroup(group: Group): void {
    this.#groups.set(group.id, group);
    this.#groupByName.set(`${group.organization}\u0000${group.name}`, group);
  }

  /** A role usable in the organization by name or alias: defined nearest (the organization, then each ancestor), else at the root. */
  #findRole(name: string, organization: string | null): Role | undefined {
    const named = [...this.#roles.values()].filter((role) => role.name === name || role.aliases.includes(name));
    return nearestRole(this.#tree(), named, organization);
  }

  #tree(): OrganizationTree {
    return {
      parentOf: (id) => this.#organizations.get(id)?.parent,
      nameOf: (id) => this.#organizations.get(id)?.name,
    };
  }

  /** Why a role name does not resolve in the organization: unknown, or defined in an organization it is not available in. */
  #unknownRole(name: string, organization: string | null): string {
    const elsewhere = [...this.#roles.values()].find((role) => role.name === name || role.aliases.includes(name));
    return elsewhere === undefined
      ? `unknown role "${name}"`
      : roleNotAvailable(this.#tree(), elsewhere, organization).message;
  }

  #findUser(reference: string): User | undefined {
    const { store, name } = splitQualifiedName(reference);
    return this.#userByName.get(`${store}\u0000${name}`);
  }

  #findGroup(organization: string, name: string): Group | undefined {
    return this.#groupByName.get(`${organization}\u0000${name}`);
  }

  /** A group of the target's organization or one of its ancestors; `org/Group` names one explicitly. */
  #findGroupAbove(organization: string, reference: string): Group | undefined {
    const slash = reference.indexOf('/');
    if (slash > 0) {
      const named = this.#organizationByName.get(reference.slice(0, slash));
      if (named !== undefined) return this.#findGroup(named, reference.slice(slash + 1));
    }
    for (
      let current: string | null = organization;
      current !== null;
      current = this.#organizations.get(current)?.parent ?? null
    ) {
      const group = this.#findGroup(current, reference);
      if (group !== undefined) return group;
    }
    return undefined;
  }

  #resolveTarget(level: Level, path: string): { id: string; organization: string } | undefined {
    const parts = path.split('/');
    const organization = this.#organizationByName.get(parts[0]!);
    if (organization === undefined) return undefined;
    if (level === 'organization') return parts.length === 1 ? { id: organization, organization } : undefined;
    if (level === 'project') {
      if (parts.length !== 2) return undefined;
      const project = [...this.#projects.values()].find((p) => p.organization === organization && p.name === parts[1]);
      return project === undefined ? undefined : { id: project.id, organization };
    }
    let project: string | null = null;
    let rest = parts.slice(1);
    if (rest.length === 3) {
      project =
        [...this.#projects.values()].find((p) => p.organization === organization && p.name === rest[0])?.id ?? '';
      rest = rest.slice(1);
    }
    if (rest.length !== 2) return undefined;
    const resource = [...this.#resources.values()].find(
      (r) => r.organization === organization && r.project === project && r.type === rest[0] && r.name === rest[1],
    );
    return resource === undefined ? undefined : { id: resource.id, organization };
  }

  #organizationOf(target: { level: Level; id: string }): string {
    if (target.level === 'organization') return target.id;
    if (target.level === 'project') return this.#projects.get(target.id)!.organization;
    return this.#resources.get(target.id)!.organization;
  }

  #targetName(target: { level: Level; id: string }): string {
    if (target.level === 'organization') return this.#organizations.get(target.id)?.name ?? target.id;
    if (target.level === 'project') {
      const project = this.#projects.get(target.id)!;
      return `${this.#organizations.get(project.organization)?.name}/${project.name}`;
    }
    const resource = this.#resources.get(target.id)!;
    return `${resource.type} ${resource.name}`;
  }
}

/** The record a put change carries. */
function recordOf(change: Change): unknown {
  const { op: _op, ...rest } = change;
  return Object.values(rest)[0];
}

function join(prefix: string, path: string): string {
  if (prefix === '') return path;
  return path === '' ? prefix : `${prefix}.${path}`;
}

function sameRecord(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with object keys sorted: records compare equal whatever order their fields were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function describeSubject(subject: Subject, groups: Map<string, Group>, users: Map<string, User>): string {
  if (subject.kind === 'group') return `group "${groups.get(subject.id)?.name}"`;
  if (subject.kind === 'user') {
    const user = users.get(subject.id);
    return `user "${user?.store}/${user?.username}"`;
  }
  return subject.kind;
}
