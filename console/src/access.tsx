import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api } from './api';
import { useSession } from './session';

/** `GET /v1/me/access`: what the signed-in user may do, and where. */
export interface MyAccess {
  readonly user: { readonly id: string; readonly name: string };
  readonly home: { readonly id: string; readonly name: string; readonly permissions: readonly string[] };
  readonly organizations: readonly AccessOrganization[];
  readonly projects: readonly AccessProject[];
  readonly resources: readonly AccessResource[];
  readonly roles: readonly HeldRole[];
  readonly pages: readonly string[];
  /** The permission each operation on a resource needs, per type the preset names; `default` otherwise. */
  readonly resourceTypes: {
    readonly default: string;
    readonly types: Readonly<Record<string, Readonly<Record<ResourceOperation, string>>>>;
  };
  readonly revision: number;
}
export type ResourceOperation = 'create' | 'edit' | 'delete' | 'manageAdministrators';
export interface AccessOrganization {
  readonly id: string;
  readonly name: string;
  readonly permissions: readonly string[];
  readonly visible: boolean;
  readonly pages: readonly string[];
}
export interface AccessProject {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly organization: { readonly id: string; readonly name: string };
  readonly permissions: readonly string[];
}
export interface AccessResource {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly path: string;
  readonly organization: { readonly id: string; readonly name: string };
  readonly permissions: readonly string[];
}
export interface HeldRole {
  readonly mapping: string;
  readonly role: { readonly id: string; readonly name: string; readonly description: string | null };
  readonly target: { readonly level: string; readonly id: string; readonly name: string; readonly type: string };
  readonly reach: 'direct' | 'group' | 'everyone';
  readonly group: { readonly id: string; readonly name: string } | null;
  readonly notBefore: string | null;
  readonly expiresAt: string | null;
  readonly active: boolean;
  readonly explanation: string;
}

interface AccessApi {
  /** null until the first answer, and when it could not be read (then every page is offered). */
  readonly access: MyAccess | null;
  readonly error: ApiError | null;
  /** Reads it again (after a change to the user's own roles, or a new organization). */
  reload(): Promise<void>;
}

const AccessContext = createContext<AccessApi | null>(null);

/** Asks the server once, after sign-in, what the user may do; the layout and pages read it. */
export function AccessProvider({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const userId = state.status === 'signed-in' ? state.user.id : null;
  const [access, setAccess] = useState<MyAccess | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // The user whose access was last answered (or refused): until then, the console waits.
  const [loadedFor, setLoadedFor] = useState<string | null>(null);

  const reload = useCallback(async () => {
    if (userId === null) return;
    try {
      setAccess(await api.get<MyAccess>('/v1/me/access'));
      setError(null);
    } catch (e) {
      setAccess(null);
      if (e instanceof ApiError) setError(e);
      else throw e;
    } finally {
      setLoadedFor(userId);
    }
  }, [userId]);

  useEffect(() => {
    if (userId === null) {
      setAccess(null);
      setError(null);
      setLoadedFor(null);
      return;
    }
    void reload();
  }, [userId, reload]);

  const value = useMemo(() => ({ access, error, reload }), [access, error, reload]);
  if (userId !== null && loadedFor !== userId) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  return <AccessContext.Provider value={value}>{children}</AccessContext.Provider>;
}

export function useAccess(): AccessApi {
  const value = useContext(AccessContext);
  if (value === null) throw new Error('useAccess outside AccessProvider');
  return value;
}

/**
 * Whether a page is offered, working in `organization` (or with none chosen): the server names every
 * page it offers (`CONSOLE_PAGE_KEYS` in src/core/access-summary.ts, where a new page is added).
 */
export function pageAllowed(access: MyAccess | null, page: string, organization: string | null): boolean {
  if (access === null) return true;
  const here = organization === null ? undefined : access.organizations.find((o) => o.id === organization);
  return (here?.pages ?? access.pages).includes(page);
}

/**
 * Where a permission is asked: an organization's id (the home organization when none is given), or a
 * project or resource in an organization.
 */
export type Place =
  | string
  | null
  | undefined
  | {
      readonly organization: string | null;
      readonly project?: string | null;
      readonly resource?: string | null;
    };

/**
 * Whether the user holds a permission at a place: at a resource or project where they hold a role,
 * the permissions held there; elsewhere, those held at its organization (which reach below it).
 * Every action button asks this before it is offered.
 */
export function mayAt(access: MyAccess | null, permission: string, place?: Place): boolean {
  if (access === null) return true;
  const where = typeof place === 'object' && place !== null ? place : { organization: place ?? null };
  const resource = where.resource == null ? undefined : access.resources.find((r) => r.id === where.resource);
  if (resource !== undefined) return resource.permissions.includes(permission);
  const project = where.project == null ? undefined : access.projects.find((p) => p.id === where.project);
  if (project !== undefined) return project.permissions.includes(permission);
  const organization = where.organization;
  if (organization === null || organization === access.home.id) return access.home.permissions.includes(permission);
  return access.organizations.find((o) => o.id === organization)?.permissions.includes(permission) ?? false;
}

/**
 * Whether the user holds a permission at an organization, or at one of its projects or resources
 * where they hold a role: for a form that lets them choose where (a role mapped at a project).
 */
export function maySomewhereIn(access: MyAccess | null, permission: string, organization: string): boolean {
  if (mayAt(access, permission, organization) || access === null) return true;
  return (
    access.projects.some((p) => p.organization.id === organization && p.permissions.includes(permission)) ||
    access.resources.some((r) => r.organization.id === organization && r.permissions.includes(permission))
  );
}

/** The permission an operation on a resource of the type needs (settings.resourceTypes on the server). */
export function resourcePermission(access: MyAccess | null, type: string, operation: ResourceOperation): string {
  if (access === null) return 'resource:manage';
  return access.resourceTypes.types[type]?.[operation] ?? access.resourceTypes.default;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * A server message with the ids it names replaced by the names the user knows them by (their
 * organizations, projects, APIs, roles and groups). Outside the signed-in console: unchanged.
 */
export function useNamed(): (text: string) => string {
  const value = useContext(AccessContext);
  const access = value?.access ?? null;
  const names = useMemo(() => {
    const known = new Map<string, string>();
    if (access === null) return known;
    known.set(access.home.id, access.home.name);
    for (const o of access.organizations) known.set(o.id, o.name);
    for (const p of access.projects) known.set(p.id, p.path);
    for (const r of access.resources) known.set(r.id, r.path);
    for (const r of access.roles) {
      known.set(r.role.id, r.role.name);
      known.set(r.target.id, r.target.name);
      if (r.group !== null) known.set(r.group.id, r.group.name);
    }
    return known;
  }, [access]);
  return useCallback((text: string) => text.replace(UUID, (id) => names.get(id.toLowerCase()) ?? id), [names]);
}
