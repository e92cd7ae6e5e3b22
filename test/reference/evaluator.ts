/**
 * A slow, obviously-correct reference evaluator for the decision rule (docs/concepts.md#the-decision-rule).
 *
 * It holds a plain snapshot of the records (built by naively replaying `Change[]`) and answers by
 * literal evaluation of the rule: no indexes, no bitsets, no caching. Every question walks the
 * records from scratch. It exists only to be compared with `AccessEngine` in property tests.
 */
import type { Change } from '../../src/core/changes.js';
import type {
  Group,
  Level,
  Membership,
  Organization,
  Permission,
  Project,
  Resource,
  Role,
  RoleMapping,
  Scope,
  SodConstraint,
  Target,
  User,
} from '../../src/core/model.js';

export const VIEW_PRIVATE = 'resource:view-private';
const WILDCARD = '*';

/** The records of a model, as plain maps and arrays. */
export interface Snapshot {
  readonly organizations: Map<string, Organization>;
  readonly projects: Map<string, Project>;
  readonly resources: Map<string, Resource>;
  readonly users: Map<string, User>;
  readonly groups: Map<string, Group>;
  /** Memberships as `{group, user}` records; at most one per pair. */
  memberships: Membership[];
  readonly permissions: Map<string, Permission>;
  readonly roles: Map<string, Role>;
  readonly scopes: Map<string, Scope>;
  readonly mappings: Map<string, RoleMapping>;
  readonly constraints: Map<string, SodConstraint>;
}

export function emptySnapshot(): Snapshot {
  return {
    organizations: new Map(),
    projects: new Map(),
    resources: new Map(),
    users: new Map(),
    groups: new Map(),
    memberships: [],
    permissions: new Map(),
    roles: new Map(),
    scopes: new Map(),
    mappings: new Map(),
    constraints: new Map(),
  };
}

// ───────────────────────────── replay ─────────────────────────────

/**
 * Replays changes naively. Assumes the changes are valid (the generator only produces valid ones);
 * deletions are followed by a sweep that drops every record referring to something that no longer
 * exists — which is what `cascade` (and the implicit cascades of user.delete / group.delete) mean.
 */
export function replay(changes: readonly Change[], into: Snapshot = emptySnapshot()): Snapshot {
  const s = into;
  for (const change of changes) {
    switch (change.op) {
      case 'settings.set':
      case 'userStore.put':
      case 'userStore.delete':
        break; // irrelevant to decisions
      case 'organization.put':
        s.organizations.set(change.organization.id, change.organization);
        break;
      case 'organization.delete':
        s.organizations.delete(change.id);
        break;
      case 'project.put':
        s.projects.set(change.project.id, change.project);
        break;
      case 'project.delete':
        s.projects.delete(change.id);
        break;
      case 'resource.put':
        s.resources.set(change.resource.id, change.resource);
        break;
      case 'resource.delete':
        s.resources.delete(change.id);
        break;
      case 'user.put':
        s.users.set(change.user.id, change.user);
        break;
      case 'user.delete':
        s.users.delete(change.id);
        break;
      case 'group.put':
        s.groups.set(change.group.id, change.group);
        break;
      case 'group.delete':
        s.groups.delete(change.id);
        break;
      case 'member.add':
        if (!s.memberships.some((m) => m.group === change.membership.group && m.user === change.membership.user)) {
          s.memberships.push({ group: change.membership.group, user: change.membership.user });
        }
        break;
      case 'member.remove':
        s.memberships = s.memberships.filter(
          (m) => !(m.group === change.membership.group && m.user === change.membership.user),
        );
        break;
      case 'permission.put':
        s.permissions.set(change.permission.key, change.permission);
        break;
      case 'permission.delete':
        s.permissions.delete(change.key);
        break;
      case 'role.put':
        s.roles.set(change.role.id, change.role);
        break;
      case 'role.delete':
        s.roles.delete(change.id);
        break;
      case 'scope.put':
        s.scopes.set(change.scope.name, change.scope);
        break;
      case 'scope.delete':
        s.scopes.delete(change.name);
        break;
      case 'mapping.add':
        s.mappings.set(change.mapping.id, change.mapping);
        break;
      case 'mapping.remove':
        s.mappings.delete(change.id);
        break;
      case 'constraint.put':
        s.constraints.set(change.constraint.id, change.constraint);
        break;
      case 'constraint.delete':
        s.constraints.delete(change.id);
        break;
    }
    sweep(s);
  }
  return s;
}

