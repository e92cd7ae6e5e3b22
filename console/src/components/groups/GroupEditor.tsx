import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { type MyAccess, mayAt, maySomewhereIn, useAccess } from '../../access';
import { type Group, type Target, api, segment } from '../../api';
import { targetInWords } from '../../explanations';
import { useOrganizations } from '../../organizations';
import { ConfirmButton } from '../ConfirmButton';
import { Done } from '../Done';
import { ErrorMessage } from '../ErrorMessage';
import { FormField, fieldErrorOf } from '../FormField';
import { RoleSelect, useAssignableRoles } from '../RoleSelect';
import { TablesByLevel } from '../TablesByLevel';
import { TargetFields, useTargetChoice } from '../TargetFields';
import { useAction } from '../useAction';
import { NoRoleFlag } from './GroupRoles';
import { GroupNameFields } from './GroupNameFields';

/** Rename the group or change its description. */
export function RenameGroupForm({ group, onSaved }: { group: Group; onSaved: () => void }) {
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description ?? '');
  const action = useAction(async () => {
    const answer = await api.patch<{ group: Group }>(`/v1/groups/${segment(group.id)}`, {
      name: name.trim(),
      description: description.trim() === '' ? null : description.trim(),
    });
    onSaved();
    return `Saved group ${answer.group.name}.`;
  });
  const unchanged =
    name.trim() === group.name && (description.trim() === '' ? null : description.trim()) === group.description;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  const fieldError = fieldErrorOf(action.error);
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="rename-group-title">
      <h2 id="rename-group-title">Name and description</h2>
      <GroupNameFields
        name={name}
        onName={setName}
        description={description}
        onDescription={setDescription}
        fieldError={fieldError}
      />
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      <button type="submit" disabled={action.busy || unchanged}>
        Save name and description
      </button>
    </form>
  );
}

/** The group's role mappings by level, each removable, and mapping another role at any level. */
/** Whether the user may map or unmap a role at a mapping's target (role:assign there). */
export function mayAssignAt(access: MyAccess | null, organization: string, target: Target): boolean {
  return mayAt(access, 'role:assign', {
    organization: target.level === 'organization' ? target.id : organization,
    project: target.level === 'project' ? target.id : null,
    resource: target.level === 'resource' ? target.id : null,
  });
}

export function GroupRolesEditor({ group, onChanged }: { group: Group; onChanged: () => void }) {
  const { access } = useAccess();
  const remove = useAction(async (mapping: Group['roles'][number]) => {
    await api.delete(`/v1/mappings/${segment(mapping.mapping)}`);
    onChanged();
    return `Removed ${mapping.role.name} at ${targetInWords(mapping.target)} from ${group.name}.`;
  });
  return (
    <>
      {group.flagged ? (
        <p className="warning">
          <NoRoleFlag /> No role is mapped to {group.name}: its members gain no permission from it until one is mapped
          below.
        </p>
      ) : (
        <TablesByLevel
          items={group.roles}
          levelOf={(r) => r.target.level}
          rowKey={(r) => r.mapping}
          columns={[
            { header: 'Role', cell: (r) => r.role.name },
            { header: 'At', cell: (r) => targetInWords(r.target) },
            {
              header: 'Remove',
              cell: (r) =>
                mayAssignAt(access, group.organization, r.target) ? (
                  <ConfirmButton
                    confirm={`Remove ${r.role.name} at ${targetInWords(r.target)} from ${group.name}?`}
                    onConfirm={() => remove.run(r).then(() => undefined)}
                    disabled={remove.busy}
                  >
                    Remove
                  </ConfirmButton>
                ) : (
                  'Removing it takes role:assign there'
                ),
            },
          ]}
        />
      )}
      <ErrorMessage error={remove.error} />
      <Done message={remove.done} />
      {maySomewhereIn(access, 'role:assign', group.organization) ? (
        <MapRoleForm group={group} onMapped={onChanged} />
      ) : null}
    </>
  );
}

/** Map a role to the group at an organization, a project or a resource. */
function MapRoleForm({ group, onMapped }: { group: Group; onMapped: () => void }) {
  const { organizations } = useOrganizations();
  const organizationName = organizations.find((o) => o.id === group.organization)?.name ?? group.organization;
  const { roles, error: rolesError } = useAssignableRoles(group.organization);
  const [role, setRole] = useState('');
  const [warnings, setWarnings] = useState<readonly string[]>([]);
  const target = useTargetChoice(organizationName);
  const action = useAction(async () => {
    setWarnings([]);
    if (target.type === '') throw new Error('name the resource type (api, component…)');
    if (target.id === '') throw new Error('name the target: an id, a name or a path');
    const answer = await api.post<{ mapping: { target: Parameters<typeof targetInWords>[0] }; warnings: string[] }>(
      '/v1/mappings',
      { role, subject: { kind: 'group', id: group.id }, target: { type: target.type, id: target.id } },
    );
    setWarnings(answer.warnings);
    setRole('');
    onMapped();
    const name = roles.find((r) => r.id === role)?.name ?? role;
    return `Mapped ${name} to ${group.name} at ${targetInWords(answer.mapping.target)}.`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form onSubmit={submit} aria-labelledby="map-role-title" className="inline-form map-role-form">
      <h3 id="map-role-title">Map a role to {group.name}</h3>
      <FormField label="Role">
        <RoleSelect name="group-role" roles={roles} value={role} onChange={setRole} />
      </FormField>
      <ErrorMessage error={rolesError} />
      <TargetFields choice={target} targetLabel="At" />
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      {warnings.map((w) => (
        <p className="warning" key={w}>
          {w[0]?.toUpperCase()}
          {w.slice(1)}.
        </p>
      ))}
      <button type="submit" className="primary" disabled={action.busy}>
        Map role
      </button>
    </form>
  );
}

/** Delete the group (and the role mappings made to it), after a confirmation. */
export function DeleteGroup({ group }: { group: Group }) {
  const navigate = useNavigate();
  const action = useAction(async () => {
    await api.delete(`/v1/groups/${segment(group.id)}`, { cascade: true });
    navigate({ search: '' }, { state: { done: `Deleted group ${group.name}.` } });
    return `Deleted group ${group.name}.`;
  });
  return (
    <section className="panel" aria-labelledby="delete-group-title">
      <h2 id="delete-group-title">Delete</h2>
      <p className="hint">
        Deleting {group.name} removes the roles mapped to it; its members keep their accounts and other groups.
      </p>
      <ConfirmButton
        confirm={`Delete group ${group.name} and its role mappings?`}
        onConfirm={() => action.run().then(() => undefined)}
        disabled={action.busy}
      >
        Delete group
      </ConfirmButton>
      <ErrorMessage error={action.error} />
    </section>
  );
}
