import { type FormEvent, useCallback, useDeferredValue, useState } from 'react';
import { type Page, type Role, api, segment } from '../../api';
import { Done } from '../Done';
import { ErrorMessage } from '../ErrorMessage';
import { FormField, fieldErrorOf } from '../FormField';
import { RoleSelect } from '../RoleSelect';
import { Pager, usePaged } from '../Paginated';
import { useAction } from '../useAction';
import type { Scope } from './ScopeMatrix';

const SCOPES_PER_PAGE = 15;

type Mode = 'map' | 'scopes';

/**
 * Add a role permission: a new role mapped to an existing one (it is allowed every scope that role
 * is), or an existing role allowed the scopes picked from the list.
 */
export function AddRolePermission({
  roles,
  onChanged,
}: {
  roles: readonly Role[];
  onChanged: (created: boolean) => void;
}) {
  const [mode, setMode] = useState<Mode>('scopes');
  return (
    <section className="panel" aria-labelledby="add-permission-title">
      <h2 id="add-permission-title">Add a role permission</h2>
      <fieldset>
        <legend>How the role gets its scopes</legend>
        <label className="check">
          <input
            type="radio"
            name="permission-mode"
            value="scopes"
            checked={mode === 'scopes'}
            onChange={() => setMode('scopes')}
          />
          Pick scopes for a role
        </label>
        <label className="check">
          <input
            type="radio"
            name="permission-mode"
            value="map"
            checked={mode === 'map'}
            onChange={() => setMode('map')}
          />
          Map a new role to an existing role
        </label>
      </fieldset>
      {mode === 'map' ? (
        <MapToRoleForm roles={roles} onCreated={() => onChanged(true)} />
      ) : (
        <PickScopesForm roles={roles} onAllowed={() => onChanged(false)} />
      )}
    </section>
  );
}

function MapToRoleForm({ roles, onCreated }: { roles: readonly Role[]; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [existing, setExisting] = useState('');
  const action = useAction(async () => {
    if (existing === '') throw new Error('choose the existing role to map the new role to');
    const answer = await api.post<{ role: Role }>('/v1/roles', { name: name.trim(), includes: [existing] });
    const existingName = roles.find((r) => r.id === existing)?.name ?? existing;
    setName('');
    onCreated();
    return `Created role ${answer.role.name}, mapped to ${existingName}: it is allowed every scope ${existingName} is.`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  const fieldError = fieldErrorOf(action.error);
  return (
    <form onSubmit={submit} aria-label="Map a new role to an existing role">
      <FormField label="New role name" error={fieldError('name')}>
        <input name="role-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </FormField>
      <FormField
        label="Existing role"
        hint="The new role holds this role's permissions and scopes, now and as they change."
        error={fieldError('includes') ?? fieldError('includes.0')}
      >
        <RoleSelect name="existing-role" roles={roles} value={existing} onChange={setExisting} />
      </FormField>
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      <button type="submit" className="primary" disabled={action.busy}>
        Create mapped role
      </button>
    </form>
  );
}

function PickScopesForm({ roles, onAllowed }: { roles: readonly Role[]; onAllowed: () => void }) {
  const [role, setRole] = useState('');
  const [search, setSearch] = useState('');
  const needle = useDeferredValue(search.trim());
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const loader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<Scope>>('/v1/scopes', { name: needle, limit, after }, signal),
    [needle],
  );
  const scopes = usePaged(loader, SCOPES_PER_PAGE);

  const action = useAction(async () => {
    if (role === '') throw new Error('choose the role to allow the scopes');
    if (chosen.size === 0) throw new Error('pick at least one scope');
    const roleName = roles.find((r) => r.id === role)?.name ?? role;
    const allowed: string[] = [];
    try {
      for (const name of [...chosen].sort()) {
        // Read each scope afresh so roles allowed it meanwhile are kept.
        const current = await api.get<Scope>(`/v1/scopes/${segment(name)}`);
        const ids = current.roles.map((r) => r.id);
        if (!ids.includes(role)) await api.put(`/v1/scopes/${segment(name)}`, { roles: [...ids, role] });
        allowed.push(name);
      }
    } finally {
      if (allowed.length > 0) {
        setChosen((picked) => new Set([...picked].filter((n) => !allowed.includes(n))));
        scopes.reload();
        onAllowed();
      }
    }
    return `Allowed ${roleName} ${allowed.length === 1 ? 'the scope' : `${allowed.length} scopes:`} ${allowed.join(', ')}.`;
  });

  const toggle = (name: string, on: boolean) =>
    setChosen((picked) => {
      const next = new Set(picked);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };

  return (
    <form onSubmit={submit} aria-label="Pick scopes for a role">
      <FormField label="Role">
        <RoleSelect name="role" roles={roles} value={role} onChange={setRole} />
      </FormField>
      <FormField label="Find scopes">
        <input
          type="search"
          name="scope-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          maxLength={200}
        />
      </FormField>
      <fieldset aria-busy={scopes.loading}>
        <legend>Scopes ({chosen.size} picked)</legend>
        <ErrorMessage error={scopes.error} />
        {scopes.items.map((scope) => {
          const already = role !== '' && scope.roles.some((r) => r.id === role);
          return (
            <label key={scope.name} className="check">
              <input
                type="checkbox"
                name="scope"
                value={scope.name}
                checked={already || chosen.has(scope.name)}
                disabled={already}
                onChange={(e) => toggle(scope.name, e.target.checked)}
              />
              <code>{scope.name}</code>
              {already ? <span className="hint">&nbsp;(already allowed)</span> : null}
            </label>
          );
        })}
        {!scopes.loading && scopes.error === null && scopes.items.length === 0 ? (
          <p className="empty">No scope matches.</p>
        ) : null}
        <Pager paged={scopes} label="scopes to pick" />
      </fieldset>
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      <button type="submit" className="primary" disabled={action.busy}>
        Allow picked scopes
      </button>
    </form>
  );
}
