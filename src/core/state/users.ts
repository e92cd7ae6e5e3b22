/** User stores and users: the user table rows the decision path reads, and user ids never reused. */
import type { Change } from '../changes.js';
import { TesseraError } from '../errors.js';
import { PRIMARY_STORE, type UserStore, qualifiedUserName } from '../model.js';
import type { ModelState } from '../state.js';
import { ACTIVE, DISABLED, INVITED, NO_OWN_ENTRIES, type UserSlot } from '../user-table.js';
import { type Undo, duplicate, invalid, notFound, referenced, requireName } from './shared.js';
import { removeMember } from './groups.js';
import { removeMapping } from './mappings.js';
import { addFolded, removeFolded } from './lookups.js';
import { deleteRole } from './roles.js';

/** The user table keeps a status as the small code the decision path compares. */
const STATUS_CODE = { active: ACTIVE, invited: INVITED, disabled: DISABLED } as const;

export function putUserStore(state: ModelState, store: UserStore, undo: Undo[]): void {
  requireName(store.name, 'user store name');
  if (store.name.includes('/')) throw invalid(`user store name "${store.name}" cannot contain "/"`);
  if (store.name === PRIMARY_STORE && store.readOnly) throw invalid('the PRIMARY user store is always read-write');
  const previous = state.userStores.get(store.name);
  const record: UserStore = { ...store };
  state.userStores.set(store.name, record);
  state.effects?.push({ kind: 'userStore', key: record.name, record, previous: previous ?? null });
  undo.push(() =>
    previous === undefined ? state.userStores.delete(store.name) : state.userStores.set(store.name, previous),
  );
}

export function deleteUserStore(state: ModelState, name: string, undo: Undo[]): void {
  const store = state.userStores.get(name);
  if (store === undefined) throw notFound('user store', name);
  if (name === PRIMARY_STORE) throw invalid('the PRIMARY user store cannot be deleted');
  const used =
    [...state.users.values()].some((u) => u.record.store === name) ||
    [...state.groups.values()].some((g) => g.store === name) ||
    [...state.roles.values()].some((r) => r.store === name);
  if (used) throw referenced('user store', name, 'users, groups or roles');
  state.userStores.delete(name);
  state.effects?.push({ kind: 'userStore', key: name, record: null, previous: store });
  undo.push(() => state.userStores.set(name, store));
}

export function putUser(state: ModelState, change: Extract<Change, { op: 'user.put' }>, undo: Undo[]): void {
  const user = change.user;
  requireName(user.username, 'username');
  if (user.username.includes('/')) throw invalid(`username "${user.username}" cannot contain "/"`);
  if (state.deletedUserIds.has(user.id)) {
    throw new TesseraError('USER_ID_REUSED', `user id "${user.id}" belonged to a deleted user and is never reused`, {
      id: user.id,
    });
  }
  if (!state.userStores.has(user.store)) throw notFound('user store', user.store);
  const status = STATUS_CODE[user.status];
  if (status === undefined) throw invalid(`unknown user status "${String(user.status)}"`);
  const name = qualifiedUserName(user);
  const holder = state.userByName.get(name);
  if (holder !== undefined && holder !== user.id) throw duplicate('user', name);
  const previous = state.users.get(user.id);
  const index = previous?.index ?? state.userTable.newRow(user.id);
  const slot: UserSlot = {
    record: user,
    status,
    groups: previous?.groups ?? [],
    entries: previous?.entries ?? NO_OWN_ENTRIES,
    index,
  };
  state.users.set(user.id, slot);
  state.effects?.push({ kind: 'user', key: user.id, record: user, previous: previous?.record ?? null });
  state.userTable.refresh(slot);
  if (previous !== undefined) state.userByName.delete(qualifiedUserName(previous.record));
  state.userByName.set(name, user.id);
  const folded = state.foldedUserNames;
  if (folded !== null) {
    if (previous !== undefined) removeFolded(folded, previous.record.store, previous.record.username, user.id);
    addFolded(folded, user.store, user.username, user.id);
  }
  if (previous === undefined) {
    undo.push(change);
    return;
  }
  undo.push(() => {
    // The index may have been built after this change (by the gate, during a probe): it reflects the change either way.
    const index = state.foldedUserNames;
    if (index !== null) {
      removeFolded(index, user.store, user.username, user.id);
      addFolded(index, previous.record.store, previous.record.username, user.id);
    }
    state.userByName.delete(name);
    state.users.set(user.id, previous);
    state.userByName.set(qualifiedUserName(previous.record), user.id);
    state.userTable.refresh(previous);
  });
}

export function deleteUser(state: ModelState, id: string, undo: Undo[]): void {
  const slot = state.users.get(id);
  if (slot === undefined) throw notFound('user', id);
  for (const group of [...slot.groups]) removeMember(state, state.groupIds[group]!, id, undo);
  for (const entry of [...slot.entries]) removeMapping(state, entry.mapping.id, undo);
  for (const timed of [...state.timed.of({ kind: 'user', id })]) removeMapping(state, timed.entry.mapping.id, undo);
  for (const role of [...state.roles.values()]) if (role.owner === id) deleteRole(state, role.id, true, undo);
  const current = state.users.get(id)!;
  state.users.delete(id);
  state.userTable.retire(current);
  state.userByName.delete(qualifiedUserName(current.record));
  const folded = state.foldedUserNames;
  if (folded !== null) removeFolded(folded, current.record.store, current.record.username, id);
  state.deletedUserIds.add(id);
  state.effects?.push(
    { kind: 'user', key: id, record: null, previous: current.record },
    { kind: 'deletedUserId', key: id, record: { id }, previous: null },
  );
  undo.push(() => {
    state.deletedUserIds.delete(id);
    state.users.set(id, current);
    state.userTable.refresh(current);
    state.userByName.set(qualifiedUserName(current.record), id);
    const index = state.foldedUserNames;
    if (index !== null) addFolded(index, current.record.store, current.record.username, id);
  });
}

/** Takes back a `user.put` that created its user, which `putUser` recorded as the change itself. */
export function revertCreateUser(state: ModelState, change: Extract<Change, { op: 'user.put' }>): void {
  const slot = state.users.get(change.user.id)!;
  state.users.delete(change.user.id);
  state.userTable.retire(slot);
  state.userByName.delete(qualifiedUserName(slot.record));
  if (state.foldedUserNames !== null)
    removeFolded(state.foldedUserNames, slot.record.store, slot.record.username, slot.record.id);
}
