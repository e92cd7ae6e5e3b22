/**
 * What each resource type needs, as the preset says (`settings.resourceTypes`): the permission its
 * create, edit and delete need (Akana: `api:create`, `api:modify`, `api:delete`), the role its
 * creator gets on it (Akana: the user who creates an API becomes its first API Administrator), and
 * who manages its administrators (holders of `api:admins:manage` at the API). A type the preset
 * does not name needs `resource:manage` and has no administrators. Pure: no I/O.
 */
import type { Change } from './changes.js';
import type { AccessEngine } from './engine.js';
import type { Resource, ResourceTypeRules, RoleMapping, Settings, Subject } from './model.js';

/** What a type needs when the preset does not say. */
export const DEFAULT_RESOURCE_PERMISSION = 'resource:manage';

export type ResourceOperation = 'create' | 'edit' | 'delete' | 'manageAdministrators';

export function resourceTypeRules(settings: Settings, type: string): ResourceTypeRules | undefined {
  return settings.resourceTypes?.[type];
}

/** The permission an operation on a resource of the type needs. */
export function resourcePermission(settings: Settings, type: string, operation: ResourceOperation): string {
  return resourceTypeRules(settings, type)?.[operation] ?? DEFAULT_RESOURCE_PERMISSION;
}

/** The role whose holders at a resource of the type are its administrators; undefined when the type has none. */
export function administratorRole(settings: Settings, type: string): string | undefined {
  return resourceTypeRules(settings, type)?.administratorRole ?? undefined;
}

/**
 * The mappings at the resource that make their subjects its administrators: the type's
 * administrator role, or a role including it, mapped on the resource itself (an invitation to the
 * resource). A mapping at the organization does not count: Akana's organization-level API
 * Administrator, not invited to the API, does not manage its administrators.
 */
export function administratorMappings(engine: AccessEngine, resource: Pick<Resource, 'id' | 'type'>): RoleMapping[] {
  const role = administratorRole(engine.settings, resource.type);
  if (role === undefined) return [];
  return engine.mappingsAt('resource', resource.id).filter((m) => engine.roleClosure(m.role).includes(role));
}

/**
 * The mapping that makes a resource's creator its first administrator, to be written in the same
 * batch as the resource; null when the type has no administrator role.
 */
export function creatorMapping(
  settings: Settings,
  resource: Pick<Resource, 'id' | 'type'>,
  creator: string,
  newId: () => string,
): Extract<Change, { op: 'mapping.add' }> | null {
  const role = administratorRole(settings, resource.type);
  if (role === undefined) return null;
  return {
    op: 'mapping.add',
    mapping: {
      id: newId(),
      role,
      subject: { kind: 'user', id: creator },
      target: { level: 'resource', id: resource.id },
    },
  };
}

/** Whether a subject still exists: a mapping removed with its user or group is not a removal of an administrator. */
export function subjectExists(engine: AccessEngine, subject: Subject): boolean {
  if (subject.kind === 'user') return engine.user(subject.id) !== undefined;
  if (subject.kind === 'group') return engine.group(subject.id) !== undefined;
  return true;
}
