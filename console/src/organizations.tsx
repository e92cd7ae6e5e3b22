import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useAccess } from './access';
import { ApiError, type Organization, type Page, api } from './api';
import { useSession } from './session';

const STORAGE_KEY = 'tessera.console.organization';
/** The switcher lists this many; the Organizations page pages through all of them. */
const SWITCHER_LIMIT = 200;

interface OrganizationsApi {
  /** The organizations the caller may see (the first SWITCHER_LIMIT, by name). */
  readonly organizations: readonly Organization[];
  /** More exist than the switcher lists. */
  readonly more: boolean;
  readonly error: ApiError | null;
  /** The organization the pages work in (the switcher's choice); null before any is known. */
  readonly current: Organization | null;
  /** Chooses an organization; pass it when it may be beyond the listed ones (found by a search). */
  choose(id: string, found?: Organization): void;
  /** Reads the list again (after creating or renaming one). */
  reload(): Promise<void>;
}

const OrganizationsContext = createContext<OrganizationsApi | null>(null);

/** The organization switcher's state, shared by the header and every page. */
export function OrganizationsProvider({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const home = state.status === 'signed-in' ? state.homeOrganization : null;
  const { access, reload: reloadAccess } = useAccess();
  const [listed, setOrganizations] = useState<readonly Organization[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(STORAGE_KEY));
  // Organizations beyond the first SWITCHER_LIMIT that were chosen (by a search, or before a reload).
  const [found, setFound] = useState<readonly Organization[]>([]);

  const load = useCallback(async () => {
    try {
      const page = await api.get<Page<Organization>>('/v1/organizations', { limit: SWITCHER_LIMIT });
      setOrganizations(page.items);
      setMore(page.next !== null);
      setError(null);
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // A new or renamed organization changes what the user may do, and where.
  const reload = useCallback(async () => {
    await Promise.all([load(), reloadAccess()]);
  }, [load, reloadAccess]);

  // Also the organizations the user works in without seeing them whole (a project's Developer).
  const organizations = useMemo(() => withAccessOrganizations(listed, access?.organizations ?? []), [listed, access]);

  const choose = useCallback((id: string, organization?: Organization) => {
    localStorage.setItem(STORAGE_KEY, id);
    if (organization !== undefined) setFound((known) => [...known.filter((o) => o.id !== id), organization]);
    setChosen(id);
  }, []);

  // A remembered choice beyond the listed ones is read by itself, so it stays the current one.
  useEffect(() => {
    if (!more || chosen === null) return;
    if (organizations.some((o) => o.id === chosen) || found.some((o) => o.id === chosen)) return;
    const controller = new AbortController();
    api
      .get<Organization>(`/v1/organizations/${encodeURIComponent(chosen)}`, undefined, controller.signal)
      .then((o) => setFound((known) => [...known, o]))
      .catch(() => undefined);
    return () => controller.abort();
  }, [more, chosen, organizations, found]);

  const all = useMemo(
    () => [...organizations, ...found.filter((f) => !organizations.some((o) => o.id === f.id))],
    [organizations, found],
  );
  const current = useMemo(
    () => all.find((o) => o.id === chosen) ?? all.find((o) => o.id === home) ?? all[0] ?? null,
    [all, chosen, home],
  );

  const value = useMemo(
    () => ({ organizations: all, more, error, current, choose, reload }),
    [all, more, error, current, choose, reload],
  );
  return <OrganizationsContext.Provider value={value}>{children}</OrganizationsContext.Provider>;
}

export function useOrganizations(): OrganizationsApi {
  const value = useContext(OrganizationsContext);
  if (value === null) throw new Error('useOrganizations outside OrganizationsProvider');
  return value;
}

/**
 * The listed organizations and those the user works in without seeing them whole (a project's
 * Developer), by name. One they may see is the server's to list: not added past the first 200.
 */
function withAccessOrganizations(
  listed: readonly Organization[],
  held: readonly { readonly id: string; readonly name: string; readonly visible: boolean }[],
): readonly Organization[] {
  const known = new Set(listed.map((o) => o.id));
  const added = held
    .filter((o) => !o.visible && !known.has(o.id))
    .map((o): Organization => ({ id: o.id, name: o.name, parent: null, requireTwoFactor: false, adminRole: null }));
  if (added.length === 0) return listed;
  return [...listed, ...added].sort((a, b) => a.name.localeCompare(b.name));
}
