import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { mayAt, useAccess } from '../access';
import { type Organization, type Page, type Role, type Target, ApiError, api, segment } from '../api';
import { ConfirmButton } from '../components/ConfirmButton';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField, fieldErrorOf } from '../components/FormField';
import { RoleSelect } from '../components/RoleSelect';
import { PaginatedTable, usePaged } from '../components/Paginated';
import { usePageTitle } from '../components/Placeholder';
import { useAction } from '../components/useAction';
import { CopyRole } from '../components/roles/CopyRole';
import { PermissionTreeField } from '../components/roles/PermissionTreeField';
import { useRoleSearch } from '../components/roles/useRoleSearch';
import { RoleBadges, usePermissionTree } from '../components/roles/RoleBadges';
import { type PermissionTree, permissionKeys, tickedLeaves } from '../components/roles/permissionTree';
import { useOrganizations } from '../organizations';
import './Roles.css';

/** Where a role page sends the reader after a write, with the message to show there. */
interface DoneState {
  readonly done?: string;
}

/** The roles usable in the current organization, the permissions each grants, and custom roles. */
export function RolesPage() {
  usePageTitle('Roles');
  const { current } = useOrganizations();
  return (
    <section aria-labelledby="page-title" className="roles-page">
      <h1 id="page-title">Roles</h1>
      {current === null ? (
        <p>Choose an organization to see its roles.</p>
      ) : (
        <Routes>
          <Route index element={<RoleList key={current.id} organization={current} />} />
          <Route path="new" element={<CreateRole key={current.id} organization={current} />} />
          <Route path=":roleId" element={<RoleView organization={current} />} />
        </Routes>
      )}
    </section>
  );
}

function useDoneMessage(): string | null {
  return (useLocation().state as DoneState | null)?.done ?? null;
}

function RoleList({ organization }: { organization: Organization }) {
  const { name, setName, search, roles } = useRoleSearch(organization.id);
  const done = useDoneMessage();
  const mayCreate = mayCreateRoleIn(useAccess().access, organization.id);

  return (
    <>
      <p>
        The roles usable in {organization.name}: those defined at the root (usable in every organization) and those
        defined in {organization.name} itself.
      </p>
      <Done message={done} />
      <div className="roles-toolbar">
        <div className="field">
          <label htmlFor="role-search">Find a role by name</label>
          <input
            id="role-search"
            type="search"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
          />
        </div>
        {mayCreate ? (
          <Link className="button-link primary" to="/roles/new">
            Create a role
          </Link>
        ) : null}
      </div>
      <PaginatedTable
        paged={roles}
        caption={`Roles usable in ${organization.name}`}
        rowKey={(r) => r.id}
        empty={search === '' ? `No role is usable in ${organization.name}.` : `No role's name contains “${search}”.`}
        columns={[
          { header: 'Role', cell: (r) => <Link to={`/roles/${segment(r.id)}`}>{r.name}</Link> },
          { header: 'About', cell: (r) => <RoleBadges role={r} organization={organization.id} /> },
          { header: 'Description', cell: (r) => r.description ?? <span className="hint">None</span> },
        ]}
      />
    </>
  );
}

/** A role is defined in the organization or at the root: role:manage there, or at home. */
function mayCreateRoleIn(access: ReturnType<typeof useAccess>['access'], organization: string): boolean {
  return mayAt(access, 'role:manage', organization) || mayAt(access, 'role:manage');
}

/** `null` for a root role, else the organization's id: where a new role is defined. */
function DefinedInField({
  organization,
  value,
  onChange,
  error,
}: {
  organization: Organization;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <FormField
      label="Defined in"
      hint="A root role is usable in every organization; defining one needs role:manage at the home organization."
      error={error}
    >
      <select name="defined-in" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value={organization.id}>{organization.name} (and its child organizations)</option>
        <option value="">The root (every organization)</option>
      </select>
    </FormField>
  );
}

