import { useCallback, useState } from 'react';
import { type Page, type Role, api } from '../../api';
import { usePaged } from '../Paginated';
import { useSettled } from '../useSettled';

/** The roles usable in the organization whose names contain what is typed, a page at a time. */
export function useRoleSearch(organization: string) {
  const [name, setName] = useState('');
  const search = useSettled(name.trim());
  const loader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<Role>>('/v1/roles', { organization, name: search, limit, after }, signal),
    [organization, search],
  );
  const roles = usePaged(loader);
  return { name, setName, search, roles };
}
