/**
 * Where a role may be used (docs/concepts.md#where-a-role-is-available): a role defined at the root
 * (no organization) is available everywhere; a role defined in an organization is available in that
 * organization and in every organization below it, and nowhere else. Akana's "roles added at the
 * root organization level are available for all organizations; … roles for a specific organization
 * are available only for that organization" is this rule with a root business organization.
 *
 * Pure: the callers (the state, the engine, the document planner) pass how to walk their own tree.
 */
import { TesseraError } from './errors.js';
import type { Role } from './model.js';

/** The organization tree as the caller sees it: each organization's parent (null at a root) and its name. */
export interface OrganizationTree {
  parentOf(id: string): string | null | undefined;
  nameOf(id: string): string | undefined;
}

/** The organization and its ancestors, nearest first. Stops at a root, an unknown id or a cycle. */
export function organizationsUp(tree: OrganizationTree, organization: string): string[] {
  const up: string[] = [];
  let current: string | null | undefined = organization;
  while (current !== null && current !== undefined && !up.includes(current)) {
    up.push(current);
    current = tree.parentOf(current);
  }
  return up;
}

/** Whether `ancestor` is `organization` itself or one of its ancestors. */
export function isAtOrAbove(tree: OrganizationTree, ancestor: string, organization: string): boolean {
  return organizationsUp(tree, organization).includes(ancestor);
}

/**
 * Whether the role may be used in `organization` (null: at the root, where only root roles are).
 * A role of organization O is available in O and every organization below O.
 */
export function roleAvailableIn(
  tree: OrganizationTree,
  role: Pick<Role, 'organization'>,
  organization: string | null,
): boolean {
  if (role.organization === null) return true;
  if (organization === null) return false;
  return isAtOrAbove(tree, role.organization, organization);
}

/**
 * Whether two roles are usable somewhere together, so that they may not share a name or alias:
 * one is a root role, or one's organization is at or above the other's.
 */
export function rolesOverlap(
  tree: OrganizationTree,
  a: Pick<Role, 'organization'>,
  b: Pick<Role, 'organization'>,
): boolean {
  if (a.organization === null || b.organization === null) return true;
  return isAtOrAbove(tree, a.organization, b.organization) || isAtOrAbove(tree, b.organization, a.organization);
}

/**
 * The role a name resolves to in `organization`, among the roles bearing that name or alias: the
 * one defined nearest (the organization itself, then its parent, …), then the root role.
 */
export function nearestRole<R extends Pick<Role, 'organization'>>(
  tree: OrganizationTree,
  candidates: Iterable<R>,
  organization: string | null,
): R | undefined {
  const byOrganization = new Map<string | null, R>();
  for (const role of candidates)
    if (!byOrganization.has(role.organization)) byOrganization.set(role.organization, role);
  if (organization !== null)
    for (const id of organizationsUp(tree, organization)) {
      const found = byOrganization.get(id);
      if (found !== undefined) return found;
    }
  return byOrganization.get(null);
}

/** The refusal of a role used where it is not available: it names the organization that defines the role. */
export function roleNotAvailable(
  tree: OrganizationTree,
  role: Pick<Role, 'id' | 'name' | 'organization'>,
  organization: string | null,
): TesseraError {
  const definedIn = role.organization === null ? null : (tree.nameOf(role.organization) ?? role.organization);
  const here = organization === null ? 'at the root' : `in organization "${tree.nameOf(organization) ?? organization}"`;
  return new TesseraError(
    'ROLE_NOT_USABLE_HERE',
    `role "${role.name}" is defined in organization "${definedIn}": it is available there and in the organizations below it, not ${here}`,
    {
      role: role.id,
      roleName: role.name,
      definedIn: role.organization,
      definedInName: definedIn,
      organization,
    },
  );
}
