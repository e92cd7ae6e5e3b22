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
    // A map that did not grow held the key already (the state is discarded on error).
    const known = state.users.size;
    const index = state.userTable.idOf.length;
    const slot: UserSlot = { record: user, status, groups: [], entries: NO_OWN_ENTRIES, index };
    if (state.users.set(user.id, slot).size === known) throw duplicate('user', user.id);
    const name = qualifiedUserName(user);
    const named = state.userByName.size;
    if (state.userByName.set(name, user.id).size === named) throw duplicate('user', name);
    state.userTable.newRow(user.id);
    // In row order, as `refreshUsers` sets it again: memberships find their user's slot by row.
    state.userTable.slotOf[index] = slot;
  }
}

/**
 * Adds memberships given as parallel arrays of group and user ids (groups and users exist). Each
 * user's groups array is made at its final size (an array grown by `push` keeps room for 17).
 */
export function loadMembers(state: ModelState, groups: readonly string[], users: readonly string[]): void {
  if (groups.length !== users.length) throw invalid('memberships: as many groups as users are needed');
  // Per membership, the user's row and the group's index; then each user's groups array at its size.
  const rows: number[] = [];
  const indexes: number[] = [];
  const rowCount = state.userTable.idOf.length;
  const counts = new Int32Array(rowCount);
  let lastGroup: string | undefined;
  let index = -1;
  let members: Set<string> | undefined;
  for (let i = 0; i < groups.length; i++) {
    const groupId = groups[i]!;
    const userId = users[i]!;
    // Rows come sorted by group: look each group up once per run.
    if (groupId !== lastGroup) {
      const found = state.groupIndex.get(groupId);
      if (found === undefined || !state.groups.has(groupId)) throw notFound('group', groupId);
      index = found;
      members = state.groupMembers[index]!;
      lastGroup = groupId;
    }
    const slot = state.users.get(userId);
    if (slot === undefined) throw notFound('user', userId);
    if (members!.has(userId)) throw duplicate('membership', `${groupId}/${userId}`);
    // The id the user's record holds, so the read's own copy of it is not kept.
    members!.add(slot.record.id);
    rows.push(slot.index);
    indexes.push(index);
    counts[slot.index]!++;
  }
  const filled = new Int32Array(rowCount);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const slot = state.userTable.slotOf[row]!;
    if (filled[row] === 0) {
      const kept = slot.groups;
      const list = sized(kept.length + counts[row]!);
      for (let k = 0; k < kept.length; k++) list[k] = kept[k]!;
      filled[row] = kept.length;
      (slot as { groups: number[] }).groups = list;
    }
    slot.groups[filled[row]!++] = indexes[i]!;
  }
}

/** An empty array with room for exactly `count` elements once pushed (small counts as literals). */
function sized(count: number): number[] {
  switch (count) {
    case 1:
      return [0];
    case 2:
      return [0, 0];
    case 3:
      return [0, 0, 0];
    default:
      return new Array<number>(count).fill(0);
  }
}

/** Mirrors every user's status and groups into the user table, once each. */
export function refreshUsers(state: ModelState): void {
  for (const slot of state.users.values()) state.userTable.refresh(slot);
}
