/**
 * fast-check arbitraries for random, valid Tessera models and mutation sequences.
 *
 * The arbitraries produce small records of numbers and flags (which shrink well); `buildScenario`
 * interprets them deterministically against the current state into `Change`s that the engine must
 * accept (no dangling references, no role cycles, no duplicate mappings, no non-cascading delete
 * of a referenced entity).
 */
import fc from 'fast-check';
import type { Change } from '../../src/core/changes.js';
import { roleRecord } from '../../src/core/model.js';
import type {
  Group,
  Level,
  Organization,
  Permission,
  Project,
  Resource,
  Role,
  RoleMapping,
  Subject,
  Target,
  UserStatus,
} from '../../src/core/model.js';
import { type Ref, type Snapshot, ReferenceEvaluator, VIEW_PRIVATE, emptySnapshot, replay } from './evaluator.js';

export const LEVEL_LIST: readonly Level[] = ['organization', 'project', 'resource'];
export const STATUSES: readonly UserStatus[] = ['active', 'invited', 'disabled'];
export const RESOURCE_TYPES = ['api', 'application'] as const;

/**
 * The permission keys the generator draws from, parents before children. `ab` checks that `a` does
 * not cover `ab` (only `a:…`).
 */
export const PERMISSION_POOL = [
  'a',
  'a:x',
  'a:x:deep',
  'a:y',
  'ab',
  'b',
  'b:z',
  'c',
  'resource',
  VIEW_PRIVATE,
] as const;

// ───────────────────────────── model spec ─────────────────────────────

const levelsArb = fc.subarray([...LEVEL_LIST], { minLength: 1 });

export interface ModelSpec {
  readonly twoOrgs: boolean;
  readonly childOrg: boolean;
  readonly projects: readonly number[];
  readonly resources: readonly {
    type: number;
    org: number;
    project: number;
    inProject: boolean;
    private: boolean;
    anonymous: boolean;
  }[];
  readonly permissions: readonly { include: boolean; levels: Level[]; gated: boolean; anonymous: boolean }[];
  readonly roles: readonly { perms: number; wildcard: boolean; includes: number }[];
  readonly users: readonly UserStatus[];
  readonly groups: readonly { org: number; members: number }[];
  readonly mappings: readonly MappingSeed[];
  readonly scopes: readonly number[];
}

export interface MappingSeed {
  readonly role: number;
  readonly kind: number;
  readonly subject: number;
  readonly target: number;
}

export const mappingSeedArb: fc.Arbitrary<MappingSeed> = fc.record({
  role: fc.nat(15),
  kind: fc.nat(3),
  subject: fc.nat(15),
  target: fc.nat(31),
});

