/** Permissions: the permission tree, mirrored into the bit indexes of `RoleBits`. */
import { LEVELS, type Permission, permissionParent } from '../model.js';
import type { ModelState } from '../state.js';
import { type Undo, invalid, notFound, referenced } from './shared.js';

export function putPermission(state: ModelState, permission: Permission, undo: Undo[]): void {
  const key = permission.key;
  if (!/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*$/.test(key)) {
    throw invalid(`permission key "${key}" must be segments of letters, digits, ".", "_" or "-" joined by ":"`);
  }
  const parent = permissionParent(key);
  if (parent !== null && !state.permissions.has(parent)) throw notFound('permission', parent);
  if (permission.levels.length === 0) throw invalid(`permission "${key}" must be grantable at one level at least`);
  for (const level of permission.levels) if (!LEVELS.includes(level)) throw invalid(`unknown level "${String(level)}"`);
  const previous = state.permissions.get(key);
  const { anonymousGated, ...rest } = permission;
  // Absent when false, so records read back from older databases compare equal.
  const record: Permission = {
    ...rest,
    levels: [...permission.levels],
    ...(anonymousGated === true ? { anonymousGated } : {}),
  };
  state.permissions.set(key, record);
  state.effects?.push({ kind: 'permission', key, record, previous: previous ?? null });
  const known = state.bits.permissionIndex.get(key);
  const index = known ?? state.bits.addPermission(key, parent);
  state.bits.setFlags(index, permission.levels, permission.visibilityGated, permission.anonymousGated === true);
  undo.push(() => {
    if (previous === undefined) {
      state.permissions.delete(key);
      state.bits.removeLastPermission(key, parent);
    } else {
      state.permissions.set(key, previous);
      state.bits.setFlags(index, previous.levels, previous.visibilityGated, previous.anonymousGated === true);
    }
  });
}

export function deletePermission(state: ModelState, key: string, undo: Undo[]): void {
  const permission = state.permissions.get(key);
  if (permission === undefined) throw notFound('permission', key);
  if ((state.bits.permissionChildren.get(key)?.size ?? 0) > 0) throw referenced('permission', key, 'child permissions');
  if (state.settings.signInPermission === key) throw referenced('permission', key, 'the sign-in permission setting');
  for (const role of state.roles.values()) {
    if (role.permissions.includes(key)) throw referenced('permission', key, `role "${role.name}"`);
  }
  const index = state.bits.permissionIndex.get(key)!;
  const parent = permissionParent(key);
  state.permissions.delete(key);
  state.bits.forgetPermission(key, parent);
  state.effects?.push({ kind: 'permission', key, record: null, previous: permission });
  undo.push(() => {
    state.permissions.set(key, permission);
    state.bits.rememberPermission(key, index, parent);
  });
}