function CreateRole({ organization }: { organization: Organization }) {
  const { tree, error } = usePermissionTree();
  return (
    <>
      <p>
        <Link to="/roles">Back to the roles</Link>
      </p>
      <ErrorMessage error={error} />
      {tree === null ? (
        error === null ? (
          <p className="loading">Loading the permission tree…</p>
        ) : null
      ) : (
        <CreateRoleForm organization={organization} tree={tree} />
      )}
      <CreateMappedRoleForm organization={organization} />
    </>
  );
}

function CreateRoleForm({ organization, tree }: { organization: Organization; tree: PermissionTree }) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [definedIn, setDefinedIn] = useState(organization.id);
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  const action = useAction(async () => {
    const answer = await api.post<{ role: Role }>('/v1/roles', {
      name: name.trim(),
      organization: definedIn === '' ? null : definedIn,
      description: description.trim() === '' ? null : description.trim(),
      permissions: permissionKeys(tree, ticked),
    });
    navigate(`/roles/${segment(answer.role.id)}`, {
      state: { done: `Created role ${answer.role.name}.` } satisfies DoneState,
    });
    return `Created role ${answer.role.name}.`;
  });
  const fieldError = fieldErrorOf(action.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-role-title">
      <h2 id="create-role-title">Create a role</h2>
      <FormField label="Name" error={fieldError('name')}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </FormField>
      <FormField label="Description" error={fieldError('description')}>
        <textarea
          name="description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={2000}
          rows={2}
        />
      </FormField>
      <DefinedInField
        organization={organization}
        value={definedIn}
        onChange={setDefinedIn}
        error={fieldError('organization')}
      />
      <PermissionTreeField tree={tree} ticked={ticked} onChange={setTicked} legend="Permissions the role grants" />
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      <button type="submit" className="primary" disabled={action.busy}>
        Create role
      </button>
    </form>
  );
}

/** WSO2's "Add Role Permission": a new role that holds an existing role's permissions, now and as they change. */
function CreateMappedRoleForm({ organization }: { organization: Organization }) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [existing, setExisting] = useState('');
  const [definedIn, setDefinedIn] = useState(organization.id);
  const [roles, setRoles] = useState<readonly Role[]>([]);
  const [more, setMore] = useState(false);
  const [rolesError, setRolesError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<Page<Role>>('/v1/roles', { organization: organization.id, limit: 500 }, controller.signal)
      .then((page) => {
        setRoles(page.items);
        setMore(page.next !== null);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setRolesError(e);
      });
    return () => controller.abort();
  }, [organization.id]);

  const action = useAction(async () => {
    if (existing === '') throw new Error('choose the existing role the new role is mapped to');
    const answer = await api.post<{ role: Role }>('/v1/roles', {
      name: name.trim(),
      organization: definedIn === '' ? null : definedIn,
      includes: [existing],
    });
    navigate(`/roles/${segment(answer.role.id)}`, {
      state: {
        done: `Created role ${answer.role.name}, mapped to ${roles.find((r) => r.id === existing)?.name ?? existing}.`,
      } satisfies DoneState,
    });
    return `Created role ${answer.role.name}.`;
  });
  const fieldError = fieldErrorOf(action.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-mapped-role-title">
      <h2 id="create-mapped-role-title">Create a role mapped to an existing role</h2>
      <p className="hint">
        The new role holds every permission and scope of the existing role, now and as they change.
      </p>
      <FormField label="New role name" error={fieldError('name')}>
        <input name="mapped-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </FormField>
      <FormField
        label="Existing role"
        error={fieldError('includes[0]') ?? fieldError('includes')}
        hint={more ? 'Only the first 500 roles are listed.' : undefined}
      >
        <RoleSelect name="existing-role" roles={roles} value={existing} onChange={setExisting} />
      </FormField>
      <ErrorMessage error={rolesError} />
      <DefinedInField
        organization={organization}
        value={definedIn}
        onChange={setDefinedIn}
        error={fieldError('organization')}
      />
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      <button type="submit" className="primary" disabled={action.busy}>
        Create mapped role
      </button>
    </form>
  );
}

