/** Roles: names and aliases, inclusion without cycles, and the permission bits each role resolves to. */
import { TesseraError } from '../errors.js';
import { ALL_PERMISSIONS, type Role } from '../model.js';
import { roleAvailableIn, roleNotAvailable, rolesOverlap } from '../role-availability.js';
import type { ModelState } from '../state.js';
import { dropConstraintsOf } from './constraints.js';
import { type Undo, duplicate, invalid, notFound, referenced, requireName, stateTree } from './shared.js';
import { removeMapping } from './mappings.js';
import { putScope } from './scopes.js';
import { settingsRoles } from './settings.js';

function roleNameKeys(role: Role): string[] {
  return [role.name, ...role.aliases].map((name) => `${role.organization ?? ''}\u0000${name}`);
}

/**
 * A role's name and aliases must not clash with a role usable in the same place: a root role, or a
 * role of an organization at or above or below this one's (a role is available below its organization).
 */
function checkRoleNames(state: ModelState, role: Role): void {
  const names = [role.name, ...role.aliases];
  if (new Set(names).size !== names.length) throw invalid(`role "${role.name}" repeats a name among its aliases`);
  const tree = stateTree(state);
  for (const name of names) {
    requireName(name, 'role name');
    for (const other of state.roles.values()) {
      if (other.id === role.id) continue;
      if ((other.name === name || other.aliases.includes(name)) && rolesOverlap(tree, role, other))
        throw duplicate('role', name);
    }
  }
}

export function putRole(state: ModelState, role: Role, undo: Undo[]): void {
  const previous = state.roles.get(role.id);
  if (previous !== undefined && previous.organization !== role.organization) {
    throw invalid(`role "${previous.name}" cannot move to another organization`);
  }
  if (role.organization !== null && !state.organizations.has(role.organization))
    throw notFound('organization', role.organization);
  if (role.store !== null && !state.userStores.has(role.store)) throw notFound('user store', role.store);
  if (role.owner !== null && !state.users.has(role.owner)) throw notFound('user', role.owner);
  checkRoleNames(state, role);
  for (const key of role.permissions) {
    if (key !== ALL_PERMISSIONS && !state.permissions.has(key)) {
      throw new TesseraError('NOT_FOUND', `unknown permission "${key}"`, { entity: 'permission', id: key });
    }
  }
  for (const included of role.includes) {
    const other = state.roles.get(included);
    if (other === undefined) throw notFound('role', included);
    if (!roleAvailableIn(stateTree(state), other, role.organization)) {
      throw roleNotAvailable(stateTree(state), other, role.organization);
    }
    if (included === role.id || reaches(state, included, role.id)) {
      throw new TesseraError('ROLE_CYCLE', `role "${role.name}" would include itself through "${other.name}"`);
    }
  }
  const record: Role = {
    ...role,
    permissions: [...role.permissions],
    includes: [...role.includes],
    aliases: [...role.aliases],
  };
  setRole(state, record, previous);
  state.effects?.push({ kind: 'role', key: record.id, record, previous: previous ?? null });
  undo.push(() => (previous === undefined ? unsetRole(state, record) : setRole(state, previous, record)));
}

function reaches(state: ModelState, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current === to) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(state.roles.get(current)?.includes ?? []));
  }
  return false;
}

function setRole(state: ModelState, record: Role, previous: Role | undefined): void {
  if (previous !== undefined) {
    for (const key of roleNameKeys(previous)) state.roleByName.delete(key);
    for (const included of previous.includes) state.includedBy.get(included)?.delete(previous.id);
  }
  state.roles.set(record.id, record);
  for (const key of roleNameKeys(record)) state.roleByName.set(key, record.id);
  for (const included of record.includes) {
    let set = state.includedBy.get(included);
    if (set === undefined) state.includedBy.set(included, (set = new Set()));
    set.add(record.id);
  }
  state.bits.recomputeFrom(record.id);
}

function unsetRole(state: ModelState, record: Role): void {
  for (const key of roleNameKeys(record)) state.roleByName.delete(key);
  for (const included of record.includes) state.includedBy.get(included)?.delete(record.id);
  state.roles.delete(record.id);
  state.bits.clearRole(record.id);
}

export function deleteRole(state: ModelState, id: string, cascade: boolean, undo: Undo[]): void {
  const role = state.roles.get(id);
  if (role === undefined) throw notFound('role', id);
  if (state.settings.adminRole === id) throw referenced('role', role.name, 'the installation settings (admin role)');
  if (settingsRoles(state.settings).includes(id))
    throw referenced('role', role.name, 'the organization defaults or the resource types');
  for (const organization of state.organizations.values()) {
    if (organization.adminRole === id)
      throw referenced('role', role.name, `organization "${organization.name}" (admin role)`);
  }
  const mappings = [...(state.roleMappings.get(id) ?? [])];
  const includers = [...(state.includedBy.get(id) ?? [])];
  const scopes = [...state.scopes.values()].filter((s) => s.roles.includes(id));
  if (mappings.length + includers.length + scopes.length > 0 && !cascade) {
    throw referenced('role', role.name, 'mappings, roles that include it, or scopes');
  }
  dropConstraintsOf(state, { role: id }, `role "${role.name}"`, cascade, undo);
  for (const mapping of mappings) removeMapping(state, mapping, undo);
  for (const includer of includers) {
    const other = state.roles.get(includer)!;
    putRole(state, { ...other, includes: other.includes.filter((r) => r !== id) }, undo);
  }
  for (const scope of scopes) putScope(state, { ...scope, roles: scope.roles.filter((r) => r !== id) }, undo);
  unsetRole(state, role);
  state.effects?.push({ kind: 'role', key: id, record: null, previous: role });
  undo.push(() => setRole(state, role, undefined));
}
