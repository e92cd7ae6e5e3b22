import { useCallback, useDeferredValue, useState } from 'react';
import { type Page, type Role, api, segment } from '../api';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField } from '../components/FormField';
import { usePaged } from '../components/Paginated';
import { usePageTitle } from '../components/Placeholder';
import { mayAt, useAccess } from '../access';
import { useAction } from '../components/useAction';
import { AddRolePermission } from '../components/scopes/AddRolePermission';
import { type Scope, ScopeMatrix } from '../components/scopes/ScopeMatrix';
import { useAllRoles } from '../components/scopes/roles';
import { useOrganizations } from '../organizations';
import './Scopes.css';

const SCOPES_PER_PAGE = 25;

/** OAuth scopes and the roles allowed each (role permissions), as a matrix; and adding a role permission. */
export function ScopesPage() {
  usePageTitle('Scopes');
  const { current } = useOrganizations();
  const { access } = useAccess();
  const roles = useAllRoles(current?.id ?? null);
  const [nameFilter, setNameFilter] = useState('');
  const [roleFilter, setRoleFilter] = useState('');
  const name = useDeferredValue(nameFilter.trim());

  const loader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<Scope>>('/v1/scopes', { name, role: roleFilter, limit, after }, signal),
    [name, roleFilter],
  );
  const scopes = usePaged(loader, SCOPES_PER_PAGE);
  const remove = useAction(async (scope: Scope, role: Role) => {
    // Read the scope afresh (its ETag too): the write keeps the roles allowed it since, and fails on a race.
    const current = await api.get<Scope>(`/v1/scopes/${segment(scope.name)}`);
    await api.put(`/v1/scopes/${segment(scope.name)}`, {
      roles: current.roles.map((r) => r.id).filter((id) => id !== role.id),
    });
    scopes.reload();
    return `${role.name} is no longer allowed the scope ${scope.name}.`;
  });
  const columns = roleFilter === '' ? roles.roles : roles.roles.filter((r) => r.id === roleFilter);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Scopes</h1>
      <p>
        The OAuth scopes of the installation and the roles allowed each: a ✓ where a role is allowed a scope, directly
        or through a role it includes. Roles are those usable in {current?.name ?? 'the organization'}.
      </p>
      <form
        className="panel scope-filters"
        role="search"
        aria-label="Filter scopes"
        onSubmit={(e) => e.preventDefault()}
      >
        <FormField label="Scope name contains">
          <input
            type="search"
            name="scope-name"
            value={nameFilter}
            onChange={(e) => setNameFilter(e.target.value)}
            maxLength={200}
          />
        </FormField>
        <FormField label="Role" hint="Only the scopes this role is allowed, and only its column.">
          <select name="role-filter" value={roleFilter} onChange={(e) => setRoleFilter(e.target.value)}>
            <option value="">All roles</option>
            {roles.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </FormField>
      </form>
      <ErrorMessage error={roles.error} />
      <ErrorMessage error={remove.error} />
      <Done message={remove.done} />
      <ScopeMatrix
        scopes={scopes}
        roles={columns}
        allRoles={roles.roles}
        onRemove={mayAt(access, 'scope:manage') ? (scope, role) => void remove.run(scope, role) : undefined}
        removing={remove.busy}
      />
      {mayAt(access, 'scope:manage') ? (
        <AddRolePermission
          roles={roles.roles}
          onChanged={(created) => {
            if (created) roles.reload();
            scopes.reload();
          }}
        />
      ) : null}
    </section>
  );
}
