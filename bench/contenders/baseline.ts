import type { Oracle, Workload } from '../workload.js';
import { type Built, type ContenderSpec, elapsedMs } from './contender.js';

/**
 * The practical limit of a JavaScript check: integer ids, CSR arrays, and per (group, node)
 * role-permission bitsets (2 × 32 bits for 60 permissions), OR-merged per node at build time.
 * Strings still go through Maps, as for the other contenders.
 */
export class BaselineIndex implements Oracle {
  readonly users = new Map<string, number>();
  readonly projects = new Map<string, number>();
  readonly permissions = new Map<string, number>();
  /** CSR: the groups of user u are userGroupList[userGroupStart[u] .. userGroupStart[u + 1]). */
  readonly userGroupStart: Int32Array;
  readonly userGroupList: Int32Array;
  /** Organization-level bits per group: words 2g, 2g + 1. */
  readonly orgBits: Uint32Array;
  /** CSR of (project, bits) per group: mapProject[i], mapBits[2i], mapBits[2i + 1]. */
  readonly groupMapStart: Int32Array;
  readonly mapProject: Int32Array;
  readonly mapBits: Uint32Array;

  constructor(w: Workload) {
    w.userIds.forEach((id, i) => this.users.set(id, i));
    w.projectIds.forEach((id, i) => this.projects.set(id, i));
    w.permissionKeys.forEach((key, i) => this.permissions.set(key, i));
    const roleBits = w.rolePermissions.map((perms) => {
      const bits = new Uint32Array(2);
      for (const p of perms) bits[p >>> 5]! |= 1 << (p & 31);
      return bits;
    });
    const nUsers = w.userIds.length;
    this.userGroupStart = new Int32Array(nUsers + 1);
    let total = 0;
    for (let u = 0; u < nUsers; u++) {
      this.userGroupStart[u] = total;
      total += w.userGroups[u]!.length;
    }
    this.userGroupStart[nUsers] = total;
    this.userGroupList = new Int32Array(total);
    for (let u = 0; u < nUsers; u++) this.userGroupList.set(w.userGroups[u]!, this.userGroupStart[u]!);

    const nGroups = w.groupIds.length;
    this.orgBits = new Uint32Array(2 * nGroups);
    for (const m of w.orgMappings) {
      this.orgBits[2 * m.group]! |= roleBits[m.role]![0]!;
      this.orgBits[2 * m.group + 1]! |= roleBits[m.role]![1]!;
    }
    // Merge the project mappings per (group, project).
    const perGroup: Map<number, [number, number]>[] = Array.from({ length: nGroups }, () => new Map());
    for (const m of w.projectMappings) {
      const nodes = perGroup[m.group]!;
      const bits = roleBits[m.role]!;
      const cur = nodes.get(m.project);
      if (cur === undefined) nodes.set(m.project, [bits[0]!, bits[1]!]);
      else nodes.set(m.project, [(cur[0] | bits[0]!) >>> 0, (cur[1] | bits[1]!) >>> 0]);
    }
    this.groupMapStart = new Int32Array(nGroups + 1);
    total = 0;
    for (let g = 0; g < nGroups; g++) {
      this.groupMapStart[g] = total;
      total += perGroup[g]!.size;
    }
    this.groupMapStart[nGroups] = total;
    this.mapProject = new Int32Array(total);
    this.mapBits = new Uint32Array(2 * total);
    let i = 0;
    for (let g = 0; g < nGroups; g++) {
      for (const [project, [lo, hi]] of perGroup[g]!) {
        this.mapProject[i] = project;
        this.mapBits[2 * i] = lo;
        this.mapBits[2 * i + 1] = hi;
        i++;
      }
    }
  }

  /** The decision on integer ids. */
  decide(u: number, project: number, p: number): boolean {
    const word = p >>> 5;
    const mask = 1 << (p & 31);
    const end = this.userGroupStart[u + 1]!;
    for (let i = this.userGroupStart[u]!; i < end; i++) {
      const g = this.userGroupList[i]!;
      if ((this.orgBits[2 * g + word]! & mask) !== 0) return true;
      const mapEnd = this.groupMapStart[g + 1]!;
      for (let j = this.groupMapStart[g]!; j < mapEnd; j++) {
        if (this.mapProject[j] === project && (this.mapBits[2 * j + word]! & mask) !== 0) return true;
      }
    }
    return false;
  }

  check(user: string, permission: string, project: string): boolean {
    const u = this.users.get(user);
    const p = this.permissions.get(permission);
    const n = this.projects.get(project);
    if (u === undefined || p === undefined || n === undefined) return false;
    return this.decide(u, n, p);
  }

  effective(user: number, project: number): number[] {
    const held: number[] = [];
    for (let p = 0; p < this.permissions.size; p++) if (this.decide(user, project, p)) held.push(p);
    return held;
  }
}

export const baseline: ContenderSpec = {
  name: 'hand-written baseline',
  async build(w: Workload): Promise<Built> {
    const start = process.hrtime.bigint();
    const index = new BaselineIndex(w);
    const buildMs = elapsedMs(start);
    return {
      buildMs,
      contender: {
        check: (c) => index.check(c.user, c.permission, c.project),
        run(checks, from, to) {
          let allowed = 0;
          for (let i = from; i < to; i++) {
            const c = checks[i]!;
            if (index.check(c.user, c.permission, c.project)) allowed++;
          }
          return allowed;
        },
      },
    };
  },
};