interface EffectivePermissions {
  readonly permissions: readonly string[];
  readonly includes: readonly { readonly id: string; readonly name: string }[];
}

/** One role: what it is, its permissions, who holds it; rename and delete. */
function RoleView({ organization }: { organization: Organization }) {
  const { roleId = '' } = useParams();
  const [role, setRole] = useState<Role | null>(null);
  const [effective, setEffective] = useState<EffectivePermissions | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const { tree, error: treeError } = usePermissionTree();
  const done = useDoneMessage();
  const { access } = useAccess();

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([
      api.get<Role>(`/v1/roles/${segment(roleId)}`, undefined, controller.signal),
      api.get<EffectivePermissions>(`/v1/roles/${segment(roleId)}/permissions`, undefined, controller.signal),
    ])
      .then(([found, expanded]) => {
        setRole(found);
        setEffective(expanded);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      });
    return () => controller.abort();
  }, [roleId, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return (
    <>
      <p>
        <Link to="/roles">Back to the roles</Link>
      </p>
      <ErrorMessage error={error} />
      {role === null ? (
        error === null ? (
          <p className="loading">Loading…</p>
        ) : null
      ) : (
        <article aria-labelledby="role-title" className="role-details">
          <h2 id="role-title">{role.name}</h2>
          <Done message={done} />
          <RoleBadges role={role} organization={organization.id} />
          {role.description === null ? null : <p>{role.description}</p>}
          {effective !== null && effective.includes.length > 0 ? (
            <p>
              Mapped to {effective.includes.map((r) => r.name).join(', ')}: it also holds{' '}
              {effective.includes.length === 1 ? 'that role’s' : 'those roles’'} permissions.
            </p>
          ) : null}
          <div className="role-columns">
            <div>
              <ErrorMessage error={treeError} />
              {tree === null ? null : (
                <EditPermissionsForm
                  key={role.id}
                  role={role}
                  tree={tree}
                  onSaved={reload}
                  mayManage={mayAt(access, 'role:manage', role.organization)}
                />
              )}
            </div>
            <div>
              {mayAt(access, 'role:manage', role.organization) ? (
                <RenameRoleForm key={role.id} role={role} onRenamed={reload} />
              ) : null}
              <RoleHolders role={role} />
              {mayCreateRoleIn(access, organization.id) ? (
                <CopyRole
                  key={role.id}
                  role={role}
                  permissions={effective?.permissions ?? null}
                  organization={organization}
                />
              ) : null}
              {/* The server keeps predefined and non-editable roles: Delete is not offered for them. */}
              {role.predefined || !role.editable || !mayAt(access, 'role:manage', role.organization) ? null : (
                <DeleteRole role={role} />
              )}
            </div>
          </div>
        </article>
      )}
    </>
  );
}

function EditPermissionsForm({
  role,
  tree,
  onSaved,
  mayManage,
}: {
  role: Role;
  tree: PermissionTree;
  onSaved: () => void;
  mayManage: boolean;
}) {
  const editable = role.editable && mayManage;
  const initial = useMemo(() => tickedLeaves(tree, role.permissions), [tree, role.permissions]);
  const [ticked, setTicked] = useState<Set<string>>(initial.ticked);
  const keys = permissionKeys(tree, ticked);
  const unchanged =
    keys.length + initial.unknown.length === role.permissions.length && keys.every((k) => role.permissions.includes(k));
  const action = useAction(async () => {
    await api.patch(`/v1/roles/${segment(role.id)}`, { permissions: [...keys, ...initial.unknown] });
    onSaved();
    return `Saved the permissions of ${role.name}.`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="permissions-title">
      <h3 id="permissions-title">Permissions</h3>
      {initial.unknown.length > 0 ? (
        <p className="hint">Also holds keys the tree no longer has: {initial.unknown.join(', ')}.</p>
      ) : null}
      <PermissionTreeField
        tree={tree}
        ticked={ticked}
        onChange={setTicked}
        legend={`Permissions ${role.name} grants`}
        readOnly={!editable}
      />
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      {editable ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy || unchanged}>
            Save permissions
          </button>
          <button type="button" disabled={action.busy || unchanged} onClick={() => setTicked(initial.ticked)}>
            Undo changes
          </button>
        </div>
      ) : role.editable ? (
        <p className="hint">
          Changing the permissions of {role.name} takes role:manage{' '}
          {role.organizationName === null ? 'at the home organization (a root role)' : `in ${role.organizationName}`}.
        </p>
      ) : (
        <p className="hint">The permissions of {role.name} cannot be edited: create a role mapped to it instead.</p>
      )}
    </form>
  );
}

