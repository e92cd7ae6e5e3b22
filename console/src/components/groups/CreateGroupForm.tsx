import { type FormEvent, useCallback, useId, useState } from 'react';
import {
  type Group,
  type Organization,
  type Page,
  type Project,
  type Role,
  api,
  pathWithQuery,
  segment,
} from '../../api';
import { Done } from '../Done';
import { ErrorMessage } from '../ErrorMessage';
import { FormField, fieldErrorOf } from '../FormField';
import { useAction } from '../useAction';
import { useLoaded } from '../useLoaded';
import { targetInWords } from '../../explanations';
import { GroupNameFields } from './GroupNameFields';

/** The choices are read once per organization; more than this asks for the Roles or Organizations page. */
const CHOICES = 200;
const ORGANIZATION_LEVEL = '';

/** The first CHOICES items of a list, for a form's choices; `path` holds its filters already. */
function useChoices<T>(path: string) {
  const load = useCallback((signal: AbortSignal) => api.get<Page<T>>(path, undefined, signal), [path]);
  const { value: page, error } = useLoaded(load);
  return { items: page?.items ?? [], more: page?.next != null, error };
}

interface Created {
  readonly group: Group;
  readonly warnings: readonly string[];
}

/** A new group of the organization with its roles, mapped at the organization or at one of its projects. */
export function CreateGroupForm({ organization, onCreated }: { organization: Organization; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [chosenRoles, setChosenRoles] = useState<ReadonlySet<string>>(new Set());
  const [project, setProject] = useState(ORGANIZATION_LEVEL);
  const [warnings, setWarnings] = useState<readonly string[]>([]);
  const roles = useChoices<Role>(
    pathWithQuery('/v1/roles', { organization: organization.id, assignable: true, deprecated: false, limit: CHOICES }),
  );
  const projects = useChoices<Project>(
    pathWithQuery(`/v1/organizations/${segment(organization.id)}/projects`, { limit: CHOICES }),
  );
  const warningId = useId();

  const action = useAction(async () => {
    setWarnings([]);
    const body = {
      name: name.trim(),
      ...(description.trim() === '' ? {} : { description: description.trim() }),
      roles: [...chosenRoles].map((role) => (project === ORGANIZATION_LEVEL ? { role } : { role, project })),
    };
    const answer = await api.post<Created>(`/v1/organizations/${segment(organization.id)}/groups`, body);
    setWarnings(answer.warnings);
    setName('');
    setDescription('');
    setChosenRoles(new Set());
    onCreated();
    const mapped = answer.group.roles.map((r) => `${r.role.name} at ${targetInWords(r.target)}`);
    return `Created group ${answer.group.name}${mapped.length === 0 ? ' with no role' : ` with ${mapped.join(', ')}`}.`;
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  const toggle = (id: string, on: boolean) =>
    setChosenRoles((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const fieldError = fieldErrorOf(action.error);
  const noRole = chosenRoles.size === 0;

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-group-title">
      <h2 id="create-group-title">Create a group</h2>
      <GroupNameFields
        name={name}
        onName={setName}
        description={description}
        onDescription={setDescription}
        fieldError={fieldError}
      />
      <fieldset aria-describedby={noRole ? warningId : undefined}>
        <legend>Roles of the group</legend>
        <ErrorMessage error={roles.error} />
        <div className="role-choices">
          {roles.items.map((r) => (
            <label key={r.id} className="check" title={r.description ?? undefined}>
              <input
                type="checkbox"
                name="role"
                value={r.id}
                checked={chosenRoles.has(r.id)}
                onChange={(e) => toggle(r.id, e.target.checked)}
              />
              {r.name}
            </label>
          ))}
        </div>
        {roles.more ? <p className="hint">Only the first {CHOICES} roles are listed.</p> : null}
        {noRole ? (
          <p className="warning" id={warningId}>
            No role is chosen: the group will be flagged, and its members will gain no permission from it until a role
            is mapped to it.
          </p>
        ) : null}
      </fieldset>
      <FormField
        label="Mapping level"
        hint={
          project === ORGANIZATION_LEVEL
            ? `The roles reach every project and resource of ${organization.name}.`
            : 'The roles reach this project and its resources only.'
        }
        error={fieldError('roles')}
      >
        <select name="mapping-level" value={project} onChange={(e) => setProject(e.target.value)}>
          <option value={ORGANIZATION_LEVEL}>Organization {organization.name}</option>
          {projects.items.map((p) => (
            <option key={p.id} value={p.id}>
              Project {p.path}
            </option>
          ))}
        </select>
      </FormField>
      <ErrorMessage error={projects.error} />
      {projects.more ? <p className="hint">Only the first {CHOICES} projects are listed.</p> : null}
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      {warnings.map((w) => (
        <p className="warning" key={w}>
          {w[0]?.toUpperCase()}
          {w.slice(1)}.
        </p>
      ))}
      <button type="submit" className="primary" disabled={action.busy}>
        Create group
      </button>
    </form>
  );
}
