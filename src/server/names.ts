import type { AccessEngine } from '../core/engine.js';
import type { Group, Level } from '../core/model.js';

/**
 * A group by its id or by `ORGANIZATION/NAME` (the organization by name or id), as the CLI and
 * documents write it. An organization name may itself hold a `/`: each split is tried, left to right.
 */
export function findGroupReference(engine: AccessEngine, reference: string): Group | undefined {
  const byId = engine.group(reference);
  if (byId !== undefined) return byId;
  for (let at = reference.indexOf('/'); at > 0; at = reference.indexOf('/', at + 1)) {
    const organization = engine.describeTarget({ type: 'organization', id: reference.slice(0, at) });
    if (organization === undefined) continue;
    const group = engine.findGroup(organization.id, reference.slice(at + 1));
    if (group !== undefined && group.organization === organization.id) return group;
  }
  return undefined;
}

/** The permissions of a role (its closure) a mapping at `level` would grant; none makes the mapping grant nothing. */
export function grantableAt(engine: AccessEngine, roleId: string, level: Level): string[] {
  return engine.rolePermissions(roleId).filter((key) => engine.permission(key)?.levels.includes(level) ?? false);
}

/** The warning a new mapping earns when its role can grant nothing at its level; null when it grants something. */
export function mappingWarning(engine: AccessEngine, roleId: string, level: Level, where: string): string | null {
  if (grantableAt(engine, roleId, level).length > 0) return null;
  const role = engine.role(roleId);
  const name = role?.name ?? roleId;
  return engine.rolePermissions(roleId).length === 0
    ? `role "${name}" has no permission: mapping it at ${where} grants nothing until permissions are added to it`
    : `role "${name}" can grant nothing at ${level} level: none of its permissions is grantable there, so mapping it at ${where} grants nothing`;
}