export const modelSpecArb: fc.Arbitrary<ModelSpec> = fc.record({
  twoOrgs: fc.boolean(),
  childOrg: fc.boolean(),
  projects: fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }),
  resources: fc.array(
    fc.record({
      type: fc.nat(1),
      org: fc.nat(3),
      project: fc.nat(3),
      inProject: fc.boolean(),
      private: fc.boolean(),
      anonymous: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
  permissions: fc.array(
    fc.record({ include: fc.boolean(), levels: levelsArb, gated: fc.boolean(), anonymous: fc.boolean() }),
    {
      minLength: PERMISSION_POOL.length,
      maxLength: PERMISSION_POOL.length,
    },
  ),
  roles: fc.array(fc.record({ perms: fc.nat(1023), wildcard: fc.boolean(), includes: fc.nat(15) }), {
    minLength: 1,
    maxLength: 4,
  }),
  users: fc.array(fc.constantFrom(...STATUSES), { minLength: 1, maxLength: 5 }),
  groups: fc.array(fc.record({ org: fc.nat(3), members: fc.nat(31) }), { maxLength: 3 }),
  // A count and a fixed-length array: lengths spread evenly over 0–8 (plain arrays favour short ones), and shrink.
  mappings: fc
    .tuple(fc.noBias(fc.nat(8)), fc.array(mappingSeedArb, { minLength: 8, maxLength: 8 }))
    .map(([count, seeds]) => seeds.slice(0, count)),
  scopes: fc.array(fc.nat(15), { maxLength: 3 }),
});

// ───────────────────────────── mutation seeds ─────────────────────────────

export interface MutationSeed {
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly flag: boolean;
  readonly levels: Level[];
}

export const mutationSeedArb: fc.Arbitrary<MutationSeed> = fc.record({
  kind: fc.noBias(fc.nat(109)),
  a: fc.nat(63),
  b: fc.nat(1023),
  c: fc.nat(63),
  flag: fc.boolean(),
  levels: levelsArb,
});

export interface Scenario {
  /** The initial model, one batch. */
  readonly model: Change[];
  /** One batch per mutation, applied after the model. */
  readonly mutations: Change[][];
}

export interface ScenarioOptions {
  readonly maxMutations?: number;
  /**
   * Whether mutations may move an organization under another parent (organization.put with a new
   * parent): always (default), only organizations with no mapping at or below them, or never.
   */
  readonly moveOrganizations?: boolean;
}

export const scenarioArb = (options: ScenarioOptions = {}): fc.Arbitrary<Scenario> =>
  fc
    .record({
      spec: modelSpecArb,
      count: fc.noBias(fc.nat(options.maxMutations ?? 12)),
      seeds: fc.array(mutationSeedArb, {
        minLength: options.maxMutations ?? 12,
        maxLength: options.maxMutations ?? 12,
      }),
    })
    .map(({ spec, count, seeds }) => buildScenario(spec, seeds.slice(0, count), options));

// ───────────────────────────── records ─────────────────────────────

function pick<T>(values: readonly T[], n: number): T | undefined {
  return values.length === 0 ? undefined : values[n % values.length];
}

function bitsPick<T>(values: readonly T[], bits: number): T[] {
  return values.filter((_, i) => (bits & (1 << i)) !== 0);
}

function org(id: string, parent: string | null): Change {
  return {
    op: 'organization.put',
    organization: { id, name: `org-${id}`, parent, requireTwoFactor: false, adminRole: null },
  };
}

function role(id: string, permissions: string[], includes: string[]): Role {
  return roleRecord({ id, name: `role-${id}`, permissions, includes });
}

function user(id: string, status: UserStatus): Change {
  return { op: 'user.put', user: { id, username: `name-${id}`, store: 'PRIMARY', email: null, status } };
}

function group(id: string, organization: string): Change {
  return { op: 'group.put', group: { id, organization, name: `group-${id}`, store: 'PRIMARY', description: null } };
}

function permission(key: string, levels: Level[], gated: boolean, anonymousGated = false): Permission {
  return { key, description: null, levels, visibilityGated: gated, ...(anonymousGated ? { anonymousGated } : {}) };
}

function parentKey(key: string): string | null {
  const at = key.lastIndexOf(':');
  return at < 0 ? null : key.slice(0, at);
}

function roleOrdinal(id: string): number {
  return Number(id.slice(1));
}

function allTargets(s: Snapshot): Target[] {
  return [
    ...[...s.organizations.keys()].map((id) => ({ level: 'organization' as Level, id })),
    ...[...s.projects.keys()].map((id) => ({ level: 'project' as Level, id })),
    ...[...s.resources.keys()].map((id) => ({ level: 'resource' as Level, id })),
  ];
}

function sameSubject(a: Subject, b: Subject): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'user' || a.kind === 'group') return a.id === (b as { id: string }).id;
  return true;
}

/**
 * What the interpretation of seeds remembers: a counter for fresh ids (never reused within a
 * scenario; user ids must never be reused at all) and the last version of every record ever put,
 * so that a deleted organization, project, resource, group or role can be re-created under its id.
 */
export class Context {
  #next: number;

  constructor(start = 100) {
    this.#next = start;
  }

  readonly history = {
    organizations: new Map<string, Organization>(),
    projects: new Map<string, Project>(),
    resources: new Map<string, Resource>(),
    groups: new Map<string, Group>(),
    roles: new Map<string, Role>(),
  };

  fresh(prefix: string): string {
    return `${prefix}${this.#next++}`;
  }

