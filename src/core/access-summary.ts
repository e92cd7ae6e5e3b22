import type { AccessEngine } from './engine.js';
import type { Level, RoleMapping } from './model.js';
import { DEFAULT_RESOURCE_PERMISSION, type ResourceOperation, resourcePermission } from './resource-types.js';
import { activeAt } from './timed.js';

/**
 * What one user may do, and where: the places they hold roles, each role and how it reaches them,
 * the permissions they hold at each place (answered by the engine), and the console pages that
 * follow from them. Pure: read from the in-memory index.
 */

/** How a role mapping reaches the user. */
export type Reach = 'direct' | 'group' | 'everyone';

export interface HeldRole {
  readonly mapping: string;
  readonly role: { readonly id: string; readonly name: string; readonly description: string | null };
  readonly target: { readonly level: Level; readonly id: string; readonly name: string; readonly type: string };
  readonly reach: Reach;
  readonly group: { readonly id: string; readonly name: string } | null;
  readonly notBefore: string | null;
  readonly expiresAt: string | null;
  /** Whether it counts now (a time-limited mapping may not have started, or may have ended). */
  readonly active: boolean;
  /** In words, with names: which role, how it reaches the user, where, and what it covers below. */
  readonly explanation: string;
}

export interface PlaceSummary {
  readonly id: string;
  readonly name: string;
  /** The permissions held here, by key, ascending. */
  readonly permissions: string[];
}

export interface OrganizationSummary extends PlaceSummary {
  /** The caller may see the organization itself (`organization:view`). */
  readonly visible: boolean;
  /** The console pages usable while working in this organization. */
  readonly pages: ConsolePageKey[];
}

export interface ProjectSummary extends PlaceSummary {
  /** `organization/project`. */
  readonly path: string;
  readonly organization: { readonly id: string; readonly name: string };
}

export interface ResourceSummary extends PlaceSummary {
  readonly type: string;
  readonly path: string;
  readonly organization: { readonly id: string; readonly name: string };
}

export interface AccessSummary {
  readonly organizations: OrganizationSummary[];
  readonly projects: ProjectSummary[];
  readonly resources: ResourceSummary[];
  readonly roles: HeldRole[];
  /** Permissions held at the home organization (installation-wide operations need them there). */
  readonly home: PlaceSummary;
  /** The console pages usable with no organization chosen, or in at least one (navigation without a choice). */
  readonly pages: ConsolePageKey[];
  /**
   * The permission each operation on a resource of a type needs, for the types the preset names
   * (settings.resourceTypes: Akana's api:modify); any other type needs `default`.
   */
  readonly resourceTypes: ResourceTypePermissions;
}

export interface ResourceTypePermissions {
  readonly default: string;
  readonly types: Readonly<Record<string, Readonly<Record<ResourceOperation, string>>>>;
}

const RESOURCE_OPERATIONS: readonly ResourceOperation[] = ['create', 'edit', 'delete', 'manageAdministrators'];

/** The console's pages, by their route. */
export const CONSOLE_PAGE_KEYS = [
  'my-access',
  'organizations',
  'users',
  'user-stores',
  'groups',
  'roles',
  'role-memberships',
  'project-access',
  'resources',
  'invitations',
  'scopes',
  'access-checker',
  'audit-log',
  'approvals',
  'security',
  'outbox',
] as const;
export type ConsolePageKey = (typeof CONSOLE_PAGE_KEYS)[number];

/** Pages every signed-in user may use: their own access, their requests, their security settings. */
const EVERYONE: readonly ConsolePageKey[] = ['my-access', 'approvals', 'security'];

/** Installation-wide pages: the permissions each needs at the home organization. */
const AT_HOME: Readonly<Partial<Record<ConsolePageKey, readonly string[]>>> = {
  users: ['user:view'],
  'user-stores': ['user:view'],
  scopes: ['scope:view', 'role:view'],
  'access-checker': ['user:view', 'role:view'],
  'audit-log': ['audit:view'],
  outbox: ['user:takeover'],
};

/** Pages that work in the chosen organization: the permission each needs there. */
const IN_ORGANIZATION: Readonly<Partial<Record<ConsolePageKey, string>>> = {
  organizations: 'organization:view',
  groups: 'group:view',
  roles: 'role:view',
  'role-memberships': 'role:view',
  invitations: 'user:invite',
};

/** The permission each resource operation needs, per type the preset names. */
function resourceTypePermissions(engine: AccessEngine): ResourceTypePermissions {
  const types: Record<string, Record<ResourceOperation, string>> = {};
  for (const type of Object.keys(engine.settings.resourceTypes ?? {}).sort())
    types[type] = Object.fromEntries(
      RESOURCE_OPERATIONS.map((operation) => [operation, resourcePermission(engine.settings, type, operation)]),
    ) as Record<ResourceOperation, string>;
  return { default: DEFAULT_RESOURCE_PERMISSION, types };
}

