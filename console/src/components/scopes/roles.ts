import { useCallback, useEffect, useState } from 'react';
import { type Page, type Role, api } from '../../api';

/** A role as GET /v1/roles answers it, with the roles it includes (their scopes are its scopes too). */
export interface RoleWithIncludes extends Role {
  readonly includes: readonly string[];
}

const ROLES_PER_REQUEST = 200;
/** A guard against an endless cursor: no installation has this many roles in one organization. */
const MAX_ROLE_PAGES = 20;

/** Every role usable in the organization (root roles and its own): the matrix has one column each. */
export function useAllRoles(organization: string | null) {
  const [roles, setRoles] = useState<readonly RoleWithIncludes[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    (async () => {
      const all: RoleWithIncludes[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < MAX_ROLE_PAGES; pages++) {
        const page: Page<RoleWithIncludes> = await api.get<Page<RoleWithIncludes>>('/v1/roles', { organization, limit: ROLES_PER_REQUEST, after }, controller.signal);
        all.push(...page.items);
        after = page.next;
        if (after === null) break;
      }
      return all;
    })()
      .then((all) => {
        setRoles(all);
        setError(null);
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(e);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [organization, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { roles, error, loading, reload };
}

/**
 * How a role is allowed a scope whose allowed roles are `allowed`: 'direct' when listed, the name
 * of an included role (at any depth) that is listed, or null when it is not allowed.
 */
export function allowedThrough(role: RoleWithIncludes, allowed: ReadonlySet<string>, byId: ReadonlyMap<string, RoleWithIncludes>): 'direct' | string | null {
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