  remember(changes: readonly Change[]): void {
    for (const c of changes) {
      if (c.op === 'organization.put') this.history.organizations.set(c.organization.id, c.organization);
      else if (c.op === 'project.put') this.history.projects.set(c.project.id, c.project);
      else if (c.op === 'resource.put') this.history.resources.set(c.resource.id, c.resource);
      else if (c.op === 'group.put') this.history.groups.set(c.group.id, c.group);
      else if (c.op === 'role.put') this.history.roles.set(c.role.id, c.role);
    }
  }
}

/** A valid mapping for the seed against the snapshot, or null when none can be made. */
export function makeMapping(s: Snapshot, seed: MappingSeed, id: string): RoleMapping | null {
  const roleId = pick([...s.roles.keys()], seed.role);
  const target = pick(allTargets(s), seed.target);
  if (roleId === undefined || target === undefined) return null;
  const chain = new ReferenceEvaluator(s).chain(target);
  let subject: Subject = { kind: 'everyone' };
  if (seed.kind === 0) {
    const u = pick([...s.users.keys()], seed.subject);
    subject = u === undefined ? { kind: 'anonymous' } : { kind: 'user', id: u };
  } else if (seed.kind === 1) {
    // The engine requires the group's organization to be in the chain of the target.
    const groups = [...s.groups.values()].filter((g) =>
      chain.some((t) => t.level === 'organization' && t.id === g.organization),
    );
    const g = pick(groups, seed.subject);
    subject = g === undefined ? { kind: 'everyone' } : { kind: 'group', id: g.id };
  } else if (seed.kind === 3) {
    subject = { kind: 'anonymous' };
  }
  for (const m of s.mappings.values()) {
    if (
      m.role === roleId &&
      sameSubject(m.subject, subject) &&
      m.target.level === target.level &&
      m.target.id === target.id
    )
      return null;
  }
  return { id, role: roleId, subject, target };
}

// ───────────────────────────── the model ─────────────────────────────

export function buildModel(spec: ModelSpec): Change[] {
  const changes: Change[] = [];
  const orgs = spec.twoOrgs ? ['o1', 'o2'] : ['o1'];
  changes.push(org('o1', null));
  if (spec.twoOrgs) changes.push(org('o2', spec.childOrg ? 'o1' : null));

  const projects: { id: string; org: string }[] = [];
  spec.projects.forEach((o, i) => {
    const id = `p${i + 1}`;
    const organization = pick(orgs, o)!;
    projects.push({ id, org: organization });
    changes.push({ op: 'project.put', project: { id, name: `proj-${id}`, organization } });
  });

  spec.resources.forEach((r, i) => {
    const id = `r${i + 1}`;
    const organization = pick(orgs, r.org)!;
    const project = r.inProject
      ? (pick(
          projects.filter((p) => p.org === organization),
          r.project,
        )?.id ?? null)
      : null;
    const type = RESOURCE_TYPES[r.type % RESOURCE_TYPES.length]!;
    changes.push({
      op: 'resource.put',
      resource: {
        id,
        type,
        name: `res-${id}`,
        organization,
        project,
        private: r.private,
        ...(r.anonymous ? { anonymousAccess: true } : {}),
      },
    });
  });

  const declared: string[] = [];
  const wantsViewPrivate = spec.permissions[PERMISSION_POOL.indexOf(VIEW_PRIVATE)]!.include;
  PERMISSION_POOL.forEach((key, i) => {
    const p = spec.permissions[i]!;
    const parent = parentKey(key);
    // `a` always exists (and `resource` when `resource:view-private` is wanted); others when chosen and their parent is declared.
    const chosen = key === 'a' || p.include || (key === 'resource' && wantsViewPrivate);
    if (!chosen || (parent !== null && !declared.includes(parent))) return;
    declared.push(key);
    changes.push({ op: 'permission.put', permission: permission(key, p.levels, p.gated, p.anonymous) });
  });

  const roles: string[] = [];
  spec.roles.forEach((r, i) => {
    const id = `R${i + 1}`;
    const permissions = bitsPick(declared, r.perms);
    if (r.wildcard && r.perms % 3 === 0) permissions.push('*');
    const includes = bitsPick(roles, r.includes);
    roles.push(id);
    changes.push({ op: 'role.put', role: role(id, permissions, includes) });
  });

  const users = spec.users.map((status, i) => {
    const id = `u${i + 1}`;
    changes.push(user(id, status));
    return id;
  });

  spec.groups.forEach((g, i) => {
    const id = `g${i + 1}`;
    changes.push(group(id, pick(orgs, g.org)!));
    for (const member of bitsPick(users, g.members))
      changes.push({ op: 'member.add', membership: { group: id, user: member } });
  });

  spec.scopes.forEach((bits, i) => {
    changes.push({
      op: 'scope.put',
      scope: { name: `scope-${i + 1}`, description: null, roles: bitsPick(roles, bits) },
    });
  });

  const snapshot = replay(changes);
  spec.mappings.forEach((seed, i) => {
    const mapping = makeMapping(snapshot, seed, `m${i + 1}`);
    if (mapping === null) return;
    const change: Change = { op: 'mapping.add', mapping };
    changes.push(change);
    replay([change], snapshot);
  });
  return changes;
}

