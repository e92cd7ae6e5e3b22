/** Role mappings: the entries of the decision index, one per subject, role and target. */
import type { Change } from '../changes.js';
import { ENTRY_STRIDE, type Entry } from '../entries.js';
import { type Level, type RoleMapping, type Subject, mappingKey } from '../model.js';
import { roleAvailableIn, roleNotAvailable } from '../role-availability.js';
import type { ModelState } from '../state.js';
import { type Undo, duplicate, invalid, notFound, stateTree } from './shared.js';

/** Entries are packed as integers (see `entries.ts`), so a level is stored as its index. */
const LEVEL_INDEX: Readonly<Record<Level, number>> = { organization: 0, project: 1, resource: 2 };

export function addMapping(state: ModelState, mapping: RoleMapping, undo: Undo[]): void {
  if (state.mappings.has(mapping.id)) throw duplicate('mapping', mapping.id);
  const role = state.roles.get(mapping.role);
  if (role === undefined) throw notFound('role', mapping.role);
  const node = state.node(mapping.target.level, mapping.target.id);
  if (node < 0) throw notFound(mapping.target.level, mapping.target.id);
  const organization = state.targets.organizationOf(node);
  const tree = stateTree(state);
  if (!roleAvailableIn(tree, role, organization)) throw roleNotAvailable(tree, role, organization);
  checkSubject(state, mapping.subject, node);
  if (state.mappingKeys.has(mappingKey(mapping))) {
    throw duplicate('mapping', `${role.name} for this subject at this ${mapping.target.level}`);
  }
  const record = mapping;
  state.mappings.set(record.id, record);
  indexMapping(state, record);
  state.effects?.push({ kind: 'mapping', key: record.id, record, previous: null });
  undo.push({ op: 'mapping.add', mapping: record });
}

export function checkSubject(state: ModelState, subject: Subject, node: number): void {
  if (subject.kind === 'user') {
    if (!state.users.has(subject.id)) throw notFound('user', subject.id);
  } else if (subject.kind === 'group') {
    const group = state.groups.get(subject.id);
    if (group === undefined) throw notFound('group', subject.id);
    const groupNode = state.node('organization', group.organization);
    if (!state.targets.chain[node]!.includes(groupNode)) {
      throw invalid(`group "${group.name}" belongs to another organization`, { group: group.id });
    }
  } else if (subject.kind !== 'everyone' && subject.kind !== 'anonymous') {
    throw invalid(`unknown subject kind "${String((subject as { kind?: unknown }).kind)}"`);
  }
}

/** Mirrors a subject's entries into the decision path's arrays after they changed. */
function refreshSubject(state: ModelState, subject: Subject): void {
  if (subject.kind === 'user') {
    const slot = state.users.get(subject.id);
    if (slot !== undefined) state.userTable.refresh(slot);
  } else if (subject.kind === 'group') {
    const index = state.groupIndex.get(subject.id)!;
    const list = state.groupEntries[index]!;
    state.groupRuns.set(index, list.packed, list.length * ENTRY_STRIDE);
  }
}

export function indexMapping(state: ModelState, mapping: RoleMapping): void {
  const node = state.node(mapping.target.level, mapping.target.id);
  const entry: Entry = {
    node,
    depth: state.targets.chain[node]!.length - 1,
    level: LEVEL_INDEX[mapping.target.level],
    role: state.bits.roleIndex.get(mapping.role)!,
    mapping,
  };
  state.entriesOf(mapping.subject).push(entry);
  refreshSubject(state, mapping.subject);
  state.targets.mappings[node]!.add(mapping.id);
  state.mappingKeys.add(mappingKey(mapping));
  let byRole = state.roleMappings.get(mapping.role);
  if (byRole === undefined) state.roleMappings.set(mapping.role, (byRole = new Set()));
  byRole.add(mapping.id);
}

export function unindexMapping(state: ModelState, mapping: RoleMapping): void {
  state.entriesOf(mapping.subject).remove(mapping.id);
  refreshSubject(state, mapping.subject);
  const node = state.node(mapping.target.level, mapping.target.id);
  if (node >= 0) state.targets.mappings[node]!.delete(mapping.id);
  state.mappingKeys.delete(mappingKey(mapping));
  state.roleMappings.get(mapping.role)?.delete(mapping.id);
}

export function removeMapping(state: ModelState, id: string, undo: Undo[]): void {
  const mapping = state.mappings.get(id);
  if (mapping === undefined) throw notFound('mapping', id);
  unindexMapping(state, mapping);
  state.mappings.delete(id);
  state.effects?.push({ kind: 'mapping', key: id, record: null, previous: mapping });
  undo.push(() => {
    state.mappings.set(id, mapping);
    indexMapping(state, mapping);
  });
}

/** Takes back a `mapping.add` that `addMapping` recorded as the change itself. */
export function revertAddMapping(state: ModelState, change: Extract<Change, { op: 'mapping.add' }>): void {
  const record = state.mappings.get(change.mapping.id)!;
  unindexMapping(state, record);
  state.mappings.delete(record.id);
}
