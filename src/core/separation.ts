/**
 * Separation of duties (docs/concepts.md#separation-of-duties), pure.
 *
 * Static (NIST SSD): no user may hold both roles of a static constraint, through any path — a
 * mapping to the user, to a group the user belongs to, or to everyone, of the role itself or of a
 * role that includes it at any depth — anywhere in the constraint's scope (the whole installation,
 * or the constraint's organization and those below it), whatever the targets of the two mappings
 * and whatever their time limits. The gate refuses any write that would leave a user holding both.
 *
 * Dynamic (NIST DSD): a user may hold both, but one session never uses both: a decision made for a
 * session that already used one role (`CheckRequest.activeRoles`) does not count the other.
 */
import type { AccessEngine } from './engine.js';
import type { RoleMapping, SodConstraint } from './model.js';

/** How a user holds a role: the mapping, the group it came through, and the chain of included roles. */
export interface HoldingPath {
  readonly mapping: string;
  /** `user`, `group NAME` or `everyone`. */
  readonly via: string;
  /** Role names from the mapped role down to the constrained one. */
  readonly through: readonly string[];
  /** The organization, project or resource the mapping sits at, by name. */
  readonly at: string;
}

export interface StaticViolation {
  readonly constraint: SodConstraint;
  readonly user: { readonly id: string; readonly name: string };
  readonly roles: readonly [
    { readonly id: string; readonly name: string },
    { readonly id: string; readonly name: string },
  ];
  readonly paths: readonly [HoldingPath, HoldingPath];
}

/** The roles a dynamic constraint keeps out of a session that used `used` (role ids, closures included), for targets in `organizations`. */
export function dynamicExclusions(
  constraints: Iterable<SodConstraint>,
  used: ReadonlySet<string>,
  organizations: ReadonlySet<string>,
): Set<string> {
  const banned = new Set<string>();
  for (const constraint of constraints) {
    if (constraint.kind !== 'dynamic') continue;
    if (constraint.organization !== null && !organizations.has(constraint.organization)) continue;
    const [a, b] = constraint.roles;
    if (used.has(a)) banned.add(b);
    if (used.has(b)) banned.add(a);
  }
  return banned;
}

/** Whether a static constraint holds where a mapping sits: installation-wide, or at its organization or below. */
function inScope(engine: AccessEngine, constraint: SodConstraint, mapping: RoleMapping): boolean {
  if (constraint.organization === null) return true;
  const type = mapping.target.level === 'resource' ? resourceType(engine, mapping.target.id) : mapping.target.level;
  return engine.organizationChain({ type, id: mapping.target.id }).includes(constraint.organization);
}

function resourceType(engine: AccessEngine, id: string): string {
  return engine.resource(id)?.type ?? 'resource';
}

/** The role names from `from` down to `to` through includes, or null when `from` does not include `to`. */
function includePath(engine: AccessEngine, from: string, to: string, seen = new Set<string>()): string[] | null {
  const role = engine.role(from);
  if (role === undefined || seen.has(from)) return null;
  if (from === to) return [role.name];
  seen.add(from);
  for (const included of role.includes) {
    const rest = includePath(engine, included, to, seen);
    if (rest !== null) return [role.name, ...rest];
  }
  return null;
}

/**
 * Every user (of `users`, or all when null) who holds both roles of a static constraint, with one
 * path to each role. Reads the engine as it is (the gate calls it on the state a batch would leave).
 */
export function staticViolations(engine: AccessEngine, users: ReadonlySet<string> | null): StaticViolation[] {
  const constraints = engine.constraints().filter((c) => c.kind === 'static');
  if (constraints.length === 0) return [];
  // Read by subject from the index: each candidate costs its own, its groups' and everyone's mappings.
  const byGroup = new Map<string, RoleMapping[]>();
  const ofGroup = (id: string): RoleMapping[] => {
    let found = byGroup.get(id);
    if (found === undefined) byGroup.set(id, (found = engine.mappingsOf({ kind: 'group', id })));
    return found;
  };
  const everyone = engine.mappingsOf({ kind: 'everyone' });
  const violations: StaticViolation[] = [];
  const candidates = users === null ? engine.users().map((u) => u.id) : [...users];
  for (const userId of candidates) {
    const user = engine.user(userId);
    if (user === undefined) continue;
    const held: { mapping: RoleMapping; via: string }[] = [
      ...engine.mappingsOf({ kind: 'user', id: user.id }).map((mapping) => ({ mapping, via: 'user' })),
      ...engine
        .groupsOf(userId)
        .flatMap((g) => ofGroup(g).map((mapping) => ({ mapping, via: `group ${engine.group(g)?.name ?? g}` }))),
      ...everyone.map((mapping) => ({ mapping, via: 'everyone' })),
    ];
    if (held.length < 1) continue;
    for (const constraint of constraints) {
      const paths = constraint.roles.map((role) => {
        for (const { mapping, via } of held) {
          if (!inScope(engine, constraint, mapping)) continue;
          const through = includePath(engine, mapping.role, role);
          if (through !== null) return { mapping: mapping.id, via, through, at: targetName(engine, mapping) };
        }
        return null;
      });
      const [a, b] = paths;
      if (a === null || b === null || a === undefined || b === undefined) continue;
      violations.push({
        constraint,
        user: { id: user.id, name: `${user.store}/${user.username}` },
        roles: [roleRef(engine, constraint.roles[0]), roleRef(engine, constraint.roles[1])],
        paths: [a, b],
      });
    }
  }
  return violations;
}

function roleRef(engine: AccessEngine, id: string): { id: string; name: string } {
  return { id, name: engine.role(id)?.name ?? id };
}

function targetName(engine: AccessEngine, mapping: RoleMapping): string {
  const type = mapping.target.level === 'resource' ? resourceType(engine, mapping.target.id) : mapping.target.level;
  const described = engine.describeTarget({ type, id: mapping.target.id });
  return `${mapping.target.level} ${described?.name ?? mapping.target.id}`;
}

/** A path in words: `directly at organization acme`, `through group Approvers, as Lead > Approver, at project acme/x`. */
export function describePath(path: HoldingPath): string {
  const via = path.via === 'user' ? 'directly' : path.via === 'everyone' ? 'as everyone' : `through ${path.via}`;
  const through = path.through.length > 1 ? `, as ${path.through.join(' > ')}` : '';
  return `${via}${through}, at ${path.at}`;
}
