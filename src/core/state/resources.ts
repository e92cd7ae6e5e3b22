/** Resources: target-tree leaves under an organization or a project, found by path. */
import type { Resource } from '../model.js';
import type { ModelState } from '../state.js';
import { type Undo, duplicate, invalid, notFound, referenced, requireName } from './shared.js';
import { removeMapping } from './mappings.js';

export function indexResourcePath(state: ModelState, resource: Resource): void {
  for (const path of state.resourcePaths(resource)) state.resourceByPath.set(path, resource.id);
}

export function unindexResourcePath(state: ModelState, resource: Resource): void {
  for (const path of state.resourcePaths(resource)) {
    if (state.resourceByPath.get(path) === resource.id) state.resourceByPath.delete(path);
  }
}

export function putResource(state: ModelState, resource: Resource, undo: Undo[]): void {
  requireName(resource.name, 'resource name');
  if (!/^[a-z][a-z0-9_-]*$/.test(resource.type) || resource.type === 'organization' || resource.type === 'project') {
    throw invalid(
      `resource type "${resource.type}" must be lowercase letters, digits, "-" or "_" and not a level name`,
    );
  }
  const previous = state.resources.get(resource.id);
  if (!state.organizations.has(resource.organization)) throw notFound('organization', resource.organization);
  let parentNode = state.node('organization', resource.organization);
  if (resource.project !== null) {
    const project = state.projects.get(resource.project);
    if (project === undefined) throw notFound('project', resource.project);
    if (project.organization !== resource.organization) {
      const organization = state.organizations.get(resource.organization)?.name ?? resource.organization;
      throw invalid(`project "${project.name}" is not in organization "${organization}"`);
    }
    parentNode = state.node('project', resource.project);
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
  const [path] = state.resourcePaths(resource);
  const holder = state.resourceByPath.get(path!);
  if (holder !== undefined && holder !== resource.id) throw duplicate('resource', path!);
  const { anonymousAccess, ...rest } = resource;
  // Absent when false (the default), so records read back from older databases compare equal.
  const record: Resource = anonymousAccess === true ? { ...rest, anonymousAccess } : rest;
  const closed = anonymousAccess !== true;
  state.resources.set(resource.id, record);
  state.effects?.push({ kind: 'resource', key: record.id, record, previous: previous ?? null });
  if (previous === undefined) {
    const node = state.targets.add(resource.id, 'resource', resource.type, parentNode, resource.private);
    state.targets.closedToAnonymous[node] = closed;
    indexResourcePath(state, record);
    undo.push(() => {
      state.resources.delete(resource.id);
      unindexResourcePath(state, record);
      state.targets.drop(node);
    });
    return;
  }
  const node = state.node('resource', resource.id);
  unindexResourcePath(state, previous);
  indexResourcePath(state, record);
  state.targets.isPrivate[node] = resource.private;
  state.targets.closedToAnonymous[node] = closed;
  undo.push(() => {
    state.resources.set(resource.id, previous);
    unindexResourcePath(state, record);
    indexResourcePath(state, previous);
    state.targets.isPrivate[node] = previous.private;
    state.targets.closedToAnonymous[node] = previous.anonymousAccess !== true;
  });
}

export function deleteResource(state: ModelState, id: string, cascade: boolean, undo: Undo[]): void {
  const resource = state.resources.get(id);
  if (resource === undefined) throw notFound('resource', id);
  const node = state.node('resource', id);
  const mappings = [...state.targets.mappings[node]!];
  if (mappings.length > 0 && !cascade) throw referenced('resource', state.resourcePaths(resource)[0]!, 'mappings');
  for (const mapping of mappings) removeMapping(state, mapping, undo);
  state.resources.delete(id);
  state.effects?.push({ kind: 'resource', key: id, record: null, previous: resource });
  unindexResourcePath(state, resource);
  state.targets.drop(node);
  undo.push(() => {
    state.resources.set(id, resource);
    indexResourcePath(state, resource);
    const parent =
      resource.project === null
        ? state.node('organization', resource.organization)
        : state.node('project', resource.project);
    state.targets.restore(node, parent);
  });
}
