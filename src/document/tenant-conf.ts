import { randomUUID } from 'node:crypto';
import type { Change } from '../core/changes.js';
import type { AccessEngine } from '../core/engine.js';
import { type Role, type Scope, roleRecord } from '../core/model.js';
import type { DocumentError } from './validate.js';

/**
 * WSO2 API Manager's `tenant-conf.json`, the two sections Tessera keeps: `RESTAPIScopes.Scope[]`
 * (each scope and the roles allowed it, `Roles` one comma-separated string) and the top-level
 * `RoleMappings` (`{"<original role>": "<comma-separated new roles>"}`).
 *
 * A role mapping is modelled by the new role including the original one, so the new role holds
 * every scope and permission of the original, now and as they change; the original keeps its own
 * access (as WSO2's Admin Portal saves a mapping, with the original prepended to the value).
 *
 * The document is the whole scope-role table: importing it creates and updates the scopes it lists,
 * deletes the scopes it does not, and sets the included roles of every root role to what its
 * mappings say (a role no longer mapped loses what it included). Other sections of the file are
 * ignored.
 */
export interface TenantConfScope {
  readonly Name: string;
  readonly Roles: string;
  /** Not in WSO2's file (its loader ignores extra keys); kept so an export re-imports losslessly. */
  readonly Description?: string;
}

export interface TenantConf {
  readonly RESTAPIScopes: { readonly Scope: TenantConfScope[] };
  readonly RoleMappings?: Record<string, string>;
}

export interface TenantConfReport {
  readonly scopes: {
    readonly created: string[];
    readonly changed: string[];
    readonly unchanged: string[];
    readonly deleted: string[];
  };
  /** Role names: roles a mapping created, and roles whose included roles changed. */
  readonly roles: { readonly created: string[]; readonly changed: string[] };
  /** Things done differently from the letter of the file, with their paths. */
  readonly notes: DocumentError[];
}

export type TenantConfPlan =
  | {
      readonly ok: true;
      readonly changes: Change[];
      readonly report: TenantConfReport;
      readonly addedIncludes: ReadonlyMap<string, readonly string[]>;
      readonly createdRoles: readonly Role[];
    }
  | { readonly ok: false; readonly errors: DocumentError[] };

export interface TenantConfOptions {
  /** Ids for the roles a mapping creates (random UUIDs by default). */
  readonly newId?: () => string;
}

const MAX_SCOPES = 5000;
const MAX_NAME = 200;
const MAX_ROLES_TEXT = 20_000;
const MAX_DESCRIPTION = 2000;
const MAX_MAPPINGS = 1000;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u001f]/;

/** WSO2 tolerates whitespace around the commas. */
function splitRoles(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\s*,\s*/)
        .map((r) => r.trim())
        .filter((r) => r !== ''),
    ),
  ];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const keyPath = (base: string, key: string) => `${base}[${JSON.stringify(key)}]`;

function checkName(value: string, path: string, what: string, errors: DocumentError[]): boolean {
  if (value.length === 0 || value.length > MAX_NAME || CONTROL.test(value)) {
    errors.push({
      path,
      message: `${what} "${value.slice(0, 60)}" must be 1 to ${MAX_NAME} characters without control characters`,
    });
    return false;
  }
  return true;
}

