import { useCallback } from 'react';
import { type Page, type Role, api } from '../api';
import { useLoaded } from './useLoaded';

/** Roles listed for granting; more than this many assignable roles in one organization is unheard of. */
const ASSIGNABLE_ROLE_CHOICES = 200;
const NO_ROLES: readonly Role[] = [];

interface RoleSelectProps {
  readonly name: string;
  readonly roles: readonly Pick<Role, 'id' | 'name'>[];
  readonly value: string;
  readonly onChange: (id: string) => void;
  // Set by FormField, to tie the select to its label, hint and error.
  readonly id?: string;
  readonly 'aria-describedby'?: string;
  readonly 'aria-invalid'?: boolean;
}

/** A required choice of one role among `roles`, by id. */
export function RoleSelect({ roles, onChange, ...select }: RoleSelectProps) {
  return (
    <select {...select} onChange={(e) => onChange(e.target.value)} required>
      <option value="">Choose a role</option>
      {roles.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </select>
  );
}

/** The roles that may be granted in the organization: assignable and not deprecated. */
export function useAssignableRoles(organization: string): { roles: readonly Role[]; error: unknown } {
  const load = useCallback(
    (signal: AbortSignal) =>
      api
        .get<Page<Role>>(
          '/v1/roles',
          { organization, assignable: true, deprecated: false, limit: ASSIGNABLE_ROLE_CHOICES },
          signal,
        )
        .then((page) => page.items),
    [organization],
  );
  const { value, error } = useLoaded(load);
  return { roles: value ?? NO_ROLES, error };
}
