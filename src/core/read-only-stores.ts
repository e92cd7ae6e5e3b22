import type { Change } from './changes.js';
import type { AccessEngine } from './engine.js';
import type { Violation } from './gate.js';

/**
 * The read-only store rule (docs/administration.md#read-only-user-stores): users, groups, their memberships and
 * roles of a read-only user store (an LDAP directory, or any store marked read-only) are managed by
 * that store, so only its synchronisation may change them. Judged on the stores as they were
 * before the batch: a read-only store created in the same batch may be filled. Pure: no I/O.
 */
export function readOnlyStoreViolations(engine: AccessEngine, changes: readonly Change[]): Violation[] {
  const readOnly = new Set(
    engine
      .userStores()
      .filter((s) => s.readOnly)
      .map((s) => s.name),
  );
  if (readOnly.size === 0) return [];
  const violations: Violation[] = [];
  const guard = (entity: string, name: string, store: string | null | undefined): void => {
    if (store === null || store === undefined || !readOnly.has(store)) return;
    violations.push({
      code: 'READ_ONLY_STORE',
      message: `${entity} "${name}" lives in the read-only user store "${store}"`,
      details: { entity, store },
    });
  };
  for (const change of changes) {
    switch (change.op) {
      case 'user.put':
        guard('user', change.user.username, change.user.store);
        guard('user', change.user.username, engine.user(change.user.id)?.store);
        break;
      case 'user.delete':
        guard('user', change.id, engine.user(change.id)?.store);
        break;
      case 'group.put':
        guard('group', change.group.name, change.group.store);
        guard('group', change.group.name, engine.group(change.group.id)?.store);
        break;
      case 'group.delete':
        guard('group', change.id, engine.group(change.id)?.store);
        break;
      case 'member.add':
      case 'member.remove':
        guard('group', change.membership.group, engine.group(change.membership.group)?.store);
        break;
      case 'role.put':
        guard('role', change.role.name, change.role.store);
        guard('role', change.role.name, engine.role(change.role.id)?.store);
        break;
      case 'role.delete':
        guard('role', change.id, engine.role(change.id)?.store);
        break;
      default:
        break;
    }
  }
  return violations;
}
