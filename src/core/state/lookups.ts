/**
 * Lookups by index for the administration rules (`rules.ts`, `gate.ts`): each reads only the
 * entries it answers about, so a rule's cost follows what a write touches, not the policy's size.
 */
import type { RoleMapping, Subject } from '../model.js';
import type { ModelState } from '../state.js';
import { ACTIVE } from '../user-table.js';

/** The mappings held by exactly this subject (time-limited ones included), from its entry list. */
export function mappingsOfSubject(state: ModelState, subject: Subject): RoleMapping[] {
  let own: readonly RoleMapping[];
  switch (subject.kind) {
    case 'user':
      own = state.users.get(subject.id)?.entries.mappings ?? [];
      break;
    case 'group': {
      const index = state.groupIndex.get(subject.id);
      own = index === undefined || !state.groups.has(subject.id) ? [] : state.groupEntries[index]!.mappings;
      break;
    }
    case 'everyone':
      own = state.everyoneEntries.mappings;
      break;
    case 'anonymous':
      own = state.anonymousEntries.mappings;
      break;
  }
  const timed = state.timed.of(subject);
  if (timed.length === 0) return [...own];
  return [...own, ...timed.map((t) => t.entry.mapping)];
}

/** The mappings of exactly this role (not of the roles that include it). */
export function mappingsOfRole(state: ModelState, roleId: string): RoleMapping[] {
  const ids = state.roleMappings.get(roleId);
  if (ids === undefined) return [];
  const found: RoleMapping[] = [];
  for (const id of ids) {
    const mapping = state.mappings.get(id);
    if (mapping !== undefined) found.push(mapping);
  }
  return found;
}

/** Whether a mapping grants the role, directly or through a role that includes it (transitively). */
export function roleIsMapped(state: ModelState, roleId: string): boolean {
  const seen = new Set<string>();
  const stack = [roleId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (state.roles.has(id) && (state.roleMappings.get(id)?.size ?? 0) > 0) return true;
    for (const parent of state.includedBy.get(id) ?? []) stack.push(parent);
  }
  return false;
}

/** Whether a group has an active member; stops at the first. */
export function hasActiveMember(state: ModelState, groupId: string): boolean {
  const index = state.groupIndex.get(groupId);
  if (index === undefined || !state.groups.has(groupId)) return false;
  for (const id of state.groupMembers[index]!) if (state.users.get(id)?.status === ACTIVE) return true;
  return false;
}

/** Whether any user is active; stops at the first. */
export function hasActiveUser(state: ModelState): boolean {
  for (const slot of state.users.values()) if (slot.status === ACTIVE) return true;
  return false;
}

/** A user's name as compared case-insensitively within its store. */
export function foldedUserName(store: string, username: string): string {
  return `${store}\u0000${username.toLowerCase()}`;
}

/**
 * The ids of the users whose name equals this one but for case, in the store. The index is built
 * on first use from the users, then kept by the user changes (`users.ts`).
 */
export function usersFoldedAs(state: ModelState, store: string, username: string): readonly string[] {
  let index = state.foldedUserNames;
  if (index === null) {
    index = new Map();
    for (const slot of state.users.values()) addFolded(index, slot.record.store, slot.record.username, slot.record.id);
    state.foldedUserNames = index;
  }
  const ids = index.get(foldedUserName(store, username));
  return ids === undefined ? [] : [...ids];
}

export function addFolded(index: Map<string, Set<string>>, store: string, username: string, id: string): void {
  const key = foldedUserName(store, username);
  const ids = index.get(key);
  if (ids === undefined) index.set(key, new Set([id]));
  else ids.add(id);
}

export function removeFolded(index: Map<string, Set<string>>, store: string, username: string, id: string): void {
  const key = foldedUserName(store, username);
  const ids = index.get(key);
  if (ids === undefined) return;
  ids.delete(id);
  if (ids.size === 0) index.delete(key);
}
