import type { AccessEngine } from '../core/engine.js';
import { compare } from '../core/engine.js';
import { LEVELS, PRIMARY_STORE, type Level, type Role, type RoleMapping } from '../core/model.js';
import type { TesseraDocument } from './schema.js';

/**
 * The engine's whole state as a document (docs/documents.md) that re-applies to the same state: names
 * instead of ids, defaults left out, entries in a stable order.
 */
export function exportDocument(engine: AccessEngine): TesseraDocument {
  const organizations = new Map(engine.organizations().map((o) => [o.id, o]));
  const orgName = (id: string): string => organizations.get(id)?.name ?? id;
  const projects = new Map(engine.projects().map((p) => [p.id, p]));
  const roles = new Map(engine.roles().map((r) => [r.id, r]));
  const users = new Map(engine.users().map((u) => [u.id, u]));
  const userName = (id: string): string => {
    const user = users.get(id);
    return user === undefined ? id : user.store === PRIMARY_STORE ? user.username : `${user.store}/${user.username}`;
  };
  const byName = <T extends { name: string }>(a: T, b: T): number => compare(a.name, b.name);

  const document: TesseraDocument = { kind: 'tessera/document' };
  const settingsRole = engine.settings.adminRole === null ? undefined : roles.get(engine.settings.adminRole)?.name;
  if (settingsRole !== undefined) document.settings = { adminRole: settingsRole };
  if (engine.settings.signInPermission != null)
    document.settings = { ...document.settings, signInPermission: engine.settings.signInPermission };
  if (engine.settings.requireTwoFactor === true) document.settings = { ...document.settings, requireTwoFactor: true };
  const resourceTypes = Object.entries(engine.settings.resourceTypes ?? {});
  if (resourceTypes.length > 0)
    document.settings = {
      ...document.settings,
      resourceTypes: Object.fromEntries(
        resourceTypes.map(([type, rules]) => [
          type,
          {
            ...(rules.create === null ? {} : { create: rules.create }),
            ...(rules.edit === null ? {} : { edit: rules.edit }),
            ...(rules.delete === null ? {} : { delete: rules.delete }),
            ...(rules.administratorRole === null
              ? {}
              : { administratorRole: roles.get(rules.administratorRole)?.name ?? rules.administratorRole }),
            ...(rules.manageAdministrators === null ? {} : { manageAdministrators: rules.manageAdministrators }),
          },
        ]),
      ),
    };
  const defaults = engine.settings.organizationDefaults;
  if (defaults.groups.length + defaults.mappings.length > 0 || defaults.signUpRole !== undefined) {
    const roleName = (id: string): string => roles.get(id)?.name ?? id;
    document.organizationDefaults = {
      groups: defaults.groups.map((g) => ({
        name: g.name,
        ...(g.description === null ? {} : { description: g.description }),
        roles: g.roles.map(roleName),
      })),
      mappings: defaults.mappings.map((m) => ({
        role: roleName(m.role),
        ...(m.subject.kind === 'group'
          ? { group: m.subject.name }
          : m.subject.kind === 'everyone'
            ? { everyone: true as const }
            : { anonymous: true as const }),
      })),
      ...(defaults.signUpRole === undefined ? {} : { signUpRole: roleName(defaults.signUpRole) }),
    };
  }

  const stores = engine.userStores().filter((s) => s.name !== PRIMARY_STORE);
  if (stores.length > 0) {
    document.userStores = stores.sort(byName).map((s) => ({
      name: s.name,
      ...(s.readOnly ? { readOnly: true } : {}),
      ...(s.description === null ? {} : { description: s.description }),
    }));
  }

  // Parents before children: the tree's natural order is a sort by key.
  document.permissions = engine
    .permissions()
    .sort((a, b) => compare(a.key, b.key))
    .map((p) => ({
      key: p.key,
      ...(p.description === null ? {} : { description: p.description }),
      ...(p.levels.length === LEVELS.length ? {} : { levels: [...p.levels] }),
      ...(p.visibilityGated ? { visibilityGated: true } : {}),
      ...(p.anonymousGated === true ? { anonymousGated: true } : {}),
    }));

  document.organizations = orderedOrganizations(engine).map((o) => {
    const own = engine.resources().filter((r) => r.organization === o.id);
    const resource = (r: (typeof own)[number]) => ({
      type: r.type,
      name: r.name,
      ...(r.private ? { private: true } : {}),
      ...(r.anonymousAccess === true ? { anonymousAccess: true } : {}),
    });
    const direct = own.filter((r) => r.project === null).sort(byName);
    const orgProjects = engine
      .projects()
      .filter((p) => p.organization === o.id)
      .sort(byName)
      .map((p) => {
        const inside = own.filter((r) => r.project === p.id).sort(byName);
        return { name: p.name, ...(inside.length > 0 ? { resources: inside.map(resource) } : {}) };
      });
    return {
      name: o.name,
      ...(o.parent === null ? {} : { parent: orgName(o.parent) }),
      ...(o.requireTwoFactor ? { requireTwoFactor: true } : {}),
      ...(o.adminRole === null ? {} : { adminRole: roles.get(o.adminRole)?.name ?? o.adminRole }),
      ...(orgProjects.length > 0 ? { projects: orgProjects } : {}),
      ...(direct.length > 0 ? { resources: direct.map(resource) } : {}),
    };
  });

  document.roles = orderedRoles(engine.roles()).map((r) => ({
    name: r.name,
    ...(r.organization === null ? {} : { organization: orgName(r.organization) }),
    ...(r.description === null ? {} : { description: r.description }),
    ...(r.permissions.length > 0 ? { permissions: [...r.permissions] } : {}),
    ...(r.includes.length > 0 ? { includes: r.includes.map((id) => roles.get(id)?.name ?? id) } : {}),
    ...(r.aliases.length > 0 ? { aliases: [...r.aliases] } : {}),
    ...(r.predefined ? { predefined: true } : {}),
    ...(r.deprecated ? { deprecated: true } : {}),
    ...(r.assignable ? {} : { assignable: false }),
    ...(r.editable ? {} : { editable: false }),
    ...(r.exemptFromTwoFactor ? { exemptFromTwoFactor: true } : {}),
    ...(r.store === null ? {} : { store: r.store }),
  }));

  document.scopes = engine
    .scopes()
    .sort(byName)
    .map((s) => ({
      name: s.name,
      ...(s.description === null ? {} : { description: s.description }),
      roles: s.roles.map((id) => roles.get(id)?.name ?? id),
    }));

  document.users = [...users.values()]
    .sort((a, b) => compare(`${a.store}/${a.username}`, `${b.store}/${b.username}`))
    .map((u) => ({
      username: u.username,
      ...(u.store === PRIMARY_STORE ? {} : { store: u.store }),
      ...(u.email === null ? {} : { email: u.email }),
      ...(u.status === 'active' ? {} : { status: u.status }),
    }));

  document.groups = engine
    .groups()
    .sort((a, b) => compare(`${orgName(a.organization)}/${a.name}`, `${orgName(b.organization)}/${b.name}`))
    .map((g) => {
      const members = engine.members(g.id).map(userName).sort(compare);
      return {
        organization: orgName(g.organization),
        name: g.name,
        ...(g.store === PRIMARY_STORE ? {} : { store: g.store }),
        ...(g.description === null ? {} : { description: g.description }),
        ...(members.length > 0 ? { members } : {}),
      };
    });

  const groups = new Map(engine.groups().map((g) => [g.id, g]));
  const targetPath = (level: Level, id: string): string => {
    if (level === 'organization') return orgName(id);
    if (level === 'project') {
      const project = projects.get(id)!;
      return `${orgName(project.organization)}/${project.name}`;
    }
    const resource = engine.resources().find((r) => r.id === id)!;
    const project = resource.project === null ? '' : `${projects.get(resource.project)?.name}/`;
    return `${orgName(resource.organization)}/${project}${resource.type}/${resource.name}`;
  };
  document.mappings = engine
    .mappings()
    .map((m: RoleMapping) => {
      const subject =
        m.subject.kind === 'group'
          ? { group: `${orgName(groups.get(m.subject.id)!.organization)}/${groups.get(m.subject.id)!.name}` }
          : m.subject.kind === 'user'
            ? { user: userName(m.subject.id) }
            : m.subject.kind === 'everyone'
              ? { everyone: true as const }
              : { anonymous: true as const };
      return {
        role: roles.get(m.role)?.name ?? m.role,
        ...subject,
        [m.target.level]: targetPath(m.target.level, m.target.id),
        ...(typeof m.notBefore === 'string' ? { notBefore: m.notBefore } : {}),
        ...(typeof m.expiresAt === 'string' ? { expiresAt: m.expiresAt } : {}),
      };
    })
    .sort((a, b) => compare(JSON.stringify(a), JSON.stringify(b)));
  const constraints = engine
    .constraints()
    .map((c) => ({
      name: c.name,
      kind: c.kind,
      roles: c.roles.map((id) => roles.get(id)?.name ?? id),
      ...(c.organization === null ? {} : { organization: orgName(c.organization) }),
      ...(c.description === null ? {} : { description: c.description }),
    }))
    .sort((a, b) => compare(`${a.organization ?? ''}/${a.name}`, `${b.organization ?? ''}/${b.name}`));
  if (constraints.length > 0) document.constraints = constraints;
  return document;
}

function orderedOrganizations(engine: AccessEngine) {
  const all = engine.organizations();
  const depth = (id: string | null): number => {
    let d = 0;
    for (let current = id; current !== null; current = all.find((o) => o.id === current)?.parent ?? null) d++;
    return d;
  };
  return all.sort((a, b) => depth(a.parent) - depth(b.parent) || compare(a.name, b.name));
}

/** Included roles before the roles that include them. */
function orderedRoles(all: Role[]): Role[] {
  const byId = new Map(all.map((r) => [r.id, r]));
  const done = new Set<string>();
  const ordered: Role[] = [];
  const visit = (role: Role): void => {
    if (done.has(role.id)) return;
    done.add(role.id);
    for (const id of role.includes) {
      const included = byId.get(id);
      if (included !== undefined) visit(included);
    }
    ordered.push(role);
  };
  for (const role of [...all].sort((a, b) =>
    compare(`${a.organization ?? ''}/${a.name}`, `${b.organization ?? ''}/${b.name}`),
  ))
    visit(role);
  return ordered;
}
