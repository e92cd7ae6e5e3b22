import { hasBit } from './bitset.js';
import type { CheckRequest, DenialCode, ExcludedGrant, Explanation, Grant } from './decision.js';
import type { AccessEngine, Principal } from './engine.js';
import {
  ALL_PERMISSIONS,
  type Group,
  type Level,
  type RoleMapping,
  type Subject,
  type Target,
  permissionParent,
  qualifiedUserName,
} from './model.js';
import type { Entry } from './entries.js';
import type { ModelState } from './state.js';
import { ACTIVE, DISABLED } from './user-table.js';

/**
 * The slow path of a decision: every mapping that holds the permission at the target, which of them
 * count, and why the others don't. Allocates freely; `AccessEngine.allowed` is the fast path.
 */
export function explainDecision(engine: AccessEngine, state: ModelState, request: CheckRequest): Explanation {
  const permission = request.permission;
  const node = engine.resolveTarget(request.resource);
  const target = node < 0 ? null : describeNode(state, node);
  const user = request.user ?? null;
  const slot = user === null ? null : engine.findUser(user);
  const who = slot === null || slot === undefined ? null : { id: slot.record.id, name: qualifiedUserName(slot.record) };
  const denied = (code: DenialCode, reason: string): Explanation => ({
    user: who,
    permission,
    target,
    grant: null,
    grants: [],
    denial: { code, reason },
    excluded: [],
  });
  const p = state.bits.permissionIndex.get(permission);
  if (p === undefined) return denied('UNKNOWN_PERMISSION', `unknown permission "${permission}"`);
  if (node < 0 || target === null)
    return denied('UNKNOWN_TARGET', `unknown ${request.resource.type} "${request.resource.id}"`);
  if (slot === undefined) return denied('UNKNOWN_USER', `unknown user "${String(user)}"`);
  if (slot !== null && slot.status === DISABLED) return denied('USER_DISABLED', 'user disabled');

  const principal: Principal = slot;
  const now = engine.nowOf(request);
  const excludedRoles =
    request.activeRoles !== undefined && request.activeRoles.length > 0
      ? engine.excludedRoles(request.activeRoles, node)
      : null;
  const sources: [Iterable<Entry>, Group | null][] = [];
  const subjects: [Subject, Group | null][] = [];
  if (principal === null) {
    sources.push([state.anonymousEntries, null]);
    subjects.push([{ kind: 'anonymous' }, null]);
  } else {
    sources.push([principal.entries, null]);
    subjects.push([{ kind: 'user', id: principal.record.id }, null]);
    for (const g of principal.groups) {
      const group = state.groups.get(state.groupIds[g]!) ?? null;
      sources.push([state.groupEntries[g]!, group]);
      subjects.push([{ kind: 'group', id: state.groupIds[g]! }, group]);
    }
    if (principal.status === ACTIVE) {
      sources.push([state.everyoneEntries, null]);
      subjects.push([{ kind: 'everyone' }, null]);
    }
  }
  // Time-limited mappings: those in force at `now` count; the others are named with their window.
  const outOfWindow = new Map<string, 'GRANT_EXPIRED' | 'GRANT_NOT_YET_VALID'>();
  for (const [subject, group] of subjects) {
    const timed = state.timed.of(subject);
    if (timed.length === 0) continue;
    for (const t of timed) {
      if (now >= t.until) outOfWindow.set(t.entry.mapping.id, 'GRANT_EXPIRED');
      else if (now < t.from) outOfWindow.set(t.entry.mapping.id, 'GRANT_NOT_YET_VALID');
    }
    sources.push([timed.map((t) => t.entry), group]);
  }
  const chain = state.targets.chain[node]!;
  const levels = state.bits.permissionLevels[p]!;
  const gated = state.targets.isPrivate[node]! && state.bits.permissionGated[p]!;
  const closedToAnonymous =
    principal === null && state.targets.closedToAnonymous[node]! && state.bits.permissionAnonymousGated[p]!;
  let seesPrivate: boolean | undefined;
  const grants: [Entry, Grant][] = [];
  const excluded: [Entry, ExcludedGrant][] = [];
  for (const [entries, group] of sources) {
    for (const entry of entries) {
      if (chain[entry.depth] !== entry.node || !hasBit(state.bits.roleBits[entry.role]!, p)) continue;
      const grant = grantFor(state, entry.mapping, group, permission);
      const window = outOfWindow.get(entry.mapping.id);
      if (window !== undefined) {
        excluded.push([entry, { grant, code: window, reason: windowReason(entry.mapping, window) }]);
        continue;
      }
      if (excludedRoles?.has(entry.role) === true) {
        excluded.push([
          entry,
          {
            grant,
            code: 'SEPARATION_OF_DUTIES',
            reason: `"${grant.role.name}" is kept out of this session by a dynamic separation-of-duties constraint with a role it already used`,
          },
        ]);
        continue;
      }
      if ((levels & (1 << entry.level)) === 0) {
        excluded.push([
          entry,
          { grant, code: 'LEVEL_NOT_GRANTABLE', reason: levelReason(state, entry.mapping.target.level, p, node) },
        ]);
        continue;
      }
      if (closedToAnonymous) {
        const type = displayType(state.targets.type[node]!);
        excluded.push([
          entry,
          { grant, code: 'ANONYMOUS_NOT_ALLOWED', reason: `the ${type} does not allow anonymous access` },
        ]);
        continue;
      }
      if (gated && entry.node !== node) {
        seesPrivate ??= engine.seesPrivate(principal, node, now, excludedRoles);
        if (!seesPrivate) {
          const type = state.targets.type[node]!;
          excluded.push([
            entry,
            { grant, code: 'PRIVATE_NOT_INVITED', reason: `private ${displayType(type)}: not invited` },
          ]);
          continue;
        }
      }
      grants.push([entry, grant]);
    }
  }
  const byLevel = (a: [Entry, unknown], b: [Entry, unknown]): number =>
    a[0].depth - b[0].depth || (a[0].mapping.id < b[0].mapping.id ? -1 : a[0].mapping.id > b[0].mapping.id ? 1 : 0);
  grants.sort(byLevel);
  excluded.sort(byLevel);
  const first = grants[0];
  const firstExcluded = excluded[0];
  let denial: Explanation['denial'] = null;
  if (first === undefined) {
    denial =
      firstExcluded === undefined
        ? {
            code: 'NO_GRANT',
            reason: `no role mapping grants "${permission}" on this ${displayType(target.level === 'resource' ? state.targets.type[node]! : target.level)} or above it`,
          }
        : { code: firstExcluded[1].code, reason: firstExcluded[1].reason };
  }
  return {
    user: who,
    permission,
    target,
    grant: first === undefined ? null : first[1],
    grants: grants.map(([, grant]) => grant),
    denial,
    excluded: excluded.map(([, item]) => item),
  };
}

