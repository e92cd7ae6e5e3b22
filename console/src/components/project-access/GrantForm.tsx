import { type FormEvent, useDeferredValue, useState } from 'react';
import { type Organization, type Project, api } from '../../api';
import { Done } from '../Done';
import { ErrorMessage } from '../ErrorMessage';
import { FormField, fieldErrorOf } from '../FormField';
import { RoleSelect, useAssignableRoles } from '../RoleSelect';
import { useAction } from '../useAction';
import { useOrganizationGroups } from '../groups/useOrganizationGroups';

/** The select lists this many matching groups; typing part of a name finds the others. */
const GROUP_CHOICES = 50;

/** Grants a group of the organization a role at the project itself (a project-level mapping). */
export function GrantForm({
  organization,
  project,
  onGranted,
}: {
  organization: Organization;
  project: Project;
  onGranted: () => void;
}) {
  const [search, setSearch] = useState('');
  const needle = useDeferredValue(search.trim());
  const { groups, error: groupsError } = useOrganizationGroups(organization.id, needle, GROUP_CHOICES);
  const { roles, error: rolesError } = useAssignableRoles(organization.id);
  const [group, setGroup] = useState('');
  const [role, setRole] = useState('');

  const action = useAction(async () => {
    if (group === '') throw new Error('choose the group to grant the role to');
    if (role === '') throw new Error('choose the role the group gets at the project');
    await api.post('/v1/mappings', {
      role,
      subject: { kind: 'group', id: group },
      target: { type: 'project', id: project.id },
    });
    const groupName = groups?.items.find((g) => g.id === group)?.name ?? group;
    const roleName = roles.find((r) => r.id === role)?.name ?? role;
    setGroup('');
    onGranted();
    return `Granted ${roleName} at ${project.path} to group ${groupName}.`;
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  const fieldError = fieldErrorOf(action.error);
  const choices = groups?.items ?? [];

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="grant-title">
      <h3 id="grant-title">Grant a group a role at {project.path}</h3>
      <FormField
        label="Find a group"
        hint={`Part of a group's name; the list below shows up to ${GROUP_CHOICES} matches.`}
      >
        <input
          type="search"
          name="group-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          maxLength={200}
        />
      </FormField>
      <FormField label="Group" error={fieldError('subject.id') ?? fieldError('subject')}>
        <select name="group" value={group} onChange={(e) => setGroup(e.target.value)} required>
          <option value="">{choices.length === 0 ? 'No group matches' : 'Choose a group'}</option>
          {choices.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </FormField>
      {groups?.next !== null && groups !== null ? (
        <p className="hint">More groups match: type more of the name to narrow the list.</p>
      ) : null}
      <ErrorMessage error={groupsError} />
      <FormField label="Role at the project" error={fieldError('role')}>
        <RoleSelect name="role" roles={roles} value={role} onChange={setRole} />
      </FormField>
      <ErrorMessage error={rolesError} />
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      <button type="submit" className="primary" disabled={action.busy}>
        Grant role
      </button>
    </form>
  );
}
