import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { type Group, type Mapping, type Organization, type Page, type Project, ApiError, api, segment } from '../api';
import { ConfirmButton } from '../components/ConfirmButton';
import { type DataColumn, DataTable, useAllPages } from '../components/DataTable';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField, fieldErrorOf } from '../components/FormField';
import { OrganizationMembers } from '../components/OrganizationMembers';
import { RoleSelect, useAssignableRoles } from '../components/RoleSelect';
import { PaginatedTable, Pager, usePaged } from '../components/Paginated';
import { usePageTitle } from '../components/Placeholder';
import { useAction } from '../components/useAction';
import { mayAt, useAccess } from '../access';
import { useOrganizations } from '../organizations';

const TREE_PAGE_SIZE = 100;

/** The organization tree, its projects, and the forms to create and rename them. */
export function OrganizationsPage() {
  usePageTitle('Organizations');
  const switcher = useOrganizations();
  const { access } = useAccess();
  const tree = useOrganizationList();
  const selected = tree.items.find((o) => o.id === switcher.current?.id) ?? switcher.current;

  const listQuery = useMemo(() => ({}), []);
  const listed = useAllPages<ListedOrganization>('/v1/organizations', listQuery);
  const changed = useCallback(
    async (chosen?: string) => {
      listed.reload();
      await Promise.all([tree.reload(), switcher.reload()]);
      if (chosen !== undefined) switcher.choose(chosen);
    },
    [tree, switcher, listed.reload],
  );

  return (
    <section aria-labelledby="page-title" className="organizations-page">
      <h1 id="page-title">Organizations</h1>
      <div className="columns">
        <div>
          <section aria-labelledby="tree-title" className="panel">
            <h2 id="tree-title">Organization tree</h2>
            <ErrorMessage error={tree.error} />
            <OrganizationTree organizations={tree.items} selected={selected?.id ?? null} onSelect={switcher.choose} />
            {tree.next !== null ? (
              <button type="button" onClick={tree.loadMore} disabled={tree.loading}>
                Show more organizations
              </button>
            ) : null}
          </section>
          {mayAt(access, 'organization:create') || mayAt(access, 'organization:create', selected?.id ?? null) ? (
            <CreateOrganizationForm
              organizations={tree.items}
              selected={selected ?? null}
              onCreated={(o) => changed(o.id)}
            />
          ) : null}
        </div>
        {selected === null || selected === undefined ? (
          <p>Choose an organization to see its projects.</p>
        ) : (
          <OrganizationDetails key={selected.id} organization={selected} onRenamed={() => changed()} />
        )}
      </div>
      <section aria-labelledby="all-organizations-title" className="panel">
        <h2 id="all-organizations-title">All organizations</h2>
        <DataTable
          items={listed.items}
          loading={listed.loading}
          error={listed.error}
          caption="Every organization you may see"
          rowKey={(o) => o.id}
          empty="No organization is visible to you."
          initialSort={{ key: 'name', direction: 'ascending' }}
          columns={organizationColumns(listed.items, selected?.id ?? null, switcher.choose)}
        />
      </section>
    </section>
  );
}

/** An organization as the list answers it: with its number of projects. */
interface ListedOrganization extends Organization {
  readonly projects: number;
}

function organizationColumns(
  all: readonly ListedOrganization[],
  selected: string | null,
  choose: (id: string) => void,
): DataColumn<ListedOrganization>[] {
  const names = new Map(all.map((o) => [o.id, o.name]));
  const parentOf = (o: ListedOrganization) => (o.parent === null ? '' : (names.get(o.parent) ?? ''));
  return [
    {
      key: 'name',
      header: 'Name',
      required: true,
      sortValue: (o) => o.name,
      cell: (o) => (
        <button type="button" className="link" aria-pressed={o.id === selected} onClick={() => choose(o.id)}>
          {o.name}
        </button>
      ),
    },
    { key: 'parent', header: 'Parent', sortValue: parentOf, cell: (o) => parentOf(o) || 'None (a root)' },
    { key: 'projects', header: 'Projects', numeric: true, sortValue: (o) => o.projects, cell: (o) => o.projects },
  ];
}

