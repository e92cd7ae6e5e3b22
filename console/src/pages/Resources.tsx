import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { mayAt, maySomewhereIn, resourcePermission, useAccess } from '../access';
import { ApiError, type Mapping, type Organization, type Page, type Project, api, segment } from '../api';
import { ConfirmButton } from '../components/ConfirmButton';
import { type DataColumn, DataTable, useAllPages } from '../components/DataTable';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField, fieldErrorOf } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { useAction } from '../components/useAction';
import { useOrganizations } from '../organizations';
import './Resources.css';

/** A resource as /v1/resources answers it. */
export interface Resource {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly organization: string;
  readonly project: string | null;
  readonly private: boolean;
  readonly anonymousAccess: boolean;
  readonly path: string;
}

interface Administrators {
  readonly role: { readonly id: string; readonly name: string };
  readonly administrators: readonly Mapping[];
}

/** The type every preset knows; the others in use are offered too. */
const KNOWN_TYPES = ['api'];

/** APIs and other resources of the organization: create, make private or public, allow anonymous access, administrators. */
export function ResourcesPage() {
  usePageTitle('APIs and resources');
  const { current } = useOrganizations();
  return (
    <section aria-labelledby="page-title" className="resources-page">
      <h1 id="page-title">APIs and resources</h1>
      {current === null ? (
        <p className="panel">Choose an organization to see its resources.</p>
      ) : (
        <OrganizationResources key={current.id} organization={current} />
      )}
    </section>
  );
}