// ───────────────────────────── mutations ─────────────────────────────

function mappingsWhere(s: Snapshot, test: (m: RoleMapping) => boolean): Change[] {
  return [...s.mappings.values()].filter(test).map((m) => ({ op: 'mapping.remove', id: m.id }) as Change);
}

function _inChainOf(s: Snapshot, target: Target, level: Level, id: string): boolean {
  return new ReferenceEvaluator(s).chain(target).some((t) => t.level === level && t.id === id);
}

/** The mutation batch a seed stands for in the current state, or null when it has nothing to act on. */
export function interpretMutation(
  s: Snapshot,
  seed: MutationSeed,
  ids: Context,
  options: ScenarioOptions = {},
): Change[] | null {
  const users = [...s.users.keys()];
  const groups = [...s.groups.keys()];
  const roles = [...s.roles.keys()];
  const orgs = [...s.organizations.keys()];
  const projects = [...s.projects.keys()];
  const resources = [...s.resources.keys()];
  const declared = [...s.permissions.keys()];
  const k = seed.kind;

  if (k < 8) {
    // member.add
    const pairs = groups.flatMap((g) =>
      users.filter((u) => !s.memberships.some((m) => m.group === g && m.user === u)).map((u) => ({ g, u })),
    );
    const pair = pick(pairs, seed.a + seed.b);
    return pair === undefined ? null : [{ op: 'member.add', membership: { group: pair.g, user: pair.u } }];
  }
  if (k < 14) {
    const m = pick(s.memberships, seed.a);
    return m === undefined ? null : [{ op: 'member.remove', membership: { ...m } }];
  }
  if (k < 26) {
    const mapping = makeMapping(
      s,
      { role: seed.a, kind: seed.c % 4, subject: seed.b, target: seed.b >> 4 },
      ids.fresh('m'),
    );
    return mapping === null ? null : [{ op: 'mapping.add', mapping }];
  }
  if (k < 33) {
    const m = pick([...s.mappings.keys()], seed.a);
    return m === undefined ? null : [{ op: 'mapping.remove', id: m }];
  }
  if (k < 41) {
    // role.put: new permissions and includes (only roles created earlier: no cycles)
    const id = pick(roles, seed.a);
    if (id === undefined) return null;
    const permissions = bitsPick(declared, seed.b);
    if (seed.flag && seed.c % 4 === 0) permissions.push('*');
    const earlier = roles.filter((r) => roleOrdinal(r) < roleOrdinal(id));
    return [{ op: 'role.put', role: role(id, permissions, bitsPick(earlier, seed.c)) }];
  }
  if (k < 47) {
    // resource.put: toggle private (and sometimes rename)
    const r = s.resources.get(pick(resources, seed.a) ?? '');
    if (r === undefined) return null;
    return [
      {
        op: 'resource.put',
        resource: {
          ...r,
          private: !r.private,
          name: seed.flag ? `res-${r.id}-${seed.c}` : r.name,
          anonymousAccess: seed.c % 3 === 0,
        },
      },
    ];
  }
  if (k < 53) {
    const u = s.users.get(pick(users, seed.a) ?? '');
    if (u === undefined) return null;
    let status = STATUSES[seed.b % 3]!;
    if (status === u.status) status = STATUSES[(seed.b + 1) % 3]!;
    return [{ op: 'user.put', user: { ...u, status } }];
  }
  if (k < 56) {
    const id = pick(resources, seed.a);
    if (id === undefined) return null;
    if (seed.flag) return [{ op: 'resource.delete', id, cascade: true }];
    return [
      ...mappingsWhere(s, (m) => m.target.level === 'resource' && m.target.id === id),
      { op: 'resource.delete', id },
    ];
  }
  if (k < 59) {
    const id = pick(roles, seed.a);
    if (id === undefined) return null;
    if (seed.flag) return [{ op: 'role.delete', id, cascade: true }];
    // Unreference it by hand, in the same batch: mappings, including roles, scopes.
    const batch: Change[] = mappingsWhere(s, (m) => m.role === id);
    for (const other of s.roles.values()) {
      if (other.includes.includes(id))
        batch.push({ op: 'role.put', role: { ...other, includes: other.includes.filter((r) => r !== id) } });
    }
    for (const scope of s.scopes.values()) {
      if (scope.roles.includes(id))
        batch.push({ op: 'scope.put', scope: { ...scope, roles: scope.roles.filter((r) => r !== id) } });
    }
    batch.push({ op: 'role.delete', id });
    return batch;
  }
  if (k < 62) {
    const id = pick(groups, seed.a);
    if (id === undefined) return null;
    if (seed.flag) return [{ op: 'group.delete', id, cascade: true }];
    return [...mappingsWhere(s, (m) => m.subject.kind === 'group' && m.subject.id === id), { op: 'group.delete', id }];
  }
  if (k < 64) {
    const id = pick(users, seed.a);
    return id === undefined ? null : [{ op: 'user.delete', id }];
  }
  if (k < 70) {
    // permission.put: change levels / gating of a declared key, or declare a new one under a declared parent
    const candidates = PERMISSION_POOL.filter((key) => {
      const parent = parentKey(key);
      return parent === null || s.permissions.has(parent);
    });
    const key = pick(candidates, seed.a)!;
    return [{ op: 'permission.put', permission: permission(key, seed.levels, seed.flag, seed.c % 3 === 0) }];
  }
  if (k < 73) {
    // permission.delete of a leaf, after removing it from every role that lists it
    const leaves = declared.filter((key) => !declared.some((other) => parentKey(other) === key));
    const key = pick(leaves, seed.a);
    if (key === undefined) return null;
    const batch: Change[] = [];
    for (const r of s.roles.values()) {
      if (r.permissions.includes(key))
        batch.push({ op: 'role.put', role: { ...r, permissions: r.permissions.filter((p) => p !== key) } });
    }
    batch.push({ op: 'permission.delete', key });
    return batch;
  }
  if (k < 77) {
    // organization.put: move an organization (to the root or under one outside its subtree)
    const id = pick(orgs, seed.a);
    if (id === undefined || options.moveOrganizations === false) return null;
    const o = s.organizations.get(id)!;
    const evaluator = new ReferenceEvaluator(s);
    // A group's mappings must stay at or below the group's organization: moves that break that are refused.
    const keepsGroupsInReach = (parent: string | null): boolean => {
      const above = parent === null ? [] : evaluator.chain({ level: 'organization', id: parent }).map((t) => t.id);
      return [...s.mappings.values()].every((m) => {
        if (m.subject.kind !== 'group') return true;
        const chain = evaluator.chain(m.target);
        const at = chain.findIndex((t) => t.level === 'organization' && t.id === id);
        if (at < 0) return true;
        const after = [...above, ...chain.slice(at).map((t) => t.id)];
        return after.includes(s.groups.get(m.subject.id)!.organization);
      });
    };
    const parents: (string | null)[] = [
      null,
      ...orgs.filter((other) => !evaluator.chain({ level: 'organization', id: other }).some((t) => t.id === id)),
    ].filter((p) => p !== o.parent && keepsGroupsInReach(p));
    const parent = pick(parents, seed.b);
    return parent === undefined ? null : [{ op: 'organization.put', organization: { ...o, parent } }];
  }
  if (k < 79) {
    const id = pick(projects, seed.a);
    if (id === undefined) return null;
    if (seed.flag) return [{ op: 'project.delete', id, cascade: true }];
    const inside = [...s.resources.values()].filter((r) => r.project === id).map((r) => r.id);
    return [
      ...mappingsWhere(
        s,
        (m) =>
          (m.target.level === 'project' && m.target.id === id) ||
          (m.target.level === 'resource' && inside.includes(m.target.id)),
      ),
      ...inside.map((r) => ({ op: 'resource.delete', id: r }) as Change),
      { op: 'project.delete', id },
    ];
  }
  if (k < 82) {
    // a new project, or a renamed one
    const existing = s.projects.get(pick(projects, seed.a) ?? '');
    if (seed.flag && existing !== undefined)
      return [{ op: 'project.put', project: { ...existing, name: `proj-${existing.id}-${seed.c}` } }];
    const organization = pick(orgs, seed.b);
    if (organization === undefined) return null;
    const id = ids.fresh('p');
    return [{ op: 'project.put', project: { id, name: `proj-${id}`, organization } }];
  }
  if (k < 86) {
    const organization = pick(orgs, seed.a);
    if (organization === undefined) return null;
    const inOrg = projects.filter((p) => s.projects.get(p)!.organization === organization);
    const project = seed.c % 3 === 0 ? null : (pick(inOrg, seed.c) ?? null);
    const id = ids.fresh('r');
    const type = RESOURCE_TYPES[seed.b % 2]!;
    return [
      { op: 'resource.put', resource: { id, type, name: `res-${id}`, organization, project, private: seed.flag } },
    ];
  }
  if (k < 89) {
    const scopes = [...s.scopes.keys()];
    if (!seed.flag && scopes.length > 0) return [{ op: 'scope.delete', name: pick(scopes, seed.a)! }];
    const name = pick(scopes, seed.a) ?? 'scope-new';
    return [
      {
        op: 'scope.put',
        scope: {
          name: seed.c % 2 === 0 ? name : `scope-${ids.fresh('')}`,
          description: null,
          roles: bitsPick(roles, seed.b),
        },
      },
    ];
  }
  if (k < 92) {
    const id = ids.fresh('u');
    const batch: Change[] = [user(id, STATUSES[seed.b % 3]!)];
    const g = pick(groups, seed.a);
    if (g !== undefined && seed.flag) batch.push({ op: 'member.add', membership: { group: g, user: id } });
    return batch;
  }
  if (k < 94) {
    const organization = pick(orgs, seed.a);
    if (organization === undefined) return null;
    return [group(ids.fresh('g'), organization)];
  }
  if (k < 96) {
    // a new role (includes any existing role: they are all earlier)
    const id = `R${ids.fresh('')}`;
    return [{ op: 'role.put', role: role(id, bitsPick(declared, seed.b), bitsPick(roles, seed.c)) }];
  }
  if (k < 97) {
    // Deleting a child organization (or, rarely, the root, which takes everything with it).
    const id = pick(orgs, seed.a);
    return id === undefined ? null : [{ op: 'organization.delete', id, cascade: true }];
  }
  if (k < 98) {
    // An empty batch still makes a revision.
    return [];
  }
  return recreate(s, seed, ids);
}

