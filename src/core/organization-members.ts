import type { Change } from './changes.js';
import type { AccessEngine } from './engine.js';
import type { Target } from './model.js';

/**
 * What a user holds in an organization, and the batch that takes it away when the user leaves it
 * (docs/administration.md#organization-members): their memberships of its groups and the roles
 * mapped to them at it, at its projects and at its resources. Pure; the write goes through the
 * gate like any other, so the no-lock-out rule still holds.
 */

/** The organization a mapping's target lies in; undefined when the target no longer exists. */
export function organizationOfTarget(engine: AccessEngine, target: Target): string | undefined {
  if (target.level === 'organization') return target.id;
  if (target.level === 'project') return engine.project(target.id)?.organization;
  return engine.resource(target.id)?.organization;
}

/** The changes that remove everything `userId` holds in `organization`; empty when it holds nothing there. */
export function leaveOrganization(engine: AccessEngine, organization: string, userId: string): Change[] {
  const changes: Change[] = [];
  for (const groupId of engine.groupsOf(userId)) {
    if (engine.group(groupId)?.organization === organization)
      changes.push({ op: 'member.remove', membership: { group: groupId, user: userId } });
  }
  for (const mapping of engine.mappingsOf({ kind: 'user', id: userId })) {
    if (organizationOfTarget(engine, mapping.target) === organization)
      changes.push({ op: 'mapping.remove', id: mapping.id });
  }
  return changes;
}
