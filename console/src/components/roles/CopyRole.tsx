import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, type Organization, type Role, api, segment } from '../../api';
import { Done } from '../Done';
import { ErrorMessage } from '../ErrorMessage';
import { FormField } from '../FormField';
import { useAction } from '../useAction';

/**
 * "Copy into a custom role": a new role of the organization granting what this one grants today
 * (its own permissions and those of the roles it includes), editable and deletable. Scopes and
 * mappings are not copied.
 */
export function CopyRole({
  role,
  permissions,
  organization,
}: {
  role: Role;
  /** Every permission the role grants, included roles' too; null while it is read. */
  permissions: readonly string[] | null;
  organization: Organization;
}) {
  const navigate = useNavigate();
  const [name, setName] = useState(`${role.name} (custom)`);
  const action = useAction(async () => {
    const answer = await api.post<{ role: Role }>('/v1/roles', {
      name: name.trim(),
      organization: organization.id,
      ...(role.description === null ? {} : { description: role.description }),
      permissions: permissions ?? role.permissions,
    });
    navigate(`/roles/${segment(answer.role.id)}`, {
      state: { done: `Copied ${role.name} into the custom role ${answer.role.name}.` },
    });
    return `Copied ${role.name} into ${answer.role.name}.`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="copy-role-title">
      <h3 id="copy-role-title">Copy into a custom role</h3>
      <p className="hint">
        {role.predefined || !role.editable
          ? `${role.name} is ${role.predefined ? 'predefined' : 'not editable'}: the server keeps it as it is. `
          : ''}
        A copy defined in {organization.name} grants the same permissions today and can be edited and deleted; scopes
        and mappings are not copied.
      </p>
      <FormField
        label="Name of the copy"
        error={action.error instanceof ApiError ? action.error.fieldError('name') : undefined}
      >
        <input name="copy-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </FormField>
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      <button type="submit" disabled={action.busy || permissions === null}>
        Copy into a custom role
      </button>
    </form>
  );
}