/** Every organization the caller may see, read page by page on demand (the tree needs parents and children together). */
function useOrganizationList() {
  const [items, setItems] = useState<readonly Organization[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async (after: string | null, keep: readonly Organization[]) => {
    setLoading(true);
    try {
      const page = await api.get<Page<Organization>>('/v1/organizations', { limit: TREE_PAGE_SIZE, after });
      setItems([...keep, ...page.items]);
      setNext(page.next);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(null, []);
  }, [load]);

  const reload = useCallback(() => load(null, []), [load]);
  const loadMore = useCallback(() => void load(next, items), [load, next, items]);
  return useMemo(
    () => ({ items, next, loading, error, reload, loadMore }),
    [items, next, loading, error, reload, loadMore],
  );
}

function OrganizationTree({
  organizations,
  selected,
  onSelect,
}: {
  organizations: readonly Organization[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const known = new Set(organizations.map((o) => o.id));
  const childrenOf = (parent: string | null) =>
    organizations
      .filter((o) => (parent === null ? o.parent === null || !known.has(o.parent) : o.parent === parent))
      .sort((a, b) => a.name.localeCompare(b.name));

  const branch = (parent: string | null, depth: number) => {
    const children = childrenOf(parent);
    if (children.length === 0) return null;
    return (
      <ul className={depth === 0 ? 'tree' : undefined}>
        {children.map((o) => (
          <li key={o.id}>
            <button
              type="button"
              className="tree-item"
              aria-current={o.id === selected ? 'true' : undefined}
              onClick={() => onSelect(o.id)}
            >
              {o.name}
            </button>
            {branch(o.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };

  if (organizations.length === 0) return <p className="empty">No organization is visible to you.</p>;
  return <nav aria-label="Organizations">{branch(null, 0)}</nav>;
}

function CreateOrganizationForm({
  organizations,
  selected,
  onCreated,
}: {
  organizations: readonly Organization[];
  selected: Organization | null;
  onCreated: (o: Organization) => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const action = useAction(async () => {
    const created = await api.post<{ organization: Organization }>('/v1/organizations', {
      name,
      parent: parent === '' ? null : parent,
    });
    setName('');
    await onCreated(created.organization);
    return `Created organization ${created.organization.name}.`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  const fieldError = fieldErrorOf(action.error);
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-organization-title">
      <h2 id="create-organization-title">Create an organization</h2>
      <FormField label="Name" error={fieldError('name')}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </FormField>
      <FormField
        label="Parent organization"
        hint="A child organization inherits its parent's role mappings."
        error={fieldError('parent')}
      >
        <select name="parent" value={parent} onChange={(e) => setParent(e.target.value)}>
          <option value="">None (a root organization)</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
              {o.id === selected?.id ? ' (selected)' : ''}
            </option>
          ))}
        </select>
      </FormField>
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      <button type="submit" className="primary" disabled={action.busy}>
        Create organization
      </button>
    </form>
  );
}

function OrganizationDetails({
  organization,
  onRenamed,
}: {
  organization: Organization;
  onRenamed: () => Promise<void>;
}) {
  const [restricting, setRestricting] = useState<Project | null>(null);
  const loader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<Project>>(`/v1/organizations/${segment(organization.id)}/projects`, { limit, after }, signal),
    [organization.id],
  );
  const projects = usePaged(loader);
  const { access } = useAccess();

  return (
    <section aria-labelledby="organization-title" className="details">
      <h2 id="organization-title">{organization.name}</h2>
      {mayAt(access, 'organization:update', organization.id) ? (
        <RenameOrganizationForm organization={organization} onRenamed={onRenamed} />
      ) : null}
      <section aria-labelledby="projects-title" className="panel">
        <h3 id="projects-title">Projects</h3>
        <PaginatedTable
          paged={projects}
          caption={`Projects of ${organization.name}`}
          rowKey={(p) => p.id}
          empty={`${organization.name} has no projects yet.`}
          columns={[
            { header: 'Name', cell: (p) => p.name },
            { header: 'Path', cell: (p) => <code>{p.path}</code> },
            {
              header: 'Access',
              cell: (p) =>
                // Mapping the groups' roles at the project: role:assign there, and seeing the groups.
                mayAt(access, 'role:assign', { organization: organization.id, project: p.id }) &&
                mayAt(access, 'group:view', organization.id) ? (
                  // The visible words begin the accessible name (WCAG 2.5.3); the project's name ends it.
                  <button type="button" onClick={() => setRestricting(p)}>
                    Restrict to groups<span className="visually-hidden"> for {p.name}</span>
                  </button>
                ) : (
                  'Takes role:assign at the project'
                ),
            },
          ]}
        />
        {mayAt(access, 'project:create', organization.id) ? (
          <CreateProjectForm
            organization={organization}
            onCreated={() => {
              projects.reload();
              // The organizations' table counts projects.
              void onRenamed();
            }}
          />
        ) : null}
      </section>
      <OrganizationMembers organization={organization} />
      {restricting === null ? null : (
        <RestrictProjectForm
          key={restricting.id}
          organization={organization}
          project={restricting}
          onClose={() => setRestricting(null)}
        />
      )}
    </section>
  );
}

function RenameOrganizationForm({
  organization,
  onRenamed,
}: {
  organization: Organization;
  onRenamed: () => Promise<void>;
}) {
  const [name, setName] = useState(organization.name);
  const path = `/v1/organizations/${segment(organization.id)}`;
  // The list carries no versions: read the organization once, so the rename is sent with its ETag
  // as If-Match and refused (412) if someone changed it meanwhile.
  useEffect(() => {
    api.get(path).catch(() => undefined);
  }, [path]);
  const action = useAction(async () => {
    const answer = await api.patch<{ organization: Organization }>(path, {
      name,
    });
    await onRenamed();
    return `Renamed to ${answer.organization.name}.`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form className="panel inline-form" onSubmit={submit} aria-labelledby="rename-title">
      <h3 id="rename-title">Rename</h3>
      <FormField
        label="New name"
        error={action.error instanceof ApiError ? action.error.fieldError('name') : undefined}
      >
        <input name="new-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </FormField>
      <button type="submit" disabled={action.busy || name === organization.name}>
        Rename
      </button>
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
    </form>
  );
}

function CreateProjectForm({ organization, onCreated }: { organization: Organization; onCreated: () => void }) {
  const [name, setName] = useState('');
  const action = useAction(async () => {
    const answer = await api.post<{ project: Project }>(`/v1/organizations/${segment(organization.id)}/projects`, {
      name,
    });
    setName('');
    onCreated();
    return `Created project ${answer.project.path}.`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="create-project-title">
      <h4 id="create-project-title">Create a project</h4>
      <FormField
        label="Project name"
        hint="No slashes: a project is named by its path, organization/project."
        error={action.error instanceof ApiError ? action.error.fieldError('name') : undefined}
      >
        <input name="project-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </FormField>
      <button type="submit" disabled={action.busy}>
        Create project
      </button>
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
    </form>
  );
}

/**
 * "Restrict a project to chosen groups": map the chosen groups' role at the project itself, so
 * they act there without a role at the whole organization.
 */
function RestrictProjectForm({
  organization,
  project,
  onClose,
}: {
  organization: Organization;
  project: Project;
  onClose: () => void;
}) {
  const [chosen, setChosen] = useState<ReadonlyMap<string, Group>>(new Map());
  const [role, setRole] = useState('');
  const { roles, error: rolesError } = useAssignableRoles(organization.id);

  const groupLoader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<Group>>(`/v1/organizations/${segment(organization.id)}/groups`, { limit, after }, signal),
    [organization.id],
  );
  const groups = usePaged(groupLoader);
  const mappingLoader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<Mapping>>(
        '/v1/mappings',
        { level: 'project', target: project.id, organization: organization.id, limit, after },
        signal,
      ),
    [project.id, organization.id],
  );
  const mappings = usePaged(mappingLoader);

  const action = useAction(async () => {
    if (chosen.size === 0) throw new Error('choose at least one group');
    if (role === '') throw new Error('choose the role the groups get at the project');
    const mapped: string[] = [];
    for (const group of chosen.values()) {
      await api.post('/v1/mappings', {
        role,
        subject: { kind: 'group', id: group.id },
        target: { type: 'project', id: project.id },
      });
      mapped.push(group.name);
    }
    setChosen(new Map());
    mappings.reload();
    const roleName = roles.find((r) => r.id === role)?.name ?? role;
    return `Mapped ${roleName} at ${project.path} to ${mapped.join(', ')}.`;
  });

  const toggle = (group: Group, on: boolean) =>
    setChosen((current) => {
      const next = new Map(current);
      if (on) next.set(group.id, group);
      else next.delete(group.id);
      return next;
    });

  const removeAction = useAction(async (mapping: Mapping) => {
    await api.delete(`/v1/mappings/${segment(mapping.id)}`);
    mappings.reload();
    return `Removed ${mapping.role.name} of ${mapping.subject.name} at ${project.path}.`;
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };

  return (
    <section className="panel" aria-labelledby="restrict-title">
      <h3 id="restrict-title">Restrict {project.path} to chosen groups</h3>
      <p className="hint">
        Roles mapped at {organization.name} itself still reach every project in it. To keep a project to chosen groups,
        map their roles here, at the project, rather than at the organization.
      </p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>Groups of {organization.name}</legend>
          <ErrorMessage error={groups.error} />
          {groups.items.map((group) => (
            <label key={group.id} className="check">
              <input
                type="checkbox"
                name="group"
                value={group.id}
                checked={chosen.has(group.id)}
                onChange={(e) => toggle(group, e.target.checked)}
              />
              {group.name}
            </label>
          ))}
          {!groups.loading && groups.items.length === 0 && groups.error === null ? (
            <p className="empty">{organization.name} has no groups.</p>
          ) : null}
          <Pager paged={groups} label={`groups of ${organization.name}`} />
        </fieldset>
        <FormField label="Role at the project">
          <RoleSelect name="role" roles={roles} value={role} onChange={setRole} />
        </FormField>
        <ErrorMessage error={rolesError} />
        <ErrorMessage error={action.error} />
        <Done message={action.done} />
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy}>
            Map role to chosen groups
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      <h4>Mapped at {project.path}</h4>
      <ErrorMessage error={removeAction.error} />
      <Done message={removeAction.done} />
      <PaginatedTable
        paged={mappings}
        caption={`Role mappings at ${project.path}`}
        rowKey={(m) => m.id}
        empty="No role is mapped at this project: only roles held at the organization reach it."
        columns={[
          { header: 'Role', cell: (m) => m.role.name },
          {
            header: 'Subject',
            cell: (m) =>
              `${m.subject.kind === 'group' ? 'Group' : m.subject.kind === 'user' ? 'User' : ''} ${m.subject.name}`.trim(),
          },
          {
            header: 'Remove',
            cell: (m) => (
              <ConfirmButton
                confirm={`Remove ${m.role.name} of ${m.subject.name}?`}
                onConfirm={() => void removeAction.run(m)}
              >
                Remove
              </ConfirmButton>
            ),
          },
        ]}
      />
    </section>
  );
}
