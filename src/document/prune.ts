import type { Change } from '../core/changes.js';
import type { AccessEngine } from '../core/engine.js';
import { type RoleMapping, mappingKey, qualifiedUserName } from '../core/model.js';
import type { NamedRecords } from './plan.js';

/** What pruning deletes: the changes (after the plan's own) and a label for each, for the report and dry runs. */
export interface PrunePlan {
  readonly changes: Change[];
  readonly deleted: string[];
}

/**
 * Declarative sync (docs/documents.md#pruning): in each organization the document declares, what the
 * document does not name is deleted — projects, resources, groups, the organization's own roles,
 * role mappings at the organization, its projects or its resources, and members of the groups whose
 * entry lists `members`. Organizations themselves, users, the permission tree, root roles and
 * everything of the organizations the document does not declare are left alone; so are
 * predefined roles and the key manager's application roles with their mappings. The
 * organization defaults the plan ensures count as named. The changes are judged by the gate like
 * any others (no lock-out, escalation).
 */
export function planPrune(engine: AccessEngine, named: NamedRecords): PrunePlan {
  const scope = named.organizations;
  const changes: Change[] = [];
  const deleted: string[] = [];
  if (scope.size === 0) return { changes, deleted };
  const organizationName = (id: string) => engine.organizations().find((o) => o.id === id)?.name ?? id;
  const applicationRole = (id: string) => {
    const role = engine.role(id);
    return role === undefined || role.owner !== null;
  };

  const projects = engine.projects().filter((p) => scope.has(p.organization) && !named.projects.has(p.id));
  const goneProjects = new Set(projects.map((p) => p.id));
  const resources = engine
    .resources()
    .filter(
      (r) =>
        scope.has(r.organization) && !named.resources.has(r.id) && (r.project === null || !goneProjects.has(r.project)),
    );
  const groups = engine.groups().filter((g) => scope.has(g.organization) && !named.groups.has(g.id));
  const goneGroups = new Set(groups.map((g) => g.id));
  const roles = engine
    .roles()
    .filter(
      (r) =>
        r.organization !== null &&
        scope.has(r.organization) &&
        !named.roles.has(r.id) &&
        !r.predefined &&
        r.owner === null,
    );

  // Mappings first (each once), then memberships, then the records (cascading what is left).
  const resourceById = new Map(engine.resources().map((r) => [r.id, r]));
  const projectById = new Map(engine.projects().map((p) => [p.id, p]));
  const organizationOf = (mapping: RoleMapping): string | undefined => {
    const target = mapping.target;
    if (target.level === 'organization') return target.id;
    if (target.level === 'project') return projectById.get(target.id)?.organization;
    return resourceById.get(target.id)?.organization;
  };
  const inScope = (mapping: RoleMapping): boolean => {
    const organization = organizationOf(mapping);
    return organization !== undefined && scope.has(organization);
  };
  for (const mapping of engine.mappings()) {
    if (named.mappings.has(mappingKey(mapping)) || applicationRole(mapping.role) || !inScope(mapping)) continue;
    changes.push({ op: 'mapping.remove', id: mapping.id });
    deleted.push(mappingLabel(engine, mapping));
  }
  for (const group of named.groupsWithMembers) {
    if (goneGroups.has(group)) continue;
    for (const user of engine.members(group)) {
      if (named.members.has(`${group}\u0000${user}`)) continue;
      const record = engine.user(user);
      changes.push({ op: 'member.remove', membership: { group, user } });
      deleted.push(
        `member "${record === undefined ? user : qualifiedUserName(record)}" of group "${engine.group(group)?.name ?? group}"`,
      );
    }
  }
  for (const resource of resources) {
    changes.push({ op: 'resource.delete', id: resource.id, cascade: true });
    deleted.push(`resource "${engine.describeTarget({ type: resource.type, id: resource.id })?.name ?? resource.id}"`);
  }
  for (const project of projects) {
    changes.push({ op: 'project.delete', id: project.id, cascade: true });
    deleted.push(`project "${organizationName(project.organization)}/${project.name}"`);
  }
  for (const group of groups) {
    changes.push({ op: 'group.delete', id: group.id, cascade: true });
    deleted.push(`group "${organizationName(group.organization)}/${group.name}"`);
  }
  for (const role of roles) {
    changes.push({ op: 'role.delete', id: role.id, cascade: true });
    deleted.push(`role "${role.name}" of organization "${organizationName(role.organization!)}"`);
  }
  return { changes, deleted };
}

function mappingLabel(engine: AccessEngine, mapping: RoleMapping): string {
  const role = engine.role(mapping.role)?.name ?? mapping.role;
  const subject = mapping.subject;
  const who =
    subject.kind === 'user'
      ? `user "${(() => {
          const user = engine.user(subject.id);
          return user === undefined ? subject.id : qualifiedUserName(user);
        })()}"`
      : subject.kind === 'group'
        ? `group "${engine.group(subject.id)?.name ?? subject.id}"`
        : subject.kind;
  const type =
    mapping.target.level === 'resource'
      ? (engine.resources().find((r) => r.id === mapping.target.id)?.type ?? 'resource')
      : mapping.target.level;
  const where = engine.describeTarget({ type, id: mapping.target.id })?.name ?? mapping.target.id;
  return `mapping "${role}" → ${who} at ${mapping.target.level} ${where}`;
}
