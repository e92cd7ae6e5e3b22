/** Organizations: the roots of the target tree, and the cascade that deletes everything under one. */
import type { Organization } from '../model.js';
import { roleAvailableIn, roleNotAvailable } from '../role-availability.js';
import type { ModelState } from '../state.js';
import { dropConstraintsOf } from './constraints.js';
import { type Undo, duplicate, invalid, notFound, referenced, requireName, stateTree } from './shared.js';
import { deleteGroup } from './groups.js';
import { checkSubject, indexMapping, removeMapping, unindexMapping } from './mappings.js';
import { deleteProject } from './projects.js';
import { deleteResource, indexResourcePath, unindexResourcePath } from './resources.js';
import { deleteRole } from './roles.js';

function reparent(state: ModelState, node: number, parent: number): void {
  state.targets.reparent(node, parent);
  // Entries remember their node's depth; a move changes depths below it.
  reindexEntriesUnder(state, node);
}

function reindexEntriesUnder(state: ModelState, node: number): void {
  for (const current of state.targets.subtree(node)) {
    // A copy: re-indexing removes and re-adds each id, which a live Set would visit again.
    for (const id of [...state.targets.mappings[current]!]) {
      const mapping = state.mappings.get(id)!;
      unindexMapping(state, mapping);
      indexMapping(state, mapping);
    }
  }
}

export function putOrganization(state: ModelState, organization: Organization, undo: Undo[]): void {
  const previous = state.organizations.get(organization.id);
  requireName(organization.name, 'organization name');
  const holder = state.organizationByName.get(organization.name);
  if (holder !== undefined && holder !== organization.id) throw duplicate('organization', organization.name);
  let parentNode = -1;
  if (organization.parent !== null) {
    parentNode = state.node('organization', organization.parent);
    if (parentNode < 0) throw notFound('organization', organization.parent);
    if (previous !== undefined) {
      const self = state.node('organization', organization.id);
      if (state.targets.chain[parentNode]!.includes(self)) {
        throw invalid(`organization "${organization.name}" cannot be its own ancestor`);
      }
    }
  }
  if (organization.adminRole !== null && !state.roles.has(organization.adminRole)) {
    throw notFound('role', organization.adminRole);
  }
  const record: Organization = { ...organization };
  state.organizations.set(organization.id, record);
  state.effects?.push({ kind: 'organization', key: record.id, record, previous: previous ?? null });
  if (previous === undefined) {
    state.targets.add(organization.id, 'organization', 'organization', parentNode, false);
    undo.push(() => {
      state.organizations.delete(organization.id);
      state.targets.drop(state.node('organization', organization.id));
    });
  } else {
    state.organizationByName.delete(previous.name);
    const node = state.node('organization', organization.id);
    if (previous.parent !== organization.parent) reparent(state, node, parentNode);
    undo.push(() => {
      state.organizationByName.delete(record.name);
      state.organizationByName.set(previous.name, previous.id);
      state.organizations.set(previous.id, previous);
      if (previous.parent !== record.parent) {
        reparent(state, node, previous.parent === null ? -1 : state.node('organization', previous.parent));
      }
      renamePaths(state, organization.id);
    });
  }
  state.organizationByName.set(organization.name, organization.id);
  if (previous !== undefined && previous.name !== organization.name) renamePaths(state, organization.id);
  if (previous !== undefined && previous.parent !== organization.parent) {
    // A group's mappings must stay at or below the group's organization after the move, and a
    // mapping's role must stay available where it is mapped (at or below the role's organization).
    const tree = stateTree(state);
    for (const node of state.targets.subtree(state.node('organization', organization.id))) {
      for (const id of state.targets.mappings[node]!) {
        const mapping = state.mappings.get(id)!;
        checkSubject(state, mapping.subject, node);
        const role = state.roles.get(mapping.role);
        const at = state.targets.organizationOf(node);
        if (role !== undefined && !roleAvailableIn(tree, role, at)) throw roleNotAvailable(tree, role, at);
      }
    }
  }
}

/** Re-keys the path lookups of an organization's projects and resources after a rename. */
function renamePaths(state: ModelState, organizationId: string): void {
  for (const project of state.projects.values()) {
    if (project.organization !== organizationId) continue;
    for (const [path, id] of state.projectByPath) if (id === project.id) state.projectByPath.delete(path);
    state.projectByPath.set(state.projectPath(project), project.id);
  }
  for (const resource of state.resources.values()) {
    if (resource.organization !== organizationId) continue;
    unindexResourcePath(state, resource);
    indexResourcePath(state, resource);
  }
}

export function deleteOrganization(state: ModelState, id: string, cascade: boolean, undo: Undo[]): void {
  const organization = state.organizations.get(id);
  if (organization === undefined) throw notFound('organization', id);
  const node = state.node('organization', id);
  const children = [...state.organizations.values()].filter((o) => o.parent === id);
  const projects = [...state.projects.values()].filter((p) => p.organization === id);
  const resources = [...state.resources.values()].filter((r) => r.organization === id && r.project === null);
  const groups = [...state.groups.values()].filter((g) => g.organization === id);
  const roles = [...state.roles.values()].filter((r) => r.organization === id);
  const mappings = [...state.targets.mappings[node]!];
  const dependents =
    children.length + projects.length + resources.length + groups.length + roles.length + mappings.length;
  if (dependents > 0 && !cascade) {
    throw referenced(
      'organization',
      organization.name,
      'child organizations, projects, resources, groups, roles or mappings',
    );
  }
  dropConstraintsOf(state, { organization: id }, 'organization', cascade, undo);
  for (const mapping of mappings) removeMapping(state, mapping, undo);
  for (const child of children) deleteOrganization(state, child.id, true, undo);
  for (const project of projects) deleteProject(state, project.id, true, undo);
  for (const resource of resources) deleteResource(state, resource.id, true, undo);
  for (const group of groups) deleteGroup(state, group.id, true, undo);
  for (const role of roles) deleteRole(state, role.id, true, undo);
  state.organizations.delete(id);
  state.organizationByName.delete(organization.name);
  state.targets.drop(node);
  state.effects?.push({ kind: 'organization', key: id, record: null, previous: organization });
  undo.push(() => {
    state.organizations.set(id, organization);
    state.organizationByName.set(organization.name, id);
    state.targets.restore(node, organization.parent === null ? -1 : state.node('organization', organization.parent));
  });
}
