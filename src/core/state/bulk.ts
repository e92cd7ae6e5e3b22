/**
 * Loading a new state in bulk: the users and memberships of a stored model (most of its records)
 * from arrays, with the same integrity checks as `user.put` and `member.add` but without undo
 * records, effects, or a user table refresh per membership. Only for a state nothing else reads
 * yet: on an error the caller discards it.
 */
import { TesseraError } from '../errors.js';
import { type User, qualifiedUserName } from '../model.js';
import type { ModelState } from '../state.js';
import { ACTIVE, DISABLED, INVITED, NO_OWN_ENTRIES, type UserSlot } from '../user-table.js';
import { duplicate, invalid, notFound, requireName } from './shared.js';

const STATUS_CODE = { active: ACTIVE, invited: INVITED, disabled: DISABLED } as const;

/** Creates every user (none may exist yet); their user table rows are filled by `refreshUsers`. */
export function loadUsers(state: ModelState, users: readonly User[]): void {
  for (const user of users) {
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
    if (state.users.has(user.id)) throw duplicate('user', user.id);
    const name = qualifiedUserName(user);
    if (state.userByName.has(name)) throw duplicate('user', name);
    const index = state.userTable.newRow(user.id);
    const slot: UserSlot = { record: user, status, groups: [], entries: NO_OWN_ENTRIES, index };
    state.users.set(user.id, slot);
    state.userByName.set(name, user.id);
  }
}

/** Adds memberships given as parallel arrays of group and user ids (groups and users exist). */
export function loadMembers(state: ModelState, groups: readonly string[], users: readonly string[]): void {
  if (groups.length !== users.length) throw invalid('memberships: as many groups as users are needed');
  for (let i = 0; i < groups.length; i++) {
    const groupId = groups[i]!;
    const userId = users[i]!;
    const index = state.groupIndex.get(groupId);
    if (index === undefined || !state.groups.has(groupId)) throw notFound('group', groupId);
    const slot = state.users.get(userId);
    if (slot === undefined) throw notFound('user', userId);
    const members = state.groupMembers[index]!;
    if (members.has(userId)) throw duplicate('membership', `${groupId}/${userId}`);
    // The id the user's record holds, so the read's own copy of it is not kept.
    members.add(slot.record.id);
    slot.groups.push(index);
  }
}

/** Mirrors every user's status and groups into the user table, once each. */
export function refreshUsers(state: ModelState): void {
  for (const slot of state.users.values()) state.userTable.refresh(slot);
}
