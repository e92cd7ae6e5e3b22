import type { Effect } from './effects.js';
import type { AccessEngine } from './engine.js';
import type { Group } from './model.js';

/**
 * What a SCIM provisioning token may change (docs/scim.md#what-a-token-may-change): users of its user
 * store, and groups of its organization (in its store) with their members. Deleting a user takes
 * its direct mappings and application roles with it, so those may go; nothing else may change.
 * Pure: judged by the gate on the effects of the batch, on the state after it.
 */
export interface ProvisioningScope {
  /** The organization whose groups it provisions; null: users only. */
  readonly organization: string | null;
  readonly store: string;
}

export interface ScopeViolation {
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Every change of the batch outside the token's scope; empty when all of it is provisioning. */
export function provisioningViolations(
  engine: AccessEngine,
  scope: ProvisioningScope,
  effects: readonly Effect[],
): ScopeViolation[] {
  const violations: ScopeViolation[] = [];
  const deletedGroups = new Map<string, Group>();
  for (const effect of effects)
    if (effect.kind === 'group' && effect.record === null && effect.previous !== null)
      deletedGroups.set(effect.key, effect.previous);
  const outside = (what: string, details: Record<string, unknown>): void => {
    violations.push({ message: `a provisioning token cannot change ${what}`, details });
  };
  const inScope = (group: Pick<Group, 'organization' | 'store'> | undefined): boolean =>
    group !== undefined && group.organization === scope.organization && group.store === scope.store;

  for (const effect of effects) {
    switch (effect.kind) {
      case 'user': {
        const user = effect.record ?? effect.previous;
        if (user !== null && user.store !== scope.store)
          outside(`users of the user store "${user.store}"`, { entity: 'user', id: effect.key, store: user.store });
        break;
      }
      case 'deletedUserId':
        break;
      case 'group': {
        const group = effect.record ?? effect.previous;
        if (group !== null && !inScope(group))
          outside(`group "${group.name}" (another organization or user store)`, { entity: 'group', id: effect.key });
        break;
      }
      case 'membership': {
        const membership = effect.record ?? effect.previous;
        if (membership === null) break;
        const group = engine.group(membership.group) ?? deletedGroups.get(membership.group);
        if (!inScope(group))
          outside(`the members of group "${group?.name ?? membership.group}" (another organization or user store)`, {
            entity: 'membership',
            id: effect.key,
          });
        break;
      }
      case 'mapping':
        // Deleting a user or a group removes their mappings; a token never grants a role itself.
        if (effect.record !== null) outside('role mappings', { entity: 'mapping', id: effect.key });
        break;
      case 'role':
        // Deleting a user removes the application roles it owned.
        if (effect.record !== null || effect.previous?.owner === null)
          outside('roles', { entity: 'role', id: effect.key });
        break;
      default:
        outside(`${effect.kind} records`, { entity: effect.kind, id: effect.key });
    }
  }
  return violations;
}