/** A root role by id or name (the scope table is installation-wide). */
function rootRole(engine: AccessEngine, name: string): Role | undefined {
  const role = engine.findRole(name, null);
  return role !== undefined && role.organization === null ? role : undefined;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set([...a, ...b]).size === a.length;

/** The changes that make the engine's scope table and role mappings what `json` says, and a report; or every problem with its path. */
export function tenantConfToChanges(
  engine: AccessEngine,
  json: unknown,
  options: TenantConfOptions = {},
): TenantConfPlan {
  const newId = options.newId ?? randomUUID;
  const errors: DocumentError[] = [];
  const notes: DocumentError[] = [];
  if (!isObject(json))
    return { ok: false, errors: [{ path: '(root)', message: 'must be an object (the tenant-conf.json document)' }] };

  // ── RoleMappings: which roles each role includes afterwards (by name of the new role) ──
  const mappings = json.RoleMappings;
  /** New role name → original role ids it includes. */
  const includedBy = new Map<string, Set<string>>();
  if (mappings !== undefined && mappings !== null) {
    if (!isObject(mappings))
      errors.push({
        path: 'RoleMappings',
        message: 'must be an object of "<original role>": "<comma-separated new roles>"',
      });
    else if (Object.keys(mappings).length > MAX_MAPPINGS)
      errors.push({ path: 'RoleMappings', message: `must have at most ${MAX_MAPPINGS} entries` });
    else {
      for (const [original, value] of Object.entries(mappings)) {
        const path = keyPath('RoleMappings', original);
        if (typeof value !== 'string') {
          errors.push({ path, message: 'must be a string of comma-separated role names' });
          continue;
        }
        if (value.length > MAX_ROLES_TEXT) {
          errors.push({ path, message: `must be at most ${MAX_ROLES_TEXT} characters` });
          continue;
        }
        const originalRole = rootRole(engine, original);
        if (originalRole === undefined) {
          errors.push({ path, message: `unknown role "${original.slice(0, MAX_NAME)}"` });
          continue;
        }
        const targets = splitRoles(value).filter((name) => rootRole(engine, name)?.id !== originalRole.id);
        if (targets.length === splitRoles(value).length) {
          notes.push({
            path,
            message: `"${originalRole.name}" keeps its own scopes: a mapping adds roles, as the Admin Portal saves it`,
          });
        }
        for (const name of targets) {
          if (!checkName(name, path, 'role name', errors)) continue;
          const key = rootRole(engine, name)?.name ?? name;
          let set = includedBy.get(key);
          if (set === undefined) includedBy.set(key, (set = new Set()));
          set.add(originalRole.id);
        }
      }
    }
  }

  // Roles a mapping names that do not exist yet are created, so scopes may name them too.
  const created = new Map<string, Role>();
  for (const name of includedBy.keys()) {
    if (rootRole(engine, name) === undefined)
      created.set(name, roleRecord({ id: newId(), name, description: 'Created by a tenant-conf.json role mapping.' }));
  }
  const resolve = (name: string): Role | undefined => rootRole(engine, name) ?? created.get(name);

  // ── RESTAPIScopes.Scope[] ──
  const scopes: Scope[] = [];
  const sections = json.RESTAPIScopes;
  if (!isObject(sections))
    errors.push({
      path: 'RESTAPIScopes',
      message: sections === undefined ? 'is required' : 'must be an object with a Scope array',
    });
  else if (!Array.isArray(sections.Scope))
    errors.push({
      path: 'RESTAPIScopes.Scope',
      message: sections.Scope === undefined ? 'is required' : 'must be an array',
    });
  else if (sections.Scope.length > MAX_SCOPES)
    errors.push({ path: 'RESTAPIScopes.Scope', message: `must have at most ${MAX_SCOPES} scopes` });
  else {
    const seen = new Map<string, number>();
    sections.Scope.forEach((entry: unknown, index: number) => {
      const path = `RESTAPIScopes.Scope[${index}]`;
      if (!isObject(entry)) {
        errors.push({ path, message: 'must be an object {Name, Roles}' });
        return;
      }
      let valid = true;
      const { Name: name, Roles: roles, Description: description } = entry;
      if (typeof name !== 'string') {
        errors.push({ path: `${path}.Name`, message: name === undefined ? 'is required' : 'must be a string' });
        valid = false;
      } else if (!checkName(name, `${path}.Name`, 'scope name', errors)) valid = false;
      else if (seen.has(name)) {
        errors.push({
          path: `${path}.Name`,
          message: `scope "${name}" is listed already at RESTAPIScopes.Scope[${seen.get(name)}]`,
        });
        valid = false;
      } else seen.set(name, index);
      if (description !== undefined && (typeof description !== 'string' || description.length > MAX_DESCRIPTION)) {
        errors.push({
          path: `${path}.Description`,
          message: `must be a string of at most ${MAX_DESCRIPTION} characters`,
        });
        valid = false;
      }
      const ids: string[] = [];
      if (typeof roles !== 'string') {
        errors.push({
          path: `${path}.Roles`,
          message: roles === undefined ? 'is required' : 'must be a string of comma-separated role names',
        });
        valid = false;
      } else if (roles.length > MAX_ROLES_TEXT) {
        errors.push({ path: `${path}.Roles`, message: `must be at most ${MAX_ROLES_TEXT} characters` });
        valid = false;
      } else {
        for (const roleName of splitRoles(roles)) {
          const role = resolve(roleName);
          if (role === undefined) {
            errors.push({ path: `${path}.Roles`, message: `unknown role "${roleName.slice(0, MAX_NAME)}"` });
            valid = false;
          } else if (!ids.includes(role.id)) ids.push(role.id);
        }
      }
      for (const key of Object.keys(entry)) {
        if (key !== 'Name' && key !== 'Roles' && key !== 'Description')
          notes.push({ path: `${path}.${key}`, message: 'is not a scope field Tessera keeps; ignored' });
      }
      if (valid) {
        const current = engine.scopes().find((s) => s.name === name);
        scopes.push({
          name: name as string,
          roles: ids,
          description: typeof description === 'string' ? description : (current?.description ?? null),
        });
      }
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  // ── the changes ──
  const changes: Change[] = [];
  const report: TenantConfReport = {
    scopes: { created: [], changed: [], unchanged: [], deleted: [] },
    roles: { created: [], changed: [] },
    notes,
  };
  const addedIncludes = new Map<string, string[]>();
  for (const role of created.values()) {
    const includes = [...includedBy.get(role.name)!];
    changes.push({ op: 'role.put', role: { ...role, includes } });
    report.roles.created.push(role.name);
    addedIncludes.set(role.id, includes);
  }
  // Every root role's included roles become what the mappings say: a role no longer mapped loses them.
  for (const role of engine.roles()) {
    if (role.organization !== null) continue;
    const wanted = [...(includedBy.get(role.name) ?? [])];
    if (sameSet(wanted, role.includes)) continue;
    // Keep the current order for roles that stay included, so an unchanged mapping is no change.
    const includes = [
      ...role.includes.filter((id) => wanted.includes(id)),
      ...wanted.filter((id) => !role.includes.includes(id)),
    ];
    changes.push({ op: 'role.put', role: { ...role, includes } });
    report.roles.changed.push(role.name);
    const added = includes.filter((id) => !role.includes.includes(id));
    if (added.length > 0) addedIncludes.set(role.id, added);
  }
  const listed = new Set(scopes.map((s) => s.name));
  for (const scope of scopes) {
    const current = engine.scopes().find((s) => s.name === scope.name);
    if (current === undefined) report.scopes.created.push(scope.name);
    else if (sameSet(current.roles, scope.roles) && current.description === scope.description) {
      report.scopes.unchanged.push(scope.name);
      continue;
    } else report.scopes.changed.push(scope.name);
    changes.push({ op: 'scope.put', scope });
  }
  for (const scope of engine.scopes()) {
    if (listed.has(scope.name)) continue;
    changes.push({ op: 'scope.delete', name: scope.name });
    report.scopes.deleted.push(scope.name);
  }
  return { ok: true, changes, report, addedIncludes, createdRoles: [...created.values()] };
}

/** The engine's scope table and role mappings as WSO2's `tenant-conf.json` sections. */
export function tenantConfFromEngine(engine: AccessEngine): TenantConf {
  // A role is named by its name, or by its id when the name would not find it again (e.g. an organization's role).
  const nameOf = (id: string): string => {
    const role = engine.role(id);
    if (role === undefined) return id;
    return rootRole(engine, role.name)?.id === id ? role.name : id;
  };
  const Scope = engine.scopes().map((scope): TenantConfScope => {
    const entry: TenantConfScope = { Name: scope.name, Roles: scope.roles.map(nameOf).join(',') };
    return scope.description === null ? entry : { ...entry, Description: scope.description };
  });
  // WSO2 stores a mapping with the original role first, so the original keeps its access there too.
  const mapped = new Map<string, string[]>();
  for (const role of engine.roles()) {
    if (role.organization !== null) continue;
    for (const original of role.includes) {
      const name = nameOf(original);
      let list = mapped.get(name);
      if (list === undefined) mapped.set(name, (list = [name]));
      list.push(role.name);
    }
  }
  if (mapped.size === 0) return { RESTAPIScopes: { Scope } };
  const RoleMappings: Record<string, string> = {};
  for (const name of [...mapped.keys()].sort()) RoleMappings[name] = mapped.get(name)!.join(',');
  return { RESTAPIScopes: { Scope }, RoleMappings };
}