/**
 * Whether the user works with resources in an organization, so its "APIs and resources" page is
 * offered: they see a project there (its resources are listed with it), hold a role on one of its
 * resources that lets them edit, delete or administer it (Akana's API Administrator invited to one
 * API), or hold, at the organization, a permission that creates, edits or deletes resources of
 * some type (a Business Administrator). A role on a resource that lets the user manage none of it
 * (a group's Member) offers nothing.
 */
function worksWithResources(
  held: ReadonlySet<string>,
  organization: string,
  projects: readonly ProjectSummary[],
  resources: readonly ResourceSummary[],
  resourceTypes: ResourceTypePermissions,
): boolean {
  if (held.has('project:view')) return true;
  if (projects.some((p) => p.organization.id === organization && p.permissions.includes('project:view'))) return true;
  const operations = (type: string): string[] => {
    const named = resourceTypes.types[type];
    return named === undefined ? [resourceTypes.default] : Object.values(named);
  };
  if (
    resources.some(
      (r) => r.organization.id === organization && operations(r.type).some((p) => r.permissions.includes(p)),
    )
  )
    return true;
  const managing = new Set([resourceTypes.default]);
  for (const named of Object.values(resourceTypes.types))
    for (const operation of ['create', 'edit', 'delete'] as const) managing.add(named[operation]);
  return [...managing].some((permission) => held.has(permission));
}

/** Permissions a place's list leaves out: only those the tree declares are answered. */
function heldAt(engine: AccessEngine, user: string, type: string, id: string): string[] {
  return engine.permissionsAt({ user, resource: { type, id } }).permissions.map((p) => p.key);
}

const LEVEL_WORDS: Readonly<Record<Level, string>> = {
  organization: 'organization',
  project: 'project',
  resource: 'resource',
};

function explain(
  role: string,
  reach: Reach,
  group: { readonly name: string } | null,
  target: HeldRole['target'],
  window: { notBefore: string | null; expiresAt: string | null; active: boolean },
  now: number,
): string {
  const how =
    reach === 'direct'
      ? 'given to you directly'
      : reach === 'group'
        ? `through your group ${group?.name ?? ''}`
        : 'given to every signed-in user';
  const where = `${target.level === 'resource' ? target.type : LEVEL_WORDS[target.level]} ${target.name}`;
  const below =
    target.level === 'organization'
      ? ', so it also counts in its projects and their resources'
      : target.level === 'project'
        ? ', so it also counts for the resources in that project'
        : '';
  let when = '';
  if (!window.active && window.notBefore !== null && Date.parse(window.notBefore) > now)
    when = ` It starts counting at ${window.notBefore}.`;
  else if (!window.active) when = ' It has ended.';
  else if (window.expiresAt !== null) when = ` It ends at ${window.expiresAt}.`;
  return `${role}, ${how}, at ${where}${below}.${when}`;
}

