/**
 * The benchmark's synthetic model and checks: deterministic (seeded mulberry32), integer-indexed,
 * shared read-only by every contender. Each contender turns it into its own input format.
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Sizes {
  readonly projects: number;
  readonly users: number;
  readonly groups: number;
  readonly permissions: number;
  readonly roles: number;
  readonly orgMappings: number;
  readonly projectMappings: number;
}

export const SIZES: Sizes = {
  projects: 1_000,
  users: 100_000,
  groups: 5_000,
  permissions: 60,
  roles: 12,
  orgMappings: 200,
  projectMappings: 20_000,
};

export interface OrgMapping {
  readonly id: string;
  readonly group: number;
  readonly role: number;
}

export interface ProjectMapping extends OrgMapping {
  readonly project: number;
}

/** One check as every contender receives it: three strings. */
export interface Check {
  readonly user: string;
  readonly permission: string;
  readonly project: string;
}

export interface Workload {
  readonly orgId: string;
  readonly projectIds: readonly string[];
  readonly userIds: readonly string[];
  readonly groupIds: readonly string[];
  readonly permissionKeys: readonly string[];
  readonly roleIds: readonly string[];
  /** Permission indices per role (distinct). */
  readonly rolePermissions: readonly (readonly number[])[];
  /** Group indices per user (distinct, 1–3). */
  readonly userGroups: readonly (readonly number[])[];
  readonly orgMappings: readonly OrgMapping[];
  readonly projectMappings: readonly ProjectMapping[];
}

function int(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}

/** `count` distinct integers from [0, n), by a partial Fisher–Yates shuffle. */
function sample(rand: () => number, n: number, count: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + int(rand, n - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, count);
}

export function generateWorkload(seed = 42, sizes: Sizes = SIZES): Workload {
  const rand = mulberry32(seed);
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const rolePermissions = Array.from({ length: sizes.roles }, () =>
    sample(rand, sizes.permissions, 5 + int(rand, 36)).sort((a, b) => a - b),
  );
  const userGroups: number[][] = [];
  for (let u = 0; u < sizes.users; u++) {
    const k = 1 + int(rand, 3);
    const groups: number[] = [];
    while (groups.length < k) {
      const g = int(rand, sizes.groups);
      if (!groups.includes(g)) groups.push(g);
    }
    userGroups.push(groups);
  }
  // Distinct (group, role[, project]) triples, so that no contender has to deal with duplicates.
  const seen = new Set<string>();
  const orgMappings: OrgMapping[] = [];
  while (orgMappings.length < sizes.orgMappings) {
    const group = int(rand, sizes.groups);
    const role = int(rand, sizes.roles);
    const key = `${group}/${role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    orgMappings.push({ id: `mo${orgMappings.length}`, group, role });
  }
  const projectMappings: ProjectMapping[] = [];
  while (projectMappings.length < sizes.projectMappings) {
    const group = int(rand, sizes.groups);
    const role = int(rand, sizes.roles);
    const project = int(rand, sizes.projects);
    const key = `${group}/${role}/${project}`;
    if (seen.has(key)) continue;
    seen.add(key);
    projectMappings.push({ id: `mp${projectMappings.length}`, group, role, project });
  }
  return {
    orgId: 'org0',
    projectIds: ids('prj', sizes.projects),
    userIds: ids('u', sizes.users),
    groupIds: ids('g', sizes.groups),
    permissionKeys: ids('p', sizes.permissions),
    roleIds: ids('r', sizes.roles),
    rolePermissions,
    userGroups,
    orgMappings,
    projectMappings,
  };
}

/** What the check generator needs from the reference implementation (the hand-written baseline). */
export interface Oracle {
  /** The permission indices a user effectively holds on a project. */
  effective(user: number, project: number): number[];
}

/**
 * Random checks. With probability `targeted` the check is aimed at something the user holds: a project
 * the user has a mapping on (or any project when the user has an organization-level grant) and a
 * permission from the user's effective set there; otherwise user, permission and project are uniform.
 * Uniform checks are allowed ~3% of the time, so `targeted` ≈ 0.48 gives about half allowed.
 */
export function generateChecks(w: Workload, oracle: Oracle, count: number, seed = 7, targeted = 0.48): Check[] {
  const rand = mulberry32(seed);
  const groupProjects: number[][] = w.groupIds.map(() => []);
  const groupHasOrg = new Uint8Array(w.groupIds.length);
  for (const m of w.projectMappings) groupProjects[m.group]!.push(m.project);
  for (const m of w.orgMappings) groupHasOrg[m.group] = 1;
  const checks: Check[] = [];
  while (checks.length < count) {
    const u = int(rand, w.userIds.length);
    let project = int(rand, w.projectIds.length);
    let permission = int(rand, w.permissionKeys.length);
    if (rand() < targeted) {
      const groups = w.userGroups[u]!;
      const candidates = groups.flatMap((g) => groupProjects[g]!);
      const org = groups.some((g) => groupHasOrg[g] === 1);
      if (candidates.length > 0 && !(org && rand() < 0.5)) project = candidates[int(rand, candidates.length)]!;
      const held = oracle.effective(u, project);
      if (held.length > 0) permission = held[int(rand, held.length)]!;
    }
    checks.push({ user: w.userIds[u]!, permission: w.permissionKeys[permission]!, project: w.projectIds[project]! });
  }
  return checks;
}
