import { useEffect, useState } from 'react';
import { type Permission, type Role, api } from '../../api';
import { type PermissionTree, buildPermissionTree } from './permissionTree';

/** What sets a role apart, as short labels: predefined, deprecated, not assignable, aliases, where it is defined. */
export function RoleBadges({ role, organization }: { role: Role; organization: string | null }) {
  return (
    <ul className="role-badges" aria-label={`About ${role.name}`}>
      {role.predefined ? <li className="badge badge-predefined">Predefined</li> : null}
      {role.deprecated ? <li className="badge badge-warning">Deprecated</li> : null}
      {role.assignable ? null : <li className="badge badge-warning">Not assignable</li>}
      {role.organization === null ? (
        <li className="badge">Defined at the root</li>
      ) : role.organization === organization ? (
        <li className="badge badge-here">Defined here</li>
      ) : (
        <li className="badge">Defined in {role.organizationName ?? role.organization}</li>
      )}
      {role.aliases.length > 0 ? <li className="badge">Also called {role.aliases.join(', ')}</li> : null}
    </ul>
  );
}

/** The permission tree (GET /v1/permissions), read once per page. */
export function usePermissionTree(): { tree: PermissionTree | null; error: unknown } {
  const [tree, setTree] = useState<PermissionTree | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<{ items: readonly Permission[] }>('/v1/permissions', undefined, controller.signal)
      .then((answer) => setTree(buildPermissionTree(answer.items)))
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      });
    return () => controller.abort();
  }, []);
  return { tree, error };
}