/** Re-creates a deleted organization, project, resource, group or role under its old id. */
function recreate(s: Snapshot, seed: MutationSeed, ctx: Context): Change[] | null {
  const h = ctx.history;
  const options: Change[] = [];
  for (const o of h.organizations.values()) {
    if (s.organizations.has(o.id)) continue;
    const parent = o.parent !== null && s.organizations.has(o.parent) ? o.parent : null;
    options.push({ op: 'organization.put', organization: { ...o, parent } });
  }
  for (const p of h.projects.values()) {
    if (!s.projects.has(p.id) && s.organizations.has(p.organization)) options.push({ op: 'project.put', project: p });
  }
  for (const r of h.resources.values()) {
    if (s.resources.has(r.id) || !s.organizations.has(r.organization)) continue;
    if (r.project !== null && !s.projects.has(r.project)) continue;
    options.push({ op: 'resource.put', resource: { ...r, private: seed.flag } });
  }
  for (const g of h.groups.values()) {
    if (!s.groups.has(g.id) && s.organizations.has(g.organization)) options.push({ op: 'group.put', group: g });
  }
  for (const r of h.roles.values()) {
    if (s.roles.has(r.id)) continue;
    const permissions = r.permissions.filter((key) => key === '*' || s.permissions.has(key));
    const includes = r.includes.filter((id) => s.roles.has(id) && roleOrdinal(id) < roleOrdinal(r.id));
    options.push({ op: 'role.put', role: { ...r, permissions, includes } });
  }
  const change = pick(options, seed.a + seed.c);
  return change === undefined ? null : [change];
}

