import type { AccessEngine } from '../core/engine.js';
import { qualifiedUserName } from '../core/model.js';

/**
 * The name of the record an audit target (`kind:key`) names, as the index knows it now: `acme/web`
 * for `project:<id>`, `Engineering` for `group:<id>`, `PRIMARY/alice` for `user:<id>`. Null when
 * the record is gone or has no name other than its key.
 */
export function auditTargetName(engine: AccessEngine, target: string | null): string | null {
  if (target === null) return null;
  const colon = target.indexOf(':');
  if (colon < 0) return null;
  const kind = target.slice(0, colon);
  const key = target.slice(colon + 1);
  switch (kind) {
    case 'organization':
    case 'project':
      return engine.describeTarget({ type: kind, id: key })?.name ?? null;
    case 'resource': {
      const resource = engine.resources().find((r) => r.id === key);
      return resource === undefined ? null : (engine.describeTarget({ type: resource.type, id: key })?.name ?? null);
    }
    case 'user': {
      const user = engine.user(key);
      return user === undefined || user.id !== key ? null : qualifiedUserName(user);
    }
    case 'group': {
      const group = engine.group(key);
      if (group === undefined) return null;
      const organization = engine.describeTarget({ type: 'organization', id: group.organization })?.name;
      return organization === undefined ? group.name : `${organization}/${group.name}`;
    }
    case 'role':
      return engine.role(key)?.name ?? null;
    case 'mapping': {
      const mapping = engine.mapping(key);
      if (mapping === undefined) return null;
      const role = engine.role(mapping.role)?.name ?? mapping.role;
      const at =
        engine.describeTarget({ type: mapping.target.level, id: mapping.target.id })?.name ?? mapping.target.id;
      return `${role} at ${at}`;
    }
    default:
      return null;
  }
}