/** The grant a mapping gives for a permission: which tree node of which (included) role covers it. */
export function grantFor(state: ModelState, mapping: RoleMapping, group: Group | null, permission: string): Grant {
  const role = state.roles.get(mapping.role)!;
  const found = coveringNode(state, mapping.role, permission, []) ?? { node: permission, through: [role.name] };
  const node = state.node(mapping.target.level, mapping.target.id);
  return {
    mapping: mapping.id,
    role: { id: role.id, name: role.name },
    subject: mapping.subject,
    target: node < 0 ? { ...mapping.target, name: mapping.target.id } : describeNode(state, node),
    group: group === null ? null : { id: group.id, name: group.name },
    node: found.node,
    through: found.through,
    ...(typeof mapping.notBefore === 'string' ? { notBefore: mapping.notBefore } : {}),
    ...(typeof mapping.expiresAt === 'string' ? { expiresAt: mapping.expiresAt } : {}),
  };
}

function windowReason(mapping: RoleMapping, code: 'GRANT_EXPIRED' | 'GRANT_NOT_YET_VALID'): string {
  return code === 'GRANT_EXPIRED'
    ? `the mapping expired at ${mapping.expiresAt} (it counted until then, exclusive)`
    : `the mapping counts only from ${mapping.notBefore} (inclusive)`;
}

function coveringNode(
  state: ModelState,
  roleId: string,
  permission: string,
  path: string[],
): { node: string; through: string[] } | null {
  const role = state.roles.get(roleId);
  if (role === undefined || path.includes(role.name)) return null;
  const through = [...path, role.name];
  for (const key of role.permissions) {
    if (key === ALL_PERMISSIONS || key === permission || isAncestorKey(key, permission)) return { node: key, through };
  }
  for (const included of role.includes) {
    const found = coveringNode(state, included, permission, through);
    if (found !== null) return found;
  }
  return null;
}

function isAncestorKey(ancestor: string, key: string): boolean {
  for (let current = permissionParent(key); current !== null; current = permissionParent(current)) {
    if (current === ancestor) return true;
  }
  return false;
}

export function describeNode(state: ModelState, node: number): Target & { name: string } {
  const level = state.targets.level[node]!;
  const id = state.targets.entity[node]!;
  if (level === 'organization') return { level, id, name: state.organizations.get(id)?.name ?? id };
  if (level === 'project') {
    const project = state.projects.get(id);
    return { level, id, name: project === undefined ? id : state.projectPath(project) };
  }
  const resource = state.resources.get(id);
  return { level, id, name: resource === undefined ? id : state.resourcePaths(resource)[0]! };
}

const TYPE_NAMES: Readonly<Record<string, string>> = { api: 'API' };

function displayType(type: string): string {
  return TYPE_NAMES[type] ?? type;
}

function levelReason(state: ModelState, grantedAt: Level, p: number, node: number): string {
  const mask = state.bits.permissionLevels[p]!;
  const allowed = (['organization', 'project', 'resource'] as const).filter((_, i) => (mask & (1 << i)) !== 0);
  const where =
    allowed.length === 1 && allowed[0] === 'resource'
      ? `only on the ${displayType(state.targets.level[node] === 'resource' ? state.targets.type[node]! : 'resource')} itself`
      : `only at ${allowed.join(' or ')} level`;
  return `granted at ${grantedAt} level, but grantable ${where}`;
}
