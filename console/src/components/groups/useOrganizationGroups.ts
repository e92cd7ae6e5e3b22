import { useCallback } from 'react';
import { type Group, type Page, api, segment } from '../../api';
import { useLoaded } from '../useLoaded';

/** The first `limit` groups of the organization whose names contain `name` (all of them when empty). */
export function useOrganizationGroups(
  organization: string,
  name: string,
  limit: number,
): { groups: Page<Group> | null; error: unknown } {
  const load = useCallback(
    (signal: AbortSignal) =>
      api.get<Page<Group>>(`/v1/organizations/${segment(organization)}/groups`, { name, limit }, signal),
    [organization, name, limit],
  );
  const { value, error } = useLoaded(load);
  return { groups: value, error };
}