/** Removes, until nothing changes, every record that refers to a record that no longer exists. */
function sweep(s: Snapshot): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const o of [...s.organizations.values()]) {
      if (o.parent !== null && !s.organizations.has(o.parent)) changed = s.organizations.delete(o.id) || changed;
    }
    for (const p of [...s.projects.values()]) {
      if (!s.organizations.has(p.organization)) changed = s.projects.delete(p.id) || changed;
    }
    for (const r of [...s.resources.values()]) {
      const gone = !s.organizations.has(r.organization) || (r.project !== null && !s.projects.has(r.project));
      if (gone) changed = s.resources.delete(r.id) || changed;
    }
    for (const g of [...s.groups.values()]) {
      if (!s.organizations.has(g.organization)) changed = s.groups.delete(g.id) || changed;
    }
    for (const r of [...s.roles.values()]) {
      if (
        (r.organization !== null && !s.organizations.has(r.organization)) ||
        (r.owner !== null && !s.users.has(r.owner))
      ) {
        changed = s.roles.delete(r.id) || changed;
      }
    }
  }
  s.memberships = s.memberships.filter((m) => s.groups.has(m.group) && s.users.has(m.user));
  for (const c of [...s.constraints.values()]) {
    const gone =
      !s.roles.has(c.roles[0]) ||
      !s.roles.has(c.roles[1]) ||
      (c.organization !== null && !s.organizations.has(c.organization));
    if (gone) s.constraints.delete(c.id);
  }
  for (const r of [...s.roles.values()]) {
    const includes = r.includes.filter((id) => s.roles.has(id));
    if (includes.length !== r.includes.length) s.roles.set(r.id, { ...r, includes });
  }
  for (const sc of [...s.scopes.values()]) {
    const roles = sc.roles.filter((id) => s.roles.has(id));
    if (roles.length !== sc.roles.length) s.scopes.set(sc.name, { ...sc, roles });
  }
  for (const m of [...s.mappings.values()]) {
    const subjectGone =
      (m.subject.kind === 'user' && !s.users.has(m.subject.id)) ||
      (m.subject.kind === 'group' && !s.groups.has(m.subject.id));
    if (subjectGone || !s.roles.has(m.role) || !targetExists(s, m.target)) s.mappings.delete(m.id);
  }
}

export function targetExists(s: Snapshot, target: Target): boolean {
  if (target.level === 'organization') return s.organizations.has(target.id);
  if (target.level === 'project') return s.projects.has(target.id);
  return s.resources.has(target.id);
}

// ───────────────────────────── the rule ─────────────────────────────

/** A signed-in user by id, or the anonymous guest (null / undefined). */
export type Who = string | null | undefined;

/** A target as callers name it: `{ type: 'organization' | 'project' | <resource type>, id }`. */
export interface Ref {
  readonly type: string;
  readonly id: string;
}

export interface Counting {
  readonly mapping: RoleMapping;
  /** Position of the mapping's target in the chain (0 = root-most). */
  readonly position: number;
}

export class ReferenceEvaluator {
  /** `now`: the instant decisions are made at (ms); a mapping counts when notBefore <= now < expiresAt. */
  constructor(
    readonly snapshot: Snapshot,
    readonly now: number = Date.now(),
  ) {}

  /** Whether a mapping's time limits let it count at `now`, read literally from its ISO strings. */
  inForce(mapping: RoleMapping): boolean {
    const from = mapping.notBefore ?? null;
    const until = mapping.expiresAt ?? null;
    return (from === null || Date.parse(from) <= this.now) && (until === null || this.now < Date.parse(until));
  }

  /**
   * Static separation of duties, literally: for each static constraint in force, the users who hold
   * both roles through any mapping (direct, group, everyone) of a role whose closure has it, in the
   * constraint's organization subtree (anywhere for an installation-wide one), whatever the time limits.
   */
  staticConflicts(): { constraint: string; user: string }[] {
    const s = this.snapshot;
    const out: { constraint: string; user: string }[] = [];
    for (const constraint of s.constraints.values()) {
      if (constraint.kind !== 'static') continue;
      for (const user of s.users.keys()) {
        const holds = (role: string) =>
          [...s.mappings.values()].some((m) => {
            const subject = m.subject;
            const includes =
              (subject.kind === 'user' && subject.id === user) ||
              (subject.kind === 'group' && s.memberships.some((x) => x.group === subject.id && x.user === user)) ||
              subject.kind === 'everyone';
            if (!includes || !this.roleClosure(m.role).has(role)) return false;
            if (constraint.organization === null) return true;
            return this.chain(m.target).some((t) => t.level === 'organization' && t.id === constraint.organization);
          });
        if (holds(constraint.roles[0]) && holds(constraint.roles[1])) out.push({ constraint: constraint.id, user });
      }
    }
    return out;
  }