export function buildScenario(
  spec: ModelSpec,
  seeds: readonly MutationSeed[],
  options: ScenarioOptions = {},
): Scenario {
  const ids = new Context();
  const model = buildModel(spec);
  ids.remember(model);
  const snapshot = replay(model);
  const mutations: Change[][] = [];
  for (const seed of seeds) {
    const batch = interpretMutation(snapshot, seed, ids, options);
    if (batch === null) continue;
    mutations.push(batch);
    ids.remember(batch);
    replay(batch, snapshot);
  }
  return { model, mutations };
}

/**
 * One batch made of several valid mutations of the scenario's final state, interpreted one after
 * the other (fresh ids from 10000 on, so they never clash with the scenario's).
 */
export function extraBatch(
  scenario: Scenario,
  seeds: readonly MutationSeed[],
  options: ScenarioOptions = {},
): Change[] {
  const ctx = new Context(10_000);
  const changes = allChanges(scenario);
  ctx.remember(changes);
  const snapshot = replay(changes);
  const batch: Change[] = [];
  for (const seed of seeds) {
    const part = interpretMutation(snapshot, seed, ctx, options);
    if (part === null) continue;
    batch.push(...part);
    ctx.remember(part);
    replay(part, snapshot);
  }
  return batch;
}

export function allChanges(scenario: Scenario): Change[] {
  return [...scenario.model, ...scenario.mutations.flat()];
}