function RenameRoleForm({ role, onRenamed }: { role: Role; onRenamed: () => void }) {
  const [name, setName] = useState(role.name);
  const action = useAction(async () => {
    const answer = await api.patch<{ role: Role }>(`/v1/roles/${segment(role.id)}`, { name: name.trim() });
    onRenamed();
    return `Renamed to ${answer.role.name}.`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="rename-role-title">
      <h3 id="rename-role-title">Rename</h3>
      <p className="hint">Mappings refer to the role by id: they keep working.</p>
      <FormField
        label="New name"
        error={action.error instanceof ApiError ? action.error.fieldError('name') : undefined}
      >
        <input name="new-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </FormField>
      <button type="submit" disabled={action.busy || name.trim() === role.name}>
        Rename
      </button>
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
    </form>
  );
}

interface Holder {
  readonly user: { readonly id: string; readonly name: string; readonly status: string };
  readonly mappings: readonly {
    readonly mapping: string;
    readonly role: { readonly id: string; readonly name: string };
    readonly target: Target;
    readonly kind: 'direct' | 'group' | 'everyone';
    readonly group: { readonly id: string; readonly name: string } | null;
  }[];
}

/** "Users with this role": each holder and the mappings it holds the role through. */
function RoleHolders({ role }: { role: Role }) {
  const loader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<Holder>>(`/v1/roles/${segment(role.id)}/users`, { limit, after }, signal),
    [role.id],
  );
  const holders = usePaged(loader);
  const through = (m: Holder['mappings'][number]) => {
    const how =
      m.kind === 'direct' ? 'directly' : m.kind === 'group' ? `through group ${m.group?.name ?? ''}` : 'as everyone';
    const via = m.role.id === role.id ? '' : ` (by ${m.role.name})`;
    return `${how} at ${m.target.name}${via}`;
  };
  return (
    <section className="panel" aria-labelledby="holders-title">
      <h3 id="holders-title">Users with this role</h3>
      <PaginatedTable
        paged={holders}
        caption={`Users with ${role.name}`}
        rowKey={(h) => h.user.id}
        empty={`No user holds ${role.name}.`}
        columns={[
          {
            header: 'User',
            cell: (h) => (h.user.status === 'active' ? h.user.name : `${h.user.name} (${h.user.status})`),
          },
          {
            header: 'Holds it',
            cell: (h) => (
              <ul className="plain-list">
                {h.mappings.map((m) => (
                  <li key={`${m.mapping}:${m.group?.id ?? ''}`}>{through(m)}</li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </section>
  );
}

function DeleteRole({ role }: { role: Role }) {
  const navigate = useNavigate();
  const [cascade, setCascade] = useState(false);
  const action = useAction(async () => {
    await api.delete(`/v1/roles/${segment(role.id)}`, { cascade });
    navigate('/roles', { state: { done: `Deleted role ${role.name}.` } satisfies DoneState });
    return `Deleted role ${role.name}.`;
  });
  return (
    <section className="panel" aria-labelledby="delete-role-title">
      <h3 id="delete-role-title">Delete</h3>
      <label className="check">
        <input type="checkbox" checked={cascade} onChange={(e) => setCascade(e.target.checked)} />
        Also remove its mappings, its place in roles mapped to it, and its scopes
      </label>
      <ConfirmButton confirm={`Delete role ${role.name}?`} onConfirm={() => void action.run()} disabled={action.busy}>
        Delete role
      </ConfirmButton>
      <ErrorMessage error={action.error} />
    </section>
  );
}