  /** The target a ref names, or null when there is no such entity of that type. */
  resolve(ref: Ref): Target | null {
    const s = this.snapshot;
    if (ref.type === 'organization') return s.organizations.has(ref.id) ? { level: 'organization', id: ref.id } : null;
    if (ref.type === 'project') return s.projects.has(ref.id) ? { level: 'project', id: ref.id } : null;
    const resource = s.resources.get(ref.id);
    return resource !== undefined && resource.type === ref.type ? { level: 'resource', id: ref.id } : null;
  }

  refOf(target: Target): Ref {
    if (target.level === 'resource') return { type: this.snapshot.resources.get(target.id)!.type, id: target.id };
    return { type: target.level, id: target.id };
  }

  /** The organization and its ancestors, nearest first. */
  #organizationAndAncestors(id: string): Target[] {
    const out: Target[] = [];
    const seen = new Set<string>();
    let current: string | null = id;
    while (current !== null && !seen.has(current)) {
      const org = this.snapshot.organizations.get(current);
      if (org === undefined) break;
      seen.add(current);
      out.push({ level: 'organization', id: current });
      current = org.parent;
    }
    return out;
  }

  /** The chain of a target, root-most first, the target itself last. Empty for an unknown target. */
  chain(target: Target): Target[] {
    const s = this.snapshot;
    const nearestFirst: Target[] = [];
    if (target.level === 'organization') {
      nearestFirst.push(...this.#organizationAndAncestors(target.id));
    } else if (target.level === 'project') {
      const project = s.projects.get(target.id);
      if (project === undefined) return [];
      nearestFirst.push(target, ...this.#organizationAndAncestors(project.organization));
    } else {
      const resource = s.resources.get(target.id);
      if (resource === undefined) return [];
      nearestFirst.push(target);
      if (resource.project !== null) nearestFirst.push({ level: 'project', id: resource.project });
      nearestFirst.push(...this.#organizationAndAncestors(resource.organization));
    }
    return nearestFirst.reverse();
  }

  /** Every permission key of a role and, transitively, of every role it includes. */
  roleKeys(roleId: string): Set<string> {
    const keys = new Set<string>();
    for (const id of this.roleClosure(roleId))
      for (const key of this.snapshot.roles.get(id)!.permissions) keys.add(key);
    return keys;
  }

  /** The role and every role it includes, transitively (existing roles only). */
  roleClosure(roleId: string): Set<string> {
    const seen = new Set<string>();
    const stack = [roleId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      const role = this.snapshot.roles.get(id);
      if (role === undefined) continue;
      seen.add(id);
      stack.push(...role.includes);
    }
    return seen;
  }

  roleCovers(roleId: string, permission: string): boolean {
    for (const k of this.roleKeys(roleId)) {
      if (k === WILDCARD || k === permission || permission.startsWith(`${k}:`)) return true;
    }
    return false;
  }

  /** Whether a mapping's subject includes the user (or the guest). */
  subjectIncludes(mapping: RoleMapping, who: Who): boolean {
    const s = this.snapshot;
    const subject = mapping.subject;
    if (who === null || who === undefined) return subject.kind === 'anonymous';
    const user = s.users.get(who);
    if (user === undefined) return false;
    switch (subject.kind) {
      case 'user':
        return subject.id === who;
      case 'group':
        return s.groups.has(subject.id) && s.memberships.some((m) => m.group === subject.id && m.user === who);
      case 'everyone':
        return user.status === 'active';
      case 'anonymous':
        return false;
    }
  }

  /** Whether the decision may even be considered: declared permission, known and not disabled user. */
  #eligible(who: Who, permission: string): boolean {
    if (!this.snapshot.permissions.has(permission)) return false;
    if (who === null || who === undefined) return true;
    const user = this.snapshot.users.get(who);
    return user !== undefined && user.status !== 'disabled';
  }

  /**
   * The mappings that hold the permission for the user at the target before the exclusions: the
   * subject includes the user, the target is in the chain, the role covers the permission.
   */
  holding(who: Who, permission: string, target: Target): Counting[] {
    if (!this.#eligible(who, permission)) return [];
    const chain = this.chain(target);
    const out: Counting[] = [];
    for (const mapping of this.snapshot.mappings.values()) {
      if (!this.subjectIncludes(mapping, who) || !this.inForce(mapping)) continue;
      const position = chain.findIndex((t) => t.level === mapping.target.level && t.id === mapping.target.id);
      if (position < 0) continue;
      if (!this.roleCovers(mapping.role, permission)) continue;
      out.push({ mapping, position });
    }
    return out;
  }

  /** Why a holding mapping does not count (level exclusion, then private exclusion), or null when it counts. */
  exclusion(
    who: Who,
    permission: string,
    target: Target,
    mapping: RoleMapping,
  ): 'LEVEL_NOT_GRANTABLE' | 'PRIVATE_NOT_INVITED' | 'ANONYMOUS_NOT_ALLOWED' | null {
    const s = this.snapshot;
    const perm = s.permissions.get(permission)!;
    if (!perm.levels.includes(mapping.target.level)) return 'LEVEL_NOT_GRANTABLE';
    const targetResource = target.level === 'resource' ? s.resources.get(target.id) : undefined;
    // The guest's grants of an anonymous-gated permission count on a resource only where it allows anonymous access.
    if (
      (who === null || who === undefined) &&
      perm.anonymousGated === true &&
      targetResource !== undefined &&
      targetResource.anonymousAccess !== true
    )
      return 'ANONYMOUS_NOT_ALLOWED';
    const isTargetItself = mapping.target.level === target.level && mapping.target.id === target.id;
    if (
      targetResource?.private &&
      perm.visibilityGated &&
      permission !== VIEW_PRIVATE && // resource:view-private is itself never gated
      !isTargetItself
    ) {
      if (!s.permissions.has(VIEW_PRIVATE)) return 'PRIVATE_NOT_INVITED';
      if (!this.allowed(who, VIEW_PRIVATE, target)) return 'PRIVATE_NOT_INVITED';
    }
    return null;
  }

  /** The mappings that count for (user, permission, target), with their chain positions. */
  counting(who: Who, permission: string, target: Target): Counting[] {
    return this.holding(who, permission, target).filter(
      (c) => this.exclusion(who, permission, target, c.mapping) === null,
    );
  }

  allowed(who: Who, permission: string, target: Target | null): boolean {
    if (target === null) return false;
    return this.counting(who, permission, target).length > 0;
  }

  allowedRef(who: Who, permission: string, ref: Ref): boolean {
    return this.allowed(who, permission, this.resolve(ref));
  }

  /** The chain position of the highest-level counting mapping, or -1 when denied. */
  highestPosition(who: Who, permission: string, target: Target): number {
    const positions = this.counting(who, permission, target).map((c) => c.position);
    return positions.length === 0 ? -1 : Math.min(...positions);
  }

  /** Every declared key held at the target, sorted. */
  permissionsAt(who: Who, ref: Ref): string[] {
    const target = this.resolve(ref);
    return [...this.snapshot.permissions.keys()].filter((key) => this.allowed(who, key, target)).sort(compareStrings);
  }

  /** Ids of every entity of the type on which the permission is allowed, ascending. */
  lookup(who: Who, permission: string, type: string): string[] {
    const s = this.snapshot;
    let candidates: Target[];
    if (type === 'organization')
      candidates = [...s.organizations.keys()].map((id) => ({ level: 'organization' as Level, id }));
    else if (type === 'project') candidates = [...s.projects.keys()].map((id) => ({ level: 'project' as Level, id }));
    else
      candidates = [...s.resources.values()]
        .filter((r) => r.type === type)
        .map((r) => ({ level: 'resource' as Level, id: r.id }));
    return candidates
      .filter((t) => this.allowed(who, permission, t))
      .map((t) => t.id)
      .sort(compareStrings);
  }

  /** Every user id allowed (ascending), plus null first if the guest is allowed. */
  reverseLookup(permission: string, ref: Ref): (string | null)[] {
    const target = this.resolve(ref);
    const out: (string | null)[] = [];
    if (this.allowed(null, permission, target)) out.push(null);
    const users = [...this.snapshot.users.keys()].sort(compareStrings);
    for (const id of users) if (this.allowed(id, permission, target)) out.push(id);
    return out;
  }

  /** Declared scopes among the requested ones that the user's mapped roles (at the chain) allow. */
  grantableScopes(who: Who, requested: readonly string[], ref: Ref): { granted: string[]; refused: string[] } {
    const s = this.snapshot;
    const target = this.resolve(ref);
    const user = who === null || who === undefined ? null : s.users.get(who);
    const usable = user !== undefined && (user === null || user.status !== 'disabled') && target !== null;
    const chain = target === null ? [] : this.chain(target);
    const held = new Set<string>();
    if (usable) {
      for (const mapping of s.mappings.values()) {
        if (!this.subjectIncludes(mapping, who) || !this.inForce(mapping)) continue;
        if (!chain.some((t) => t.level === mapping.target.level && t.id === mapping.target.id)) continue;
        for (const role of this.roleClosure(mapping.role)) held.add(role);
      }
    }
    const granted: string[] = [];
    const refused: string[] = [];
    for (const name of new Set(requested)) {
      const scope = s.scopes.get(name);
      if (scope?.roles.some((r) => held.has(r))) granted.push(name);
      else refused.push(name);
    }
    return { granted, refused };
  }
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function referenceFor(changes: readonly Change[], now?: number): ReferenceEvaluator {
  return new ReferenceEvaluator(replay(changes), now);
}