// ───────────────────────────── what to ask about ─────────────────────────────

export interface Universe {
  /** Every user id ever created, an unknown id, and the guest (null). */
  readonly users: (string | null)[];
  /** Every key of the pool (declared or not), plus undeclared oddities. */
  readonly permissions: string[];
  /** Every target ever created (some may be gone), plus an unknown one. */
  readonly targets: Ref[];
  readonly types: string[];
  readonly scopes: string[];
}

export function universe(changes: readonly Change[]): Universe {
  const users = new Set<string>();
  const targets = new Map<string, Ref>();
  const scopes = new Set<string>();
  for (const c of changes) {
    if (c.op === 'user.put') users.add(c.user.id);
    else if (c.op === 'organization.put')
      targets.set(`o:${c.organization.id}`, { type: 'organization', id: c.organization.id });
    else if (c.op === 'project.put') targets.set(`p:${c.project.id}`, { type: 'project', id: c.project.id });
    else if (c.op === 'resource.put') targets.set(`r:${c.resource.id}`, { type: c.resource.type, id: c.resource.id });
    else if (c.op === 'scope.put') scopes.add(c.scope.name);
  }
  return {
    users: [null, ...users, 'nobody'],
    permissions: [...PERMISSION_POOL, 'zzz', '*'],
    targets: [...targets.values(), { type: 'api', id: 'no-such-api' }],
    types: ['organization', 'project', ...RESOURCE_TYPES],
    scopes: [...scopes, 'no-such-scope'],
  };
}

export { emptySnapshot };