/** The summary of one user's access. `home` is the home organization's id. */
export function accessSummary(engine: AccessEngine, userId: string, home: string, now = Date.now()): AccessSummary {
  const groups = new Set(engine.groupsOf(userId));
  const reaching = engine
    .mappings()
    .map((mapping) => {
      const s = mapping.subject;
      const reach: Reach | null =
        s.kind === 'user' && s.id === userId
          ? 'direct'
          : s.kind === 'group' && groups.has(s.id)
            ? 'group'
            : s.kind === 'everyone'
              ? 'everyone'
              : null;
      return { mapping, reach };
    })
    .filter((m): m is { mapping: RoleMapping; reach: Reach } => m.reach !== null);

  const organizationsById = new Map(engine.organizations().map((o) => [o.id, o]));
  const projectsById = new Map(engine.projects().map((p) => [p.id, p]));
  const resourcesById = new Map(engine.resources().map((r) => [r.id, r]));
  const roles: HeldRole[] = [];
  for (const { mapping, reach } of reaching) {
    const level = mapping.target.level;
    const resource = level === 'resource' ? resourcesById.get(mapping.target.id) : undefined;
    const type = level === 'resource' ? (resource?.type ?? 'resource') : level;
    const described = engine.describeTarget({ type, id: mapping.target.id });
    if (described === undefined) continue;
    const role = engine.role(mapping.role);
    const group = reach === 'group' ? (engine.group((mapping.subject as { id: string }).id) ?? null) : null;
    const target = { level, id: described.id, name: described.name, type };
    const window = {
      notBefore: mapping.notBefore ?? null,
      expiresAt: mapping.expiresAt ?? null,
      active: activeAt(mapping, now),
    };
    const name = role?.name ?? mapping.role;
    roles.push({
      mapping: mapping.id,
      role: { id: mapping.role, name, description: role?.description ?? null },
      target,
      reach,
      group: group === null ? null : { id: group.id, name: group.name },
      ...window,
      explanation: explain(name, reach, group, target, window, now),
    });
  }
  roles.sort(
    (a, b) =>
      a.target.name.localeCompare(b.target.name) ||
      a.role.name.localeCompare(b.role.name) ||
      a.mapping.localeCompare(b.mapping),
  );

  const organizationIds = new Set<string>();
  const projectIds = new Set<string>();
  const resourceIds = new Set<string>();
  for (const role of roles) {
    // A role given to every signed-in user everywhere (WSO2's Internal/everyone) places no one anywhere.
    if (role.reach === 'everyone') continue;
    if (role.target.level === 'organization') organizationIds.add(role.target.id);
    else if (role.target.level === 'project') projectIds.add(role.target.id);
    else resourceIds.add(role.target.id);
  }
  // The projects the user may see (a Developer mapped in a project, or anyone at the organization).
  for (const item of engine.lookup({ user: userId, permission: 'project:view', type: 'project', limit: 200 }).items)
    projectIds.add(item.id);
  for (const id of projectIds) {
    const project = projectsById.get(id);
    if (project !== undefined) organizationIds.add(project.organization);
  }
  for (const id of resourceIds) {
    const resource = resourcesById.get(id);
    if (resource !== undefined) organizationIds.add(resource.organization);
  }
  // Organizations the user may see without holding a role in them (below one where they do).
  for (const organization of engine.organizations())
    if (engine.allowed(userId, 'organization:view', 'organization', organization.id))
      organizationIds.add(organization.id);

  const organizationRef = (id: string) => ({ id, name: organizationsById.get(id)?.name ?? id });
  const homePermissions = heldAt(engine, userId, 'organization', home);
  const homeSet = new Set(homePermissions);
  const projects: ProjectSummary[] = [...projectIds]
    .map((id) => projectsById.get(id))
    .filter((p) => p !== undefined)
    .map((p) => ({
      id: p.id,
      name: p.name,
      path: engine.describeTarget({ type: 'project', id: p.id })?.name ?? p.name,
      organization: organizationRef(p.organization),
      permissions: heldAt(engine, userId, 'project', p.id),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
  const resources: ResourceSummary[] = [...resourceIds]
    .map((id) => resourcesById.get(id))
    .filter((r) => r !== undefined)
    .map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      path: engine.describeTarget({ type: r.type, id: r.id })?.name ?? r.name,
      organization: organizationRef(r.organization),
      permissions: heldAt(engine, userId, r.type, r.id),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));

  const resourceTypes = resourceTypePermissions(engine);
  const homePages = (Object.entries(AT_HOME) as [ConsolePageKey, readonly string[]][])
    .filter(([, needed]) => needed.every((p) => homeSet.has(p)))
    .map(([page]) => page);
  const organizations: OrganizationSummary[] = [...organizationIds]
    .map((id) => organizationsById.get(id))
    .filter((o) => o !== undefined)
    .map((o) => {
      const permissions = heldAt(engine, userId, 'organization', o.id);
      const held = new Set(permissions);
      // The Scopes page shows the roles usable in the organization too.
      const pages = new Set<ConsolePageKey>([
        ...EVERYONE,
        ...homePages.filter((page) => page !== 'scopes' || held.has('role:view')),
      ]);
      for (const [page, needed] of Object.entries(IN_ORGANIZATION) as [ConsolePageKey, string][])
        if (held.has(needed)) pages.add(page);
      // Project access lists the projects the user may see, and who may use each.
      if (
        held.has('project:view') ||
        projects.some((p) => p.organization.id === o.id && p.permissions.includes('project:view'))
      )
        pages.add('project-access');
      if (worksWithResources(held, o.id, projects, resources, resourceTypes)) pages.add('resources');
      // Creating a root organization is done from the Organizations page.
      if (homeSet.has('organization:create')) pages.add('organizations');
      return {
        id: o.id,
        name: o.name,
        permissions,
        visible: held.has('organization:view'),
        pages: CONSOLE_PAGE_KEYS.filter((k) => pages.has(k)),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const anywhere = new Set<ConsolePageKey>([...EVERYONE, ...homePages]);
  if (homeSet.has('organization:create')) anywhere.add('organizations');
  for (const organization of organizations) for (const page of organization.pages) anywhere.add(page);
  return {
    organizations,
    projects,
    resources,
    roles,
    home: { id: home, name: organizationsById.get(home)?.name ?? home, permissions: homePermissions },
    pages: CONSOLE_PAGE_KEYS.filter((k) => anywhere.has(k)),
    resourceTypes,
  };
}
