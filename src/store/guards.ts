import type { AccessEngine } from '../core/engine.js';
import type { Change } from '../core/changes.js';
import { TesseraError } from '../core/errors.js';
import type { ExpectedVersion } from './store.js';

/** Fails with `CONFLICT` when an entity's version is not the one the write was made against. */
export function checkVersions(
  expected: readonly ExpectedVersion[],
  current: (e: ExpectedVersion) => number | undefined,
): void {
  for (const expectation of expected) {
    const actual = current(expectation) ?? null;
    if (actual !== expectation.version) {
      throw new TesseraError(
        'CONFLICT',
        `${expectation.kind} "${expectation.key}" is at version ${actual ?? 'none'}, not ${expectation.version ?? 'none'}`,
        {
          kind: expectation.kind,
          key: expectation.key,
          expected: expectation.version,
          actual,
        },
      );
    }
  }
}

/**
 * Users, groups, their memberships and roles of a read-only user store are managed by that store:
 * only its synchronisation may change them. Judged on the stores as they were before the batch.
 */
export function checkReadOnlyStores(engine: AccessEngine, changes: readonly Change[]): void {
  const readOnly = new Set(
    engine
      .userStores()
      .filter((s) => s.readOnly)
      .map((s) => s.name),
  );
  if (readOnly.size === 0) return;
  const guard = (entity: string, name: string, store: string | null | undefined): void => {
    if (store === null || store === undefined || !readOnly.has(store)) return;
    throw new TesseraError('READ_ONLY_STORE', `${entity} "${name}" lives in the read-only user store "${store}"`, {
      entity,
      store,
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
}
