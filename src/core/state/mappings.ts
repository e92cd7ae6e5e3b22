/** Role mappings: the entries of the decision index, one per subject, role and target. */
import type { Change } from '../changes.js';
import type { Entry } from '../entries.js';
import { GROUP_STRIDE, compactRun } from '../group-runs.js';
import { type Level, type RoleMapping, type Subject, isTimed, mappingKey } from '../model.js';
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
  checkWindow(mapping);
  if (state.mappingKeys.has(mappingKey(mapping))) {
    throw duplicate('mapping', `${role.name} for this subject at this ${mapping.target.level}`);
  }
  const record = mapping;
  state.mappings.set(record.id, record);
  indexMapping(state, record);
  state.effects?.push({ kind: 'mapping', key: record.id, record, previous: null });
  undo.push({ op: 'mapping.add', mapping: record });
}

/** A time limit is an ISO 8601 instant; `expiresAt` comes after `notBefore`. */
function checkWindow(mapping: RoleMapping): void {
  for (const field of ['notBefore', 'expiresAt'] as const) {
    const value = mapping[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
      throw invalid(`${field} must be an ISO 8601 date-time`, { field });
  }
  if (
    typeof mapping.notBefore === 'string' &&
    typeof mapping.expiresAt === 'string' &&
    Date.parse(mapping.expiresAt) <= Date.parse(mapping.notBefore)
  )
    throw invalid('expiresAt must come after notBefore');
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
    state.groupRuns.set(index, compactRun(list), list.length * GROUP_STRIDE);
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
  if (isTimed(mapping)) {
    state.timed.add(entry, groupIndexOf(state, mapping.subject));
    markTimedUser(state, mapping.subject);
  } else {
    state.entriesOf(mapping.subject).push(entry);
    refreshSubject(state, mapping.subject);
  }
  state.targets.mappings[node]!.add(mapping.id);
  state.mappingKeys.add(mappingKey(mapping));
  let byRole = state.roleMappings.get(mapping.role);
  if (byRole === undefined) state.roleMappings.set(mapping.role, (byRole = new Set()));
  byRole.add(mapping.id);
}

/** Mirrors into the user's row whether the user is the direct subject of a time-limited mapping. */
function markTimedUser(state: ModelState, subject: Subject): void {
  if (subject.kind !== 'user') return;
  const slot = state.users.get(subject.id);
  if (slot !== undefined) state.userTable.setTimed(slot.index, state.timed.users.has(subject.id));
}

function groupIndexOf(state: ModelState, subject: Subject): number | undefined {
  return subject.kind === 'group' ? state.groupIndex.get(subject.id) : undefined;
}

export function unindexMapping(state: ModelState, mapping: RoleMapping): void {
  if (isTimed(mapping)) {
    state.timed.remove(mapping, groupIndexOf(state, mapping.subject));
    markTimedUser(state, mapping.subject);
  } else {
    state.entriesOf(mapping.subject).remove(mapping.id);
    refreshSubject(state, mapping.subject);
  }
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