function OrganizationResources({ organization }: { organization: Organization }) {
  const { access, reload: reloadAccess } = useAccess();
  const query = useMemo(() => ({ organization: organization.id }), [organization.id]);
  const resources = useAllPages<Resource>('/v1/resources', query);
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = resources.items.find((r) => r.id === chosen) ?? null;
  const types = useMemo(
    () => [...new Set([...KNOWN_TYPES, ...resources.items.map((r) => r.type)])].sort(),
    [resources.items],
  );

  const update = useAction(async (resource: Resource, change: { private?: boolean; anonymousAccess?: boolean }) => {
    const answer = await api.patch<{ resource: Resource; approval?: unknown }>(
      `/v1/resources/${segment(resource.id)}`,
      change,
    );
    resources.reload();
    if (answer.approval !== undefined)
      return `Publishing ${resource.name} awaits approval; it stays private until then.`;
    if (change.private !== undefined) return `${resource.name} is now ${change.private ? 'private' : 'public'}.`;
    return `Anonymous access to ${resource.name} is now ${change.anonymousAccess === true ? 'allowed' : 'refused'}.`;
  });

  const at = (r: Resource) => ({ organization: r.organization, project: r.project, resource: r.id });
  const mayEdit = (r: Resource) => mayAt(access, resourcePermission(access, r.type, 'edit'), at(r));
  // Creating one: at the organization, or in one of its projects the user works in.
  const mayCreateIn = (type: string) =>
    maySomewhereIn(access, resourcePermission(access, type, 'create'), organization.id);
  const mayCreate = types.some(mayCreateIn);

  const columns: DataColumn<Resource>[] = [
    {
      key: 'name',
      header: 'Name',
      required: true,
      sortValue: (r) => r.name,
      cell: (r) => (
        <button
          type="button"
          className="link"
          aria-pressed={r.id === chosen}
          onClick={() => setChosen(r.id === chosen ? null : r.id)}
        >
          {r.name}
        </button>
      ),
    },
    { key: 'type', header: 'Type', cell: (r) => r.type, sortValue: (r) => r.type },
    { key: 'path', header: 'Path', cell: (r) => r.path, sortValue: (r) => r.path, hidden: true },
    {
      key: 'visibility',
      header: 'Visibility',
      sortValue: (r) => (r.private ? 'private' : 'public'),
      cell: (r) => (
        <span className="toggle-cell">
          {r.private ? 'Private' : 'Public'}{' '}
          {mayEdit(r) ? (
            <button
              type="button"
              disabled={update.busy}
              onClick={() => void update.run(r, { private: !r.private })}
              aria-label={r.private ? `Make public: ${r.name}` : `Make private: ${r.name}`}
            >
              {r.private ? 'Make public' : 'Make private'}
            </button>
          ) : null}
        </span>
      ),
    },
    {
      key: 'anonymous',
      header: 'Anonymous access',
      sortValue: (r) => (r.anonymousAccess ? 1 : 0),
      cell: (r) => (
        <span className="toggle-cell">
          {r.anonymousAccess ? 'Allowed' : 'Refused'}{' '}
          {mayEdit(r) ? (
            <button
              type="button"
              disabled={update.busy}
              onClick={() => void update.run(r, { anonymousAccess: !r.anonymousAccess })}
              aria-label={
                r.anonymousAccess ? `Refuse anonymous access to ${r.name}` : `Allow anonymous access to ${r.name}`
              }
            >
              {r.anonymousAccess ? 'Refuse' : 'Allow'}
            </button>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <div className="resources-layout">
      <div>
        <ErrorMessage error={update.error} />
        <Done message={update.done} />
        <DataTable
          items={resources.items}
          loading={resources.loading}
          error={resources.error}
          caption={`Resources of ${organization.name}`}
          columns={columns}
          rowKey={(r) => r.id}
          initialSort={{ key: 'name', direction: 'ascending' }}
          columnPicker
          empty="There are no resources in this organization yet."
        />
        {selected === null ? null : <ResourceAdministrators key={selected.id} resource={selected} />}
      </div>
      {mayCreate ? (
        <CreateResourceForm
          organization={organization}
          types={types.filter(mayCreateIn)}
          onCreated={(id) => {
            resources.reload();
            setChosen(id);
            // Its creator may have become its first administrator: what they may do there changed.
            void reloadAccess();
          }}
        />
      ) : null}
    </div>
  );
}

function CreateResourceForm({
  organization,
  types,
  onCreated,
}: {
  organization: Organization;
  types: readonly string[];
  onCreated: (id: string) => void;
}) {
  const [type, setType] = useState('api');
  const [name, setName] = useState('');
  const [project, setProject] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [projects, setProjects] = useState<readonly Project[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<Page<Project>>(`/v1/organizations/${segment(organization.id)}/projects`, { limit: 500 }, controller.signal)
      .then((page) => setProjects(page.items))
      .catch(() => setProjects([]));
    return () => controller.abort();
  }, [organization.id]);

  const action = useAction(async () => {
    const answer = await api.post<{ resource: Resource; approval?: unknown }>('/v1/resources', {
      type: type.trim(),
      name: name.trim(),
      ...(project === '' ? { organization: organization.id } : { project }),
      private: isPrivate,
      anonymousAccess: anonymous,
    });
    setName('');
    onCreated(answer.resource.id);
    return answer.approval === undefined
      ? `Created ${answer.resource.type} ${answer.resource.name}.`
      : `Created ${answer.resource.type} ${answer.resource.name}; publishing it awaits approval.`;
  });
  const fieldError = fieldErrorOf(action.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };

  return (
    <form className="panel" aria-labelledby="create-resource-title" onSubmit={submit}>
      <h2 id="create-resource-title">Create a resource</h2>
      <FormField label="Type" hint="api, or another type the preset names." error={fieldError('type')}>
        <input name="type" list="resource-types" value={type} onChange={(e) => setType(e.target.value)} required />
      </FormField>
      <datalist id="resource-types">
        {types.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <FormField label="Name" error={fieldError('name')}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </FormField>
      <FormField label="Project" hint="Or directly in the organization." error={fieldError('project')}>
        <select name="project" value={project} onChange={(e) => setProject(e.target.value)}>
          <option value="">None: in {organization.name}</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </FormField>
      <label className="checkbox">
        <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} /> Private (only
        invited people see it)
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Allow anonymous
        access
      </label>
      <ErrorMessage error={action.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          Create resource
        </button>
      </div>
      <Done message={action.done} />
    </form>
  );
}

/** The administrators of one resource (Akana's API Admins): list, add by username, invite by email, remove. */
function ResourceAdministrators({ resource }: { resource: Resource }) {
  const { access } = useAccess();
  const at = { organization: resource.organization, project: resource.project, resource: resource.id };
  const mayManage = mayAt(access, resourcePermission(access, resource.type, 'manageAdministrators'), at);
  // An invitation to the resource also needs user:invite and role:assign there.
  const mayInvite = mayManage && mayAt(access, 'user:invite', at) && mayAt(access, 'role:assign', at);
  const [answer, setAnswer] = useState<Administrators | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const path = `/v1/resources/${segment(resource.id)}/administrators`;

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<Administrators>(path, undefined, controller.signal)
      .then((a) => {
        setAnswer(a);
        setLoadError(null);
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setAnswer(null);
        setLoadError(e);
      });
    return () => controller.abort();
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const add = useAction(async () => {
    await api.post(path, { user: username.trim() });
    reload();
    const added = username.trim();
    setUsername('');
    return `${added} is now an administrator of ${resource.name}.`;
  });
  const invite = useAction(async () => {
    if (answer === null) throw new Error('the administrator role is not known yet');
    await api.post('/v1/invitations', {
      email: email.trim(),
      role: answer.role.id,
      resource: { type: resource.type, id: resource.id },
    });
    const invited = email.trim();
    setEmail('');
    return `Invited ${invited} to administer ${resource.name}.`;
  });
  const remove = useAction(async (mapping: Mapping) => {
    await api.delete(`${path}/${segment(mapping.subject.id ?? '')}`);
    reload();
    return `${mapping.subject.name} no longer administers ${resource.name}.`;
  });

  const heading = `Administrators of ${resource.name}`;
  const noAdministrators = loadError instanceof ApiError && loadError.slug === 'no-administrator-role';
  return (
    <section className="panel resource-administrators" aria-label={heading}>
      <h2>{heading}</h2>
      {noAdministrators ? (
        <p>Resources of type {resource.type} have no administrators in this preset.</p>
      ) : (
        <ErrorMessage error={loadError} />
      )}
      {answer === null ? null : (
        <>
          <p>
            Holders of the role <strong>{answer.role.name}</strong> on {resource.name} itself.
          </p>
          <ul className="administrators">
            {answer.administrators.map((m) => (
              <li key={m.id} aria-label={`Administrator ${m.subject.name}`}>
                <span>{m.subject.name}</span>{' '}
                {m.subject.kind === 'user' && mayManage ? (
                  <ConfirmButton
                    confirm={`Remove ${m.subject.name} from the administrators of ${resource.name}?`}
                    onConfirm={() => void remove.run(m)}
                  >
                    Remove
                  </ConfirmButton>
                ) : null}
              </li>
            ))}
          </ul>
          <ErrorMessage error={remove.error} />
          <Done message={remove.done} />
          {mayManage ? null : (
            <p className="hint">
              Adding and removing its administrators takes{' '}
              {resourcePermission(access, resource.type, 'manageAdministrators')} on {resource.name} itself.
            </p>
          )}
          {mayManage ? (
            <form
              aria-label={`Add an administrator to ${resource.name}`}
              onSubmit={(e) => {
                e.preventDefault();
                void add.run();
              }}
            >
              <FormField label="Username" hint="An existing user: username, or STORE/username.">
                <input name="user" value={username} onChange={(e) => setUsername(e.target.value)} required />
              </FormField>
              <ErrorMessage error={add.error} />
              <div className="actions">
                <button type="submit" disabled={add.busy}>
                  Add administrator
                </button>
              </div>
              <Done message={add.done} />
            </form>
          ) : null}
          {mayInvite ? (
            <form
              aria-label={`Invite an administrator of ${resource.name}`}
              onSubmit={(e) => {
                e.preventDefault();
                void invite.run();
              }}
            >
              <FormField label="Email" hint="Someone without an account: the invitation makes them one.">
                <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
              </FormField>
              <ErrorMessage error={invite.error} />
              <div className="actions">
                <button type="submit" disabled={invite.busy}>
                  Invite administrator
                </button>
              </div>
              <Done message={invite.done} />
            </form>
          ) : null}
        </>
      )}
    </section>
  );
}
