/** Projects: target-tree nodes under an organization, found by `org/project` path. */
import type { Project } from '../model.js';
import type { ModelState } from '../state.js';
import { type Undo, duplicate, invalid, notFound, referenced, requireName } from './shared.js';
import { removeMapping } from './mappings.js';
import { deleteResource, indexResourcePath, unindexResourcePath } from './resources.js';

export function putProject(state: ModelState, project: Project, undo: Undo[]): void {
  requireName(project.name, 'project name');
  const previous = state.projects.get(project.id);
  const organizationNode = state.node('organization', project.organization);
  if (organizationNode < 0) throw notFound('organization', project.organization);
  if (previous !== undefined && previous.organization !== project.organization) {
    throw invalid(`project "${previous.name}" cannot move to another organization`);
  }
  const path = state.projectPath(project);
  const holder = state.projectByPath.get(path);
  if (holder !== undefined && holder !== project.id) throw duplicate('project', path);
  const record: Project = { ...project };
  state.projects.set(project.id, record);
  state.effects?.push({ kind: 'project', key: record.id, record, previous: previous ?? null });
  if (previous === undefined) {
    state.targets.add(project.id, 'project', 'project', organizationNode, false);
    state.projectByPath.set(path, project.id);
    undo.push(() => {
      state.projects.delete(project.id);
      state.projectByPath.delete(path);
      state.targets.drop(state.node('project', project.id));
    });
    return;
  }
  const previousPath = state.projectPath(previous);
  state.projectByPath.delete(previousPath);
  state.projectByPath.set(path, project.id);
  const resources = [...state.resources.values()].filter((r) => r.project === project.id);
  for (const resource of resources) unindexResourcePath(state, resource);
  for (const resource of resources) indexResourcePath(state, resource);
  undo.push(() => {
    state.projects.set(project.id, previous);
    state.projectByPath.delete(path);
    state.projectByPath.set(previousPath, project.id);
    for (const resource of resources) unindexResourcePath(state, resource);
    for (const resource of resources) indexResourcePath(state, resource);
  });
}

export function deleteProject(state: ModelState, id: string, cascade: boolean, undo: Undo[]): void {
  const project = state.projects.get(id);
  if (project === undefined) throw notFound('project', id);
  const node = state.node('project', id);
  const resources = [...state.resources.values()].filter((r) => r.project === id);
  const mappings = [...state.targets.mappings[node]!];
  if (resources.length + mappings.length > 0 && !cascade) {
    throw referenced('project', state.projectPath(project), 'resources or mappings');
  }
  for (const mapping of mappings) removeMapping(state, mapping, undo);
  for (const resource of resources) deleteResource(state, resource.id, true, undo);
  const path = state.projectPath(project);
  state.projects.delete(id);
  state.projectByPath.delete(path);
  state.targets.drop(node);
  state.effects?.push({ kind: 'project', key: id, record: null, previous: project });
  undo.push(() => {
    state.projects.set(id, project);
    state.projectByPath.set(path, id);
    state.targets.restore(node, state.node('organization', project.organization));
  });
}
