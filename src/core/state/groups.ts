/** Groups and memberships: each group owns an index into the packed per-group arrays of the state. */
import type { Change } from '../changes.js';
import { membershipKey } from '../effects.js';
import { EntryList } from '../entries.js';
import type { Group } from '../model.js';
import type { ModelState } from '../state.js';
import { type Undo, duplicate, invalid, notFound, referenced, removeValue, requireName } from './shared.js';
import { removeMapping } from './mappings.js';

export function putGroup(state: ModelState, group: Group, undo: Undo[]): void {
  requireName(group.name, 'group name');
  if (!state.organizations.has(group.organization)) throw notFound('organization', group.organization);
  if (!state.userStores.has(group.store)) throw notFound('user store', group.store);
  const previous = state.groups.get(group.id);
  if (previous !== undefined && previous.organization !== group.organization) {
    throw invalid(`group "${previous.name}" cannot move to another organization`);
  }
  const key = `${group.organization}\u0000${group.name}`;
  const holder = state.groupByName.get(key);
  if (holder !== undefined && holder !== group.id) throw duplicate('group', group.name);
  const record: Group = { ...group };
  state.groups.set(group.id, record);
  state.effects?.push({ kind: 'group', key: record.id, record, previous: previous ?? null });
  if (previous === undefined) {
    let index = state.groupIndex.get(group.id);
    if (index === undefined) {
      index = state.groupIds.length;
      state.groupIndex.set(group.id, index);
      state.groupIds.push(group.id);
      state.groupEntries.push(new EntryList());
      state.groupRuns.ensureOwner(index);
      state.groupMembers.push(new Set());
    }
  } else {
    state.groupByName.delete(`${previous.organization}\u0000${previous.name}`);
  }
  state.groupByName.set(key, group.id);
  undo.push(() => {
    state.groupByName.delete(key);
    if (previous === undefined) {
      state.groups.delete(group.id);
    } else {
      state.groups.set(group.id, previous);
      state.groupByName.set(`${previous.organization}\u0000${previous.name}`, group.id);
    }
  });
}

export function deleteGroup(state: ModelState, id: string, cascade: boolean, undo: Undo[]): void {
  const group = state.groups.get(id);
  if (group === undefined) throw notFound('group', id);
  const index = state.groupIndex.get(id)!;
  const entries = [...state.groupEntries[index]!, ...state.timed.of({ kind: 'group', id }).map((t) => t.entry)];
  if (entries.length > 0 && !cascade) throw referenced('group', group.name, 'mappings');
  for (const entry of entries) removeMapping(state, entry.mapping.id, undo);
  for (const user of [...state.groupMembers[index]!]) removeMember(state, id, user, undo);
  state.groups.delete(id);
  state.effects?.push({ kind: 'group', key: id, record: null, previous: group });
  state.groupByName.delete(`${group.organization}\u0000${group.name}`);
  undo.push(() => {
    state.groups.set(id, group);
    state.groupByName.set(`${group.organization}\u0000${group.name}`, id);
  });
}

export function addMember(state: ModelState, change: Extract<Change, { op: 'member.add' }>, undo: Undo[]): void {
  const { group: groupId, user: userId } = change.membership;
  if (!state.groups.has(groupId)) throw notFound('group', groupId);
  const slot = state.users.get(userId);
  if (slot === undefined) throw notFound('user', userId);
  const index = state.groupIndex.get(groupId)!;
  const members = state.groupMembers[index]!;
  if (members.has(userId)) throw duplicate('membership', `${groupId}/${userId}`);
  members.add(userId);
  slot.groups.push(index);
  state.userTable.refresh(slot);
  state.effects?.push({
    kind: 'membership',
    key: membershipKey(groupId, userId),
    record: { group: groupId, user: userId },
    previous: null,
  });
  undo.push(change);
}

export function removeMember(state: ModelState, groupId: string, userId: string, undo: Undo[]): void {
  const index = state.groupIndex.get(groupId);
  const slot = state.users.get(userId);
  if (index === undefined || !state.groups.has(groupId)) throw notFound('group', groupId);
  if (slot === undefined) throw notFound('user', userId);
  const members = state.groupMembers[index]!;
  if (!members.delete(userId)) throw notFound('membership', `${groupId}/${userId}`);
  removeValue(slot.groups, index);
  state.userTable.refresh(slot);
  state.effects?.push({
    kind: 'membership',
    key: membershipKey(groupId, userId),
    record: null,
    previous: { group: groupId, user: userId },
  });
  undo.push(() => {
    members.add(userId);
    slot.groups.push(index);
    state.userTable.refresh(slot);
  });
}

/** Takes back a `member.add` that `addMember` recorded as the change itself. */
export function revertAddMember(state: ModelState, change: Extract<Change, { op: 'member.add' }>): void {
  const { group, user } = change.membership;
  const index = state.groupIndex.get(group)!;
  const slot = state.users.get(user)!;
  state.groupMembers[index]!.delete(user);
  removeValue(slot.groups, index);
  state.userTable.refresh(slot);
}
