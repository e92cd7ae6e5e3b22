import { useCallback } from 'react';
import { type Role, readAllPages } from '../../api';
import { useLoaded } from '../useLoaded';

const ROLES_PER_REQUEST = 200;
/** A guard against an endless cursor: no installation has this many roles in one organization. */
const MAX_ROLE_PAGES = 20;
const NO_ROLES: readonly Role[] = [];

/** Every role usable in the organization (root roles and its own): the matrix has one column each. */
export function useAllRoles(organization: string | null) {
  const load = useCallback(
    (signal: AbortSignal) =>
      readAllPages<Role>('/v1/roles', { organization }, signal, {
        pageSize: ROLES_PER_REQUEST,
        maxPages: MAX_ROLE_PAGES,
      }),
    [organization],
  );
  const { value, error, loading, reload } = useLoaded(load);
  return { roles: value ?? NO_ROLES, error, loading, reload };
}

/**
 * How a role is allowed a scope whose allowed roles are `allowed`: 'direct' when listed, the name
 * of an included role (at any depth) that is listed, or null when it is not allowed.
 */
export function allowedThrough(
  role: Role,
  allowed: ReadonlySet<string>,
  byId: ReadonlyMap<string, Role>,
): 'direct' | string | null {
  if (allowed.has(role.id)) return 'direct';
  const seen = new Set<string>([role.id]);
  const queue = [...role.includes];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (allowed.has(id)) return byId.get(id)?.name ?? id;
    queue.push(...(byId.get(id)?.includes ?? []));
  }
  return null;
}
